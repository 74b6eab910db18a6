import { halfYear } from '../../src/shared/jalaliPeriod';
import type { EventStore } from '../../src/shared/eventStore';
import type { ReadModelDb } from '../db';
import { businessDays, dayKey } from '../businessDay';
import { scratchReadModels, seedLedger } from '../fixtures';
import { projectionRunner } from '../runner';
import {
  complaintFiledEvent,
  complaintStreamOf,
  officeRespondedEvent,
  responseRequestedEvent,
  seedSupervision,
} from './fixtures';
import { supervisionProjection } from './projection';
import { officeActions, officeMeasures } from './queries';

let store: EventStore;
let db: ReadModelDb;
let close: () => Promise<void>;
beforeEach(async () => {
  ({ store, db, close } = scratchReadModels('supervision'));
  await seedLedger(store, 30, { complaints: false });
  await seedSupervision(store);
});
afterEach(() => close());

const h1 = halfYear(1403, 1);
const h2 = halfYear(1403, 2);
const asOf = new Date('2024-10-10T00:00:00Z');

async function caughtUp() {
  const runner = projectionRunner({
    store,
    db,
    projections: [supervisionProjection()],
    batchSize: 5,
  });
  await runner.catchUp();
  return runner;
}

const measuresOf = async (period = h2, at = asOf) =>
  new Map((await officeMeasures(db, { period, asOf: at })).offices.map((o) => [o.officeId, o]));

const rowsOf = (sql: string) => db.read((tx) => tx.all<Record<string, unknown>>(sql));

describe('the supervision projection', () => {
  it('marks a payment reversed whether the reversal is version 1 (payment id only) or version 2', async () => {
    await caughtUp();
    const reversed = await rowsOf(
      `SELECT payment_id FROM supervision_v1_payments WHERE reversed = 1 ORDER BY payment_id`,
    );
    // T1-5, T1-16 and T1-27 by the ledger's v1 reversals; T1-1 by seedSupervision's v2 one
    expect(reversed.map((r) => r.payment_id)).toEqual(['T1-1', 'T1-16', 'T1-27', 'T1-5']);
  });

  it('splits payments by the half-year of their transaction time, and counts only complaints about the office', async () => {
    await caughtUp();
    const [before, after] = [await measuresOf(h1), await measuresOf(h2)];
    const volume = (m: typeof before) => [...m.values()].reduce((n, o) => n + o.volume, 0);
    expect(volume(before) + volume(after)).toBe(30);
    expect(volume(before)).toBeGreaterThan(0);
    expect(volume(after)).toBeGreaterThan(0);
    // C1 (OF1) was filed in 1403-H1; C3 is a criticism; C2 and C4 are complaints filed in H2
    expect(before.get('OF1')!.complaintsReceived).toBe(1);
    expect(after.get('OF1')!.complaintsReceived).toBe(0);
    expect(after.get('OF2')!.complaintsReceived).toBe(1);
    expect(after.get('OF1')!.complaintsUpheld).toBe(1);
    expect(after.get('OF2')!.complaintsUpheld).toBe(0);
    expect(after.get('OF9')).toMatchObject({
      province: 'IR-23',
      volume: 0,
      revenue: '0',
      violationRate: '0',
      complaintsReceived: 1,
    });
  });

  it('a late answer, or none, is a breach once its deadline has passed at asOf', async () => {
    await caughtUp();
    // OF1: asked by 09-25, answered 09-27 (late); asked again by 10-02, not answered
    expect((await measuresOf(h2, new Date('2024-09-30T00:00:00Z'))).get('OF1')!.slaBreaches).toBe(
      1,
    );
    expect((await measuresOf(h2)).get('OF1')!.slaBreaches).toBe(2);
    // OF2 answered in time
    expect((await measuresOf()).get('OF2')!.slaBreaches).toBe(0);
  });

  it('with two requests open on a case, an answer closes the older one', async () => {
    const request = (respondBy: string) =>
      responseRequestedEvent({
        complaintId: 'C7',
        officeId: 'OF3',
        at: '2024-09-23T08:00:00Z',
        respondBy,
      });
    await store.append(
      complaintStreamOf('C7'),
      [
        request('2024-09-25T20:30:00Z'),
        request('2024-10-05T20:30:00Z'),
        officeRespondedEvent({ complaintId: 'C7', officeId: 'OF3', at: '2024-09-27T08:00:00Z' }),
      ],
      'any',
    );
    await caughtUp();
    const requests = await rowsOf(
      `SELECT respond_by, responded_at FROM supervision_v1_requests WHERE complaint_id = 'C7' ORDER BY position`,
    );
    expect(requests.map((r) => r.responded_at)).toEqual(['2024-09-27T08:00:00.000Z', null]);
    expect((await measuresOf()).get('OF3')!.slaBreaches).toBe(2);
  });

  it('an answer with no open request on the case answers nothing later asked', async () => {
    const c = complaintStreamOf('C8');
    await store.append(
      c,
      [
        complaintFiledEvent({
          complaintId: 'C8',
          kind: 'complaint',
          officeId: 'OF3',
          at: '2024-09-23T08:00:00Z',
        }),
        officeRespondedEvent({ complaintId: 'C8', officeId: 'OF3', at: '2024-09-24T08:00:00Z' }),
        responseRequestedEvent({
          complaintId: 'C8',
          officeId: 'OF3',
          at: '2024-09-25T08:00:00Z',
          respondBy: '2024-09-28T20:30:00Z',
        }),
      ],
      'any',
    );
    await caughtUp();
    expect((await measuresOf()).get('OF3')!.slaBreaches).toBe(1);
    const requests = await rowsOf(
      `SELECT responded_at FROM supervision_v1_requests WHERE complaint_id = 'C8'`,
    );
    expect(requests).toEqual([{ responded_at: null }]);
  });

  it('skips an event its contract refuses and folds the rest', async () => {
    const filed = complaintFiledEvent({
      complaintId: 'C9',
      kind: 'complaint',
      officeId: 'OF7',
      at: '2024-09-23T08:00:00Z',
    });
    const bad = { ...filed, data: { ...(filed.data as object), filedAt: 'yesterday' } };
    await store.append(complaintStreamOf('C9'), [bad], 'no_stream');
    await caughtUp();
    expect((await measuresOf()).has('OF7')).toBe(false);
    expect((await measuresOf()).has('OF9')).toBe(true);
  });

  it("lists an office's supervision actions in the order they were recorded", async () => {
    await caughtUp();
    const { items } = await officeActions(db, 'OF1');
    expect(items.map((a) => [a.actionId, a.type, a.period])).toEqual([
      ['A1', 'OfficeWarned', undefined],
      ['A2', 'SuspensionRecommended', '1403-H1'],
    ]);
    expect((await officeActions(db, 'OF2')).items).toEqual([]);
  });

  it('states the log position its measures reflect', async () => {
    await caughtUp();
    const { position } = await officeMeasures(db, { period: h2, asOf });
    expect(position).toBe(await store.headPosition());
  });

  it('counts a payment in a half-year exactly when its Tehran day is one of the half-year’s days, before 1401 (daylight saving) and after', () => {
    const dayOf = businessDays(0);
    for (let year = 1390; year <= 1410; year++)
      for (const half of [1, 2] as const) {
        const h = halfYear(year, half);
        expect([
          dayOf(h.start.toISOString()),
          dayOf(new Date(h.end.getTime() - 1).toISOString()),
        ]).toEqual([dayKey(h.firstDay), dayKey(h.lastDay)]);
        expect(dayOf(new Date(h.start.getTime() - 1).toISOString()) < dayKey(h.firstDay)).toBe(
          true,
        );
      }
  });
});
