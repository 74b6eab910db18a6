import { scratchReadModels } from '../fixtures';
import { projectionRunner } from '../runner';
import { seedDataAccess } from './fixtures';
import { dataAccessProjection } from './projection';
import { anomalies } from './queries';

describe('data-access anomalies outside hours', () => {
  it("lists an office that looked up outside usual hours and one refused by its instruction's hours within them", async () => {
    const { store, db, close } = scratchReadModels('anomalies');
    try {
      await seedDataAccess(store);
      await projectionRunner({ store, db, projections: [dataAccessProjection()] }).catchUp();
      const found = await anomalies(db, {
        from: '2024-09-20T20:30:00.000Z',
        to: '2024-09-21T20:30:00.000Z',
        fromDay: '1403/06/31',
        toDay: '1403/06/31',
      });
      expect(found.filter((a) => a.kind === 'outside-hours')).toEqual([
        { kind: 'outside-hours', officeId: 'OF2', count: 1 },
        { kind: 'outside-hours', officeId: 'OF3', count: 1 },
      ]);
    } finally {
      await close();
    }
  });
});
