import { genesisHash } from '../../contracts/events/ledger';
import { rootOf } from '../../contracts/ledger/merkle';
import { memoryEventStore } from '../shared/eventStore';
import { readChain } from '../../projections/seals/chain';
import { ledgerSealer } from './sealer';
import { verifyLedger } from '../../projections/seals/verifyLedger';

const dayMs = 86_400_000;
/** 2026-03-21 00:00 in Tehran. */
const firstDay = Date.parse('2026-03-20T20:30:00Z');

async function logOverDays(eventsPerDay: readonly number[]) {
  let now = firstDay;
  const store = memoryEventStore({ now: () => new Date(now) });
  for (const [d, n] of eventsPerDay.entries())
    for (let i = 0; i < n; i++) {
      now = firstDay + d * dayMs + 1000 * (i + 1);
      await store.append(
        `payment-${d}-${i}`,
        [{ type: 'PaymentRecorded', data: { i, d } }],
        'no_stream',
      );
    }
  return { store, setNow: (t: number) => (now = t) };
}

describe('the ledger sealer', () => {
  it('seals nothing before a day has ended and its grace has passed', async () => {
    const { store, setNow } = await logOverDays([3]);
    setNow(firstDay + dayMs + 9 * 60_000);
    const sealer = ledgerSealer({
      store,
      now: () => new Date(firstDay + dayMs + 9 * 60_000),
      graceMinutes: 10,
    });
    expect(await sealer.runOnce()).toEqual([]);
    const later = ledgerSealer({
      store,
      now: () => new Date(firstDay + dayMs + 10 * 60_000),
      graceMinutes: 10,
    });
    expect((await later.runOnce()).map((s) => [s.day, s.count])).toEqual([['2026-03-21', 3]]);
  });

  it('seals empty days too, chaining each seal to the one before', async () => {
    const { store, setNow } = await logOverDays([2, 0, 0, 1]);
    setNow(firstDay + 10 * dayMs);
    const seals = await ledgerSealer({
      store,
      now: () => new Date(firstDay + 10 * dayMs),
      graceMinutes: 10,
    }).runOnce();
    expect(seals.slice(0, 4).map((s) => s.count)).toEqual([2, 0, 0, 1]);
    expect(seals[1]!.root).toBe(rootOf([]).toString('hex'));
    expect(seals[0]!.previous).toBe(genesisHash);
    for (let i = 1; i < seals.length; i++) {
      expect(seals[i]!.previous).toBe(seals[i - 1]!.sealHash);
      expect(seals[i]!.from).toBe(seals[i - 1]!.to);
    }
    expect((await verifyLedger({ store })).discrepancy).toBeUndefined();
  });

  it('when nodes race, each day is sealed once and the chain verifies', async () => {
    const { store, setNow } = await logOverDays([5, 4, 3]);
    setNow(firstDay + 4 * dayMs);
    const now = () => new Date(firstDay + 3 * dayMs + 11 * 60_000);
    const nodes = [1, 2, 3].map(() => ledgerSealer({ store, now, graceMinutes: 10 }));
    const appended = (await Promise.all(nodes.map((n) => n.runOnce()))).flat();
    const chain = await readChain(store);
    expect(chain.map((s) => s.day)).toEqual(['2026-03-21', '2026-03-22', '2026-03-23']);
    expect(appended).toHaveLength(3);
    expect(await nodes[0]!.runOnce()).toEqual([]);
    expect((await verifyLedger({ store })).days).toBe(3);
  });

  it('an empty log has nothing to seal', async () => {
    const store = memoryEventStore();
    expect(
      await ledgerSealer({ store, now: () => new Date(), graceMinutes: 10 }).runOnce(),
    ).toEqual([]);
  });
});
