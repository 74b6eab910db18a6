import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresReadModelDb, sqliteReadModelDb, type ReadModelDb } from '../../projections';
import { projectionRunner } from '../../projections/runner';
import {
  complaintFiledEvent,
  complaintResolvedEvent,
  complaintStreamOf,
  officeRespondedEvent,
  paymentRecordedEvent,
  paymentReversedEvent,
  paymentStreamOf,
  responseRequestedEvent,
  supervisionActionEvent,
  type PaymentFacts,
} from '../../projections/supervision/fixtures';
import { supervisionProjection } from '../../projections/supervision/projection';
import { officeMeasures } from '../../projections/supervision/queries';
import {
  databaseUrl,
  describeWithPostgres,
  dropSchema,
  randomSchema,
  withClient,
} from '../../test/support/postgres';
import { supervisionStream } from './supervision';
import { halfYear } from '../shared/jalaliPeriod';
import { memoryEventStore, type EventStore, type EventToAppend } from '../shared/eventStore';
import { officePerformance, type PerformanceFact } from './performance';

/** Two half-years from before 1401, when Tehran kept daylight saving, and three after. */
const periods = [
  halfYear(1399, 1),
  halfYear(1399, 2),
  halfYear(1402, 2),
  halfYear(1403, 1),
  halfYear(1403, 2),
];
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta).toISOString();
/** Instants at and around every period boundary, and inside each period. */
const instants = periods.flatMap((p) => [
  ms(p.start, -1),
  p.start.toISOString(),
  ms(p.start, 1),
  ms(p.start, (p.end.getTime() - p.start.getTime()) / 2),
  ms(p.end, -1),
]);
const offices = ['OF-A', 'OF-B', 'OF-C', 'OF-D'];
const provinces = ['IR-01', 'IR-23', 'IR-07'];
const services = ['S1', 'S2', 'S3'];

const pick = <T>(list: readonly T[]) => fc.nat({ max: list.length - 1 }).map((i) => list[i]!);
const instant = pick(instants);
const office = pick(offices);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
/** Requests and answers go to two offices only, so several are often open on one case at once. */
const asked = pick(offices.slice(0, 2));

/** One thing that happens in the log; `n` picks an earlier payment or case. */
const step = fc.oneof(
  fc.record({
    kind: fc.constant('pay' as const),
    officeId: office,
    province: pick(provinces),
    serviceCode: pick(services),
    at: instant,
    amount: fc.bigInt({ min: 0n, max: 10n ** 16n }),
    flagged: fc.boolean(),
    missedTenths: fc.nat({ max: 10 }),
    undercharge: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('reverse' as const), n: fc.nat(), version: pick([1, 2] as const) }),
  fc.record({
    kind: fc.constant('file' as const),
    type: pick(['complaint', 'complaint', 'criticism', 'suggestion'] as const),
    officeId: maybe(office),
    province: maybe(pick(provinces)),
    at: instant,
  }),
  fc.record({
    kind: fc.constant('resolve' as const),
    n: fc.nat(),
    upheld: fc.boolean(),
    at: instant,
  }),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('request' as const),
      n: fc.nat({ max: 3 }),
      officeId: asked,
      at: instant,
      respondBy: instant,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('respond' as const),
      n: fc.nat({ max: 3 }),
      officeId: asked,
      at: instant,
    }),
  },
  fc.record({ kind: fc.constant('act' as const), officeId: office, at: instant }),
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

interface Logged {
  stream: string;
  event: EventToAppend;
}

/**
 * The same history twice: as the events the slices record, and as the facts the in-memory
 * supervision model reduced those events to (its rules kept here as the specification).
 */
function history(steps: readonly Step[]): { log: Logged[]; facts: PerformanceFact[] } {
  const log: Logged[] = [];
  const facts: PerformanceFact[] = [];
  const record = (stream: string, event: EventToAppend, fact?: PerformanceFact) => {
    log.push({ stream, event });
    if (fact) facts.push(fact);
  };
  const payments: PaymentFacts[] = [];
  const cases: Array<{ complaintId: string; officeId?: string; resolved: boolean }> = [];
  const nth = <T>(list: T[], n: number) => list[n % Math.max(list.length, 1)];
  const caseId = (n: number) => nth(cases, n)?.complaintId ?? 'C-none';
  for (const s of steps) {
    switch (s.kind) {
      case 'pay': {
        const p: PaymentFacts = {
          paymentId: `P${payments.length}`,
          officeId: s.officeId,
          province: s.province,
          serviceCode: s.serviceCode,
          at: s.at,
          amount: s.amount.toString(),
          flagged: s.flagged,
          missed: ((s.amount * BigInt(s.missedTenths)) / 10n).toString(),
          undercharge: s.undercharge,
        };
        payments.push(p);
        const { missed, undercharge: _, ...fact } = p;
        record(paymentStreamOf(p.paymentId), paymentRecordedEvent(p), {
          kind: 'payment',
          ...fact,
          violationAmount: missed,
        });
        break;
      }
      case 'reverse': {
        const p = nth(payments, s.n);
        if (p)
          record(paymentStreamOf(p.paymentId), paymentReversedEvent(p, p.at, s.version), {
            kind: 'reversal',
            paymentId: p.paymentId,
            officeId: p.officeId,
            at: p.at,
          });
        break;
      }
      case 'file': {
        const complaintId = `C${cases.length}`;
        const about = s.officeId ? { officeId: s.officeId } : {};
        const where = s.province ? { province: s.province } : {};
        cases.push({
          complaintId,
          ...(s.type === 'complaint' ? about : {}),
          resolved: false,
        });
        record(
          complaintStreamOf(complaintId),
          complaintFiledEvent({ complaintId, kind: s.type, ...about, ...where, at: s.at }),
          s.type === 'complaint' && s.officeId
            ? { kind: 'complaint_received', complaintId, officeId: s.officeId, ...where, at: s.at }
            : undefined,
        );
        break;
      }
      case 'resolve': {
        const c = nth(cases, s.n);
        if (!c || c.resolved) break;
        c.resolved = true;
        const { complaintId, officeId } = c;
        record(
          complaintStreamOf(complaintId),
          complaintResolvedEvent(complaintId, s.upheld ? 'upheld' : 'not_upheld', s.at),
          s.upheld && officeId
            ? { kind: 'complaint_upheld', complaintId, officeId, at: s.at }
            : undefined,
        );
        break;
      }
      case 'request': {
        const r = {
          complaintId: caseId(s.n),
          officeId: s.officeId,
          at: s.at,
          respondBy: s.respondBy,
        };
        record(complaintStreamOf(r.complaintId), responseRequestedEvent(r), {
          kind: 'office_response_requested',
          ...r,
        });
        break;
      }
      case 'respond': {
        const r = { complaintId: caseId(s.n), officeId: s.officeId, at: s.at };
        record(complaintStreamOf(r.complaintId), officeRespondedEvent(r), {
          kind: 'office_responded',
          ...r,
        });
        break;
      }
      case 'act':
        record(
          supervisionStream(s.officeId),
          supervisionActionEvent({
            officeId: s.officeId,
            actionId: `A${log.length}`,
            action: 'warning',
            at: s.at,
          }),
        );
        break;
    }
  }
  return { log, facts };
}

const byOffice = <T extends { officeId: string }>(list: readonly T[]) =>
  [...list].sort((a, b) => (a.officeId < b.officeId ? -1 : a.officeId > b.officeId ? 1 : 0));

/**
 * Property: for any history, the SQL aggregation over the projection gives, office for office,
 * what the in-memory fold of its facts gave, for every period and several `asOf`s.
 */
function agreesWithTheFold(
  open: () => Promise<{ db: ReadModelDb; drop(): Promise<void> }>,
  runs: number,
) {
  it('gives every office the measures the in-memory fold of the same history gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), pick(instants), async (steps, asOfAt) => {
        const { log, facts } = history(steps);
        const store: EventStore = memoryEventStore();
        const { db, drop } = await open();
        try {
          for (const { stream, event } of log) await store.append(stream, [event], 'any');
          const runner = projectionRunner({
            store,
            db,
            projections: [supervisionProjection()],
            batchSize: 4,
          });
          await runner.catchUp();
          await runner.stop();
          for (const period of periods)
            for (const asOf of [new Date(asOfAt), period.end]) {
              const sql = await officeMeasures(db, { period, asOf });
              expect(byOffice(sql.offices)).toEqual(
                byOffice(officePerformance(facts, period, asOf)),
              );
            }
        } finally {
          await db.close();
          await store.close();
          await drop();
        }
      }),
      { numRuns: runs },
    );
  }, 120_000);
}

describe('office measures in SQL against the in-memory fold, on SQLite', () => {
  agreesWithTheFold(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pishkhan-measures-'));
    return {
      db: sqliteReadModelDb(join(dir, 'readmodels.sqlite')),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }, 60);
});

describeWithPostgres('office measures in SQL against the in-memory fold, on PostgreSQL', () => {
  agreesWithTheFold(async () => {
    const schema = randomSchema();
    await withClient((c) => c.query(`CREATE SCHEMA ${schema}`));
    return {
      db: postgresReadModelDb({ connectionString: databaseUrl, schema }),
      drop: () => dropSchema(schema),
    };
  }, 25);
});
