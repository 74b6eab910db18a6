import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryEventStore, type EventStore } from '../../src/shared/eventStore';
import { sqliteReadModelDb, type ReadModelDb } from '../db';
import { projectionRunner, type ProjectionRunner } from '../runner';
import { dumpBuild } from '../verify';
import { filed, fixtureComplaintId as id, seedComplaints, steps } from './fixtures';
import { complaintsProjection, slaFloor } from './projection';
import {
  caseByTrackingCode,
  caseCounts,
  casesInScope,
  casesWithPendingRefunds,
  overdueCandidates,
} from './queries';

let dir: string;
let store: EventStore;
let db: ReadModelDb;
let runner: ProjectionRunner;
const projection = complaintsProjection();
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pishkhan-complaints-'));
  store = memoryEventStore();
  db = sqliteReadModelDb(join(dir, 'readmodels.sqlite'));
  runner = projectionRunner({ store, db, projections: [projection], batchSize: 2 });
});
afterEach(async () => {
  await runner.stop();
  await db.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const append = (n: number, events: Array<{ type: string; data: unknown }>) =>
  store.append(`complaint-${id(n)}`, events, 'any');
const statusOf = async (code: string) => (await caseByTrackingCode(db, code))?.state.status;

describe('complaints projection: one row per case, from the decider’s own fold', () => {
  it('folds every state a case reaches, with its history and stream revision', async () => {
    await seedComplaints(store);
    await runner.catchUp();
    const four = await caseByTrackingCode(db, '100000000004');
    expect(four?.state.status).toBe('resolved');
    expect(four?.revision).toBe(6);
    expect(four?.history.map((h) => h.type)).toEqual([
      'ComplaintFiled',
      'ComplaintReviewStarted',
      'OfficeResponseRequested',
      'OfficeResponded',
      'ComplaintResolved',
      'RefundOrdered',
      'RefundRecorded',
    ]);
    expect(await caseCounts(db)).toEqual({
      total: 5,
      byKind: { complaint: 5 },
      byStatus: { awaiting_office: 1, closed: 1, received: 1, resolved: 2 },
      byProvince: { 'IR-23': 2, none: 3 },
    });
    expect(await casesWithPendingRefunds(db)).toEqual([id(3)]);
  });

  it('lists by scope in filing order, a page at a time after a filing position', async () => {
    await seedComplaints(store);
    await runner.catchUp();
    const ids = async (q: Parameters<typeof casesInScope>[1]) =>
      (await casesInScope(db, q)).map((c) => c.record.state.filed.complaintId);
    expect(await ids({ scope: { kind: 'all' }, limit: 10 })).toEqual([1, 2, 3, 4, 5].map(id));
    expect(await ids({ scope: { kind: 'agency', agencyId: 'AG1' }, limit: 10 })).toEqual([
      id(2),
      id(4),
    ]);
    expect(await ids({ scope: { kind: 'office', officeId: 'OF2' }, limit: 10 })).toEqual([id(4)]);
    expect(await ids({ scope: { kind: 'all' }, status: 'resolved', limit: 10 })).toEqual([
      id(3),
      id(4),
    ]);
    const first = await casesInScope(db, { scope: { kind: 'all' }, limit: 2 });
    const rest = await ids({
      scope: { kind: 'all' },
      after: first.at(-1)!.filedPosition,
      limit: 10,
    });
    expect(rest).toEqual([3, 4, 5].map(id));
  });

  it('a rebuild equals the build that followed each step as it came, row for row', async () => {
    await append(1, [filed(1, '2024-09-20T07:00:00.000Z')]);
    await append(2, [filed(2, '2024-09-20T08:00:00.000Z')]);
    await runner.catchUp();
    await append(1, [steps.review(1, '2024-09-21T07:00:00.000Z')]);
    await runner.catchUp();
    await append(2, [steps.close(2, '2024-09-21T07:00:00.000Z')]);
    await append(
      1,
      steps.resolve(1, '2024-09-22T07:00:00.000Z', { refundId: 'R', paymentId: 'P' }),
    );
    await runner.catchUp();
    await append(1, [
      steps.refundRecorded(1, '2024-09-23T07:00:00.000Z', { refundId: 'R', paymentId: 'P' }),
    ]);
    await runner.catchUp();
    const incremental = await dumpBuild(db, projection, 'complaints_v1');
    const rebuilt = await runner.rebuild('complaints');
    expect(await dumpBuild(db, projection, rebuilt.prefix)).toEqual(incremental);
    expect(await statusOf('100000000001')).toBe('resolved');
    expect(await casesWithPendingRefunds(db)).toEqual([]);
  });

  it('applying the same events twice leaves the rows as once (the revision guard)', async () => {
    await seedComplaints(store);
    const events = await store.readAll({ after: 0, limit: 1000 });
    await runner.start();
    const prefix = await runner.livePrefix('complaints');
    const ctx = { readStream: (s: string) => store.readStream(s) };
    await db.write((tx) => projection.applyBatch(tx, events, prefix, ctx));
    const once = await dumpBuild(db, projection, prefix);
    await db.write((tx) => projection.applyBatch(tx, events, prefix, ctx));
    await db.write((tx) => projection.applyBatch(tx, events.slice(2, 5), prefix, ctx));
    expect(await dumpBuild(db, projection, prefix)).toEqual(once);
  });

  it('skips what its contract refuses or another stream holds, without stopping', async () => {
    await append(1, [filed(1, 'yesterday')]);
    await store.append(`complaint-${id(9)}`, [filed(2, '2024-09-20T07:00:00.000Z')], 'no_stream');
    await append(3, [filed(3, '2024-09-20T07:00:00.000Z')]);
    await runner.catchUp();
    expect(await caseCounts(db)).toMatchObject({ total: 1 });
    expect(await statusOf('100000000003')).toBe('received');
  });

  it('a tracking code filed twice stays with the first case; the second is kept without it', async () => {
    await append(1, [filed(1, '2024-09-20T07:00:00.000Z')]);
    await append(2, [filed(2, '2024-09-20T08:00:00.000Z', { trackingCode: '100000000001' })]);
    await runner.catchUp();
    expect((await caseByTrackingCode(db, '100000000001'))?.state.filed.complaintId).toBe(id(1));
    expect(await caseCounts(db)).toMatchObject({ total: 2 });
  });
});

describe('the overdue scan is bounded by the calendar-free SLA floor', () => {
  it('the floor is the day after N days from the filing day, at Tehran midnight', () => {
    // Filed 1403/06/30 at 10:30 Tehran; ten days on is 1403/07/09; the floor is 07/10 00:00.
    expect(slaFloor('2024-09-20T07:00:00.000Z', 10)).toBe('2024-09-30T20:30:00.000Z');
  });

  it('hands only open cases whose floor has passed, by desk', async () => {
    await seedComplaints(store);
    await append(6, [filed(6, '2024-10-01T07:00:00.000Z')]);
    await runner.catchUp();
    const open = async (at: string, desk?: string) =>
      (await overdueCandidates(db, new Date(at), desk)).map((c) => c.complaintId).sort();
    expect(await open('2024-09-30T20:29:59.000Z')).toEqual([]);
    expect(await open('2024-09-30T20:30:00.000Z')).toEqual([id(1), id(2)]);
    expect(await open('2024-10-20T00:00:00.000Z')).toEqual([id(1), id(2), id(6)]);
    expect(await open('2024-10-20T00:00:00.000Z', 'AG2')).toEqual([id(1)]);
  });
});
