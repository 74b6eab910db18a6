import type { TestApp } from '../support/app';
import { send, startTwoTenantApp, type World } from '../support/tenants';

const stranger = 'IR920170000000000000000004';
const vatIban = 'IR060100000000401234567890';
const header = 'terminal_id,rrn,iban,amount,settlement_date';

interface Posting {
  kind: string;
  iban?: string;
  amount: string;
}

describe('PSP settlement files (تسهیم): upload, reconcile, read back', () => {
  let t: TestApp;
  let w: World;
  let file: string;
  let runId: string;
  const as = () => w.A.auth.regulator;

  const postingsOf = async (paymentId: string) => {
    const res = await send(t, 'GET', `/v1/payments/${paymentId}`, as()).expect(200);
    const postings = res.body.postings as Posting[];
    const of = (kind: string) => postings.find((p) => p.kind === kind)!;
    return {
      agency: of('agency'),
      office: of('office'),
      vat: of('vat'),
      technical: of('technical'),
    };
  };

  beforeAll(async () => {
    ({ t, w } = await startTwoTenantApp(1000));
    const first = await postingsOf(w.A.paymentId);
    const secondId = w.A.paymentId.replace(/-[^-]+$/, `-${w.A.reversal.rrn}`);
    const second = await postingsOf(secondId);
    const rrn1 = w.A.paymentId.split('-').at(-1)!;
    const rrn2 = w.A.reversal.rrn;
    const row = (rrn: string, iban: string, amount: string | bigint, date = '1405/09/08') =>
      `${w.A.terminalId},${rrn},${iban},${String(amount)},${date}`;
    file = [
      header,
      row(rrn1, first.agency.iban!, first.agency.amount),
      row(rrn1, stranger, first.office.amount, '2026-11-29'),
      row(rrn1, first.technical.iban!, first.technical.amount),
      row(rrn2, second.agency.iban!, BigInt(second.agency.amount) - 1n),
      row(rrn2, second.office.iban!, second.office.amount),
      row(rrn2, vatIban, second.vat.amount),
      row(rrn2, second.technical.iban!, second.technical.amount),
      row('ZZ0000000001', first.office.iban!, '5000'),
    ].join('\r\n');
  }, 60_000);

  afterAll(() => t.close());

  const upload = (content: string) =>
    send(t, 'POST', '/v1/psp-settlements', as(), {
      from: '1405/09/01',
      to: '1405/09/30',
      content,
    });

  it('records a run with every outcome, a wrong IBAN among them, and totals per beneficiary', async () => {
    const res = await upload(file).expect(201);
    runId = res.body.runId as string;
    expect(res.body.rows).toBe(8);
    expect(res.body.settledOn).toEqual(['1405/09/08']);
    expect(res.body.totals.outcomes).toEqual({
      matched: 5,
      amount_mismatch: 1,
      iban_mismatch: 1,
      missing_in_file: 1,
      unexpected_in_file: 1,
    });
    expect(
      BigInt(res.body.totals.credited as string) - BigInt(res.body.totals.expected as string),
    ).toBe(BigInt(res.body.totals.difference as string));
    const beneficiaries = res.body.beneficiaries as Array<{
      iban: string;
      kind?: string;
      beneficiaryId?: string;
      difference: string;
    }>;
    expect(beneficiaries.find((b) => b.iban === stranger)).toMatchObject({
      difference: expect.any(String),
    });
    expect(beneficiaries.find((b) => b.kind === 'agency')).toMatchObject({
      beneficiaryId: 'traffic',
      difference: '-1',
    });
    const events = await t.store.readStream(`pspsettlement-${runId}`);
    expect(events.map((e) => e.type)).toEqual(['PspSettlementReconciled']);
  });

  it('the outcomes are read back row by row, in the file’s order, and by kind', async () => {
    const all = await send(t, 'GET', `/v1/psp-settlements/${runId}/outcomes`, as()).expect(200);
    const items = all.body.items as Array<{
      kind: string;
      file?: { line: number; iban: string };
      expected?: { kind: string; iban: string };
    }>;
    expect(items.map((o) => [o.kind, o.file?.line ?? null, o.expected?.kind ?? null])).toEqual([
      ['matched', 2, 'agency'],
      ['iban_mismatch', 3, 'office'],
      ['matched', 4, 'technical'],
      ['amount_mismatch', 5, 'agency'],
      ['matched', 6, 'office'],
      ['matched', 7, 'vat'],
      ['matched', 8, 'technical'],
      ['unexpected_in_file', 9, null],
      ['missing_in_file', null, 'vat'],
    ]);
    expect(items[1]).toMatchObject({ file: { iban: stranger } });
    const wrongIban = await send(
      t,
      'GET',
      `/v1/psp-settlements/${runId}/outcomes?kind=iban_mismatch`,
      as(),
    ).expect(200);
    expect(wrongIban.body.items).toHaveLength(1);
    const paged = await send(t, 'GET', `/v1/psp-settlements/${runId}/outcomes?limit=5`, as());
    const rest = await send(
      t,
      'GET',
      `/v1/psp-settlements/${runId}/outcomes?limit=5&cursor=${paged.body.nextCursor as string}`,
      as(),
    );
    expect([...paged.body.items, ...rest.body.items]).toEqual(all.body.items);
  });

  it('the same file again changes nothing: 200 with the first run', async () => {
    const head = await t.store.headPosition();
    const again = await upload(file).expect(200);
    expect(again.body.runId).toBe(runId);
    expect(await t.store.headPosition()).toBe(head);
    const list = await send(t, 'GET', '/v1/psp-settlements', as()).expect(200);
    expect((list.body.items as Array<{ runId: string }>).map((r) => r.runId)).toEqual([runId]);
  });

  it('a malformed file is refused as problem+json naming the line, and nothing is recorded', async () => {
    const head = await t.store.headPosition();
    const bad = file.replace(stranger, 'IR920170000000000000000005');
    const res = await upload(bad).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors[0].path).toBe('content.line.3');
    expect(res.body.detail ?? res.body.title).toBeDefined();
    expect(await t.store.headPosition()).toBe(head);
  });

  it('an agency reads the runs touching its own fees, only its own accounts; another agency finds nothing', async () => {
    const own = await send(t, 'GET', `/v1/psp-settlements/${runId}`, w.A.auth.agency).expect(200);
    expect(own.body.beneficiaries).toHaveLength(1);
    expect(own.body.beneficiaries[0]).toMatchObject({ kind: 'agency', beneficiaryId: 'traffic' });
    expect(own.body.totals.outcomes).toMatchObject({ matched: 1, amount_mismatch: 1 });
    const rows = await send(t, 'GET', `/v1/psp-settlements/${runId}/outcomes`, w.A.auth.agency);
    expect(
      (rows.body.items as Array<{ expected?: { kind: string } }>).map((o) => o.expected?.kind),
    ).toEqual(['agency', 'agency']);
    await send(t, 'GET', `/v1/psp-settlements/${runId}`, w.B.auth.agency).expect(404);
    await send(t, 'GET', `/v1/psp-settlements/${runId}/outcomes`, w.B.auth.agency).expect(404);
    const list = await send(t, 'GET', '/v1/psp-settlements', w.B.auth.agency).expect(200);
    expect(list.body.items).toEqual([]);
  });
});
