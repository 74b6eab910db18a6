import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteReadModelDb, type ReadModelDb } from '../../projections';
import { filed, fixtureComplaintId, steps } from '../../projections/complaints/fixtures';
import { complaintsProjection } from '../../projections/complaints/projection';
import { overdueCandidates } from '../../projections/complaints/queries';
import { projectionRunner, type ProjectionRunner } from '../../projections/runner';
import { indexHolidays, workCalendar } from '../calendar';
import { memoryEventStore, type EventStore } from '../shared/eventStore';
import { caseRecord, overdueIds } from './cases';
import { caseDeadline, isOverdue } from './sla';

let dir: string;
let store: EventStore;
let db: ReadModelDb;
let runner: ProjectionRunner;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pishkhan-overdue-'));
  store = memoryEventStore();
  db = sqliteReadModelDb(join(dir, 'readmodels.sqlite'));
  runner = projectionRunner({ store, db, projections: [complaintsProjection()] });
});
afterEach(async () => {
  await runner.stop();
  await db.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Mehr 1403 with a national holiday and a Tehran-province closure, so desks' deadlines part. */
const calendar = workCalendar((jy) =>
  jy === 1403
    ? indexHolidays([
        { date: '1403/07/03', nameFa: 'تعطیل رسمی' },
        { date: '1403/07/08', nameFa: 'تعطیل استانی', provinces: ['IR-23'] },
        { date: '1403/07/15', nameFa: 'تعطیل رسمی' },
      ])
    : undefined,
);

/** Thirty cases filed twelve hours apart, some handled, some closed or resolved. */
async function fileCases(): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 1; n <= 30; n++) {
    const at = new Date(Date.parse('2024-09-18T06:00:00Z') + n * 12 * 3600_000).toISOString();
    const events = [filed(n, at)];
    if (n % 5 === 1) events.push(steps.review(n, at));
    if (n % 5 === 2) events.push(steps.close(n, at));
    if (n % 5 === 3) events.push(steps.review(n, at), ...steps.resolve(n, at));
    await store.append(`complaint-${fixtureComplaintId(n)}`, events, 'no_stream');
    ids.push(fixtureComplaintId(n));
  }
  return ids;
}

describe('overdue cases come from SQL, counted under the calendar in force', () => {
  it('finds exactly the cases the calendar makes overdue, oldest deadline first, per desk', async () => {
    const ids = await fileCases();
    await runner.catchUp();
    const now = new Date('2024-10-10T09:00:00Z');
    const records = await Promise.all(ids.map(async (id) => (await caseRecord(store, id))!));
    const expected = records
      .filter((r) => isOverdue(r.state, now, calendar))
      .sort(
        (a, b) =>
          caseDeadline(a.state.filed, calendar).at.getTime() -
          caseDeadline(b.state.filed, calendar).at.getTime(),
      )
      .map((r) => r.state.filed.complaintId);
    const found = await overdueIds({ db, runner }, now, calendar);
    expect(found).toEqual(expected);
    expect(found.length).toBeGreaterThan(2);

    const scanned = await overdueCandidates(db, now);
    expect(scanned.length).toBeGreaterThan(found.length);
    expect(scanned.length).toBeLessThan(
      records.filter((r) => isOverdue(r.state, new Date('2030-01-01'), calendar)).length,
    );

    const agencyDesk = records
      .filter((r) => r.state.filed.desk.kind === 'agency')
      .map((r) => r.state.filed.complaintId);
    expect(await overdueIds({ db, runner }, now, calendar, 'AG2')).toEqual(
      expected.filter((id) => agencyDesk.includes(id)),
    );
  });

  it('a case resolved after its deadline leaves the overdue list once the projection has it', async () => {
    await fileCases();
    await runner.catchUp();
    const now = new Date('2024-10-10T09:00:00Z');
    const [first] = await overdueIds({ db, runner }, now, calendar);
    const n = Number(first!.slice(-12));
    await store.append(`complaint-${first}`, [steps.close(n, now.toISOString())], 'any');
    await runner.catchUp();
    expect(await overdueIds({ db, runner }, now, calendar)).not.toContain(first);
  });
});
