import type { SettlementBatchClosed } from '../../contracts/events/settlement';
import { agencyPart, batchSummary, collectPage, scanChunk, type ReadBatches } from './payouts';

const line = (
  n: number,
  kind: 'agency' | 'office' | 'vat',
  beneficiaryId: string,
  amount: string,
) => ({
  endToEndId: `STL-14050907-${String(n).padStart(5, '0')}`,
  kind,
  beneficiaryId,
  iban: 'IR820540102680020817909002',
  depositId: kind === 'agency' ? `3000${n}` : '',
  amount,
  payments: n,
});

function batch(day: string, agencies: string[]): SettlementBatchClosed {
  const instructions = [
    ...agencies.map((a, i) => line(i + 1, 'agency', a, String(1000 * (i + 1)))),
    line(90, 'office', 'OF-A', '700'),
    line(91, 'vat', '', '63'),
  ];
  return {
    batchId: `STL-${day.replace(/\//g, '')}`,
    day,
    cutoff: '00:00',
    ledgerPosition: 42,
    debtor: { name: 'Shaparak settlement', iban: 'IR820540102680020817909002' },
    instructions,
    notPaidOut: [
      {
        kind: 'agency',
        beneficiaryId: 'registry',
        iban: '',
        depositId: '9',
        net: '-5',
        reason: 'negative-net',
      },
    ],
    total: instructions.reduce((s, i) => s + BigInt(i.amount), 0n).toString(),
    contentSha256: 'ab'.repeat(32),
    closedAt: '2026-11-29T08:00:00.000Z',
    closedBy: 'regulator',
  } as SettlementBatchClosed;
}

describe("an agency's part of a closed settlement batch (دسته تسویه)", () => {
  it('keeps only the instructions crediting its own accounts, totals them, and keeps the batch identity', () => {
    const whole = batch('1405/09/07', ['traffic', 'registry']);
    const part = agencyPart(whole, 'traffic')!;
    expect(part.instructions.map((i) => [i.kind, i.beneficiaryId])).toEqual([
      ['agency', 'traffic'],
    ]);
    expect(part.notPaidOut).toEqual([]);
    expect(part).toMatchObject({
      agencyId: 'traffic',
      total: '1000',
      contentSha256: whole.contentSha256,
      ledgerPosition: 42,
    });
    expect(batchSummary(part)).toMatchObject({
      instructions: 1,
      payments: 1,
      total: '1000',
      notPaidOut: 0,
    });
  });

  it("keeps an agency's own account that was not paid out, even on a day with no instruction to it", () => {
    const part = agencyPart(batch('1405/09/07', ['traffic']), 'registry')!;
    expect(part.instructions).toEqual([]);
    expect(part.total).toBe('0');
    expect(part.notPaidOut.map((n) => n.reason)).toEqual(['negative-net']);
  });

  it('is nothing for a day that neither pays nor holds anything of the agency', () => {
    expect(agencyPart(batch('1405/09/07', ['registry']), 'traffic')).toBeUndefined();
    expect(agencyPart(batch('1405/09/07', ['traffic']), 'OF-A')).toBeUndefined();
  });
});

describe('a page of closed days for one reader, read a chunk at a time', () => {
  /** 130 closed days, newest last in the array; only every seventh pays `traffic`. */
  const days = Array.from({ length: 130 }, (_, i) => {
    const d = `1405/${String(1 + Math.floor(i / 30)).padStart(2, '0')}/${String(1 + (i % 30)).padStart(2, '0')}`;
    return { day: d, batch: batch(d, i % 7 === 0 ? ['traffic'] : ['registry']) };
  });
  const reads: string[] = [];
  const read: ReadBatches = async (before, n) => {
    reads.push(before);
    return days
      .filter((d) => d.day < before)
      .reverse()
      .slice(0, n);
  };
  const traffic = (b: SettlementBatchClosed) => agencyPart(b, 'traffic');
  const payingTraffic = days
    .filter((_, i) => i % 7 === 0)
    .map((d) => d.day)
    .reverse();

  it('fills a page across chunks, newest first, and says when there are more', async () => {
    reads.length = 0;
    const first = await collectPage(read, { limit: 10 }, traffic);
    expect(first.items.map((b) => b.day)).toEqual(payingTraffic.slice(0, 10));
    expect(first.more).toBe(true);
    expect(reads.length).toBeGreaterThan(1);
    expect(scanChunk).toBeLessThan(70);
    const rest = await collectPage(read, { before: first.items.at(-1)!.day, limit: 10 }, traffic);
    expect(rest.items.map((b) => b.day)).toEqual(payingTraffic.slice(10));
    expect(rest.more).toBe(false);
  });

  it('a page exactly as long as what is left has no more after it', async () => {
    const all = await collectPage(read, { limit: payingTraffic.length }, traffic);
    expect(all.items).toHaveLength(payingTraffic.length);
    expect(all.more).toBe(false);
    const everyone = await collectPage(read, { limit: 100 }, (b) => b);
    expect(everyone.items).toHaveLength(100);
    expect(everyone.more).toBe(true);
  });
});
