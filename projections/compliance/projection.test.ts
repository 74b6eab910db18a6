import { scratchReadModels, seedLedger } from '../fixtures';
import { foldFresh } from '../foldFresh';
import { complianceProjection } from './projection';

describe('compliance folds reassessments against a backdated tariff', () => {
  it('replaces the tariff verdict with the one the new version gives, keeping what was returned', async () => {
    const { store, db, close } = scratchReadModels('compliance');
    await seedLedger(store, 30);
    const build = await foldFresh(store, db, complianceProjection());
    const rows = (table: string) =>
      db.read((tx) => tx.all<Record<string, unknown>>(`SELECT * FROM ${build.prefix}_${table}`));
    const [allFlagged, allViolations] = [await rows('flagged'), await rows('violations')];
    const flagged = (id: string) => allFlagged.find((r) => r.payment_id === id);
    const types = (id: string) =>
      allViolations.filter((r) => r.payment_id === id).map((r) => r.type);
    expect(flagged('T1-3')).toBeUndefined();
    expect(types('T1-3')).toEqual([]);
    expect(flagged('T1-10')).toMatchObject({ tariff_id: null });
    expect(flagged('T1-1')).toMatchObject({
      excess: 0n,
      returned: 0n,
      tariff_id: 'S2/v2',
      tariff_version: 2n,
    });
    expect(types('T1-1')).toEqual(['undercharge']);
    const [first] = await store.readStream('payment-T1-5');
    const amount = BigInt((first!.data as { amount: string }).amount);
    expect(flagged('T1-5')).toMatchObject({ excess: 1000n, returned: amount, tariff_id: 'S2/v2' });
    await close();
  });
});
