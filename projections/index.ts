import { join } from 'node:path';
import type { Config } from '../src/config';
import type { EventStore } from '../src/shared/eventStore';
import { complaintsProjection } from './complaints/projection';
import { complianceProjection } from './compliance/projection';
import { dataAccessProjection } from './dataAccess/projection';
import { postgresReadModelDb, sqliteReadModelDb, type ReadModelDb } from './db';
import { deadlinesProjection } from './deadlines/projection';
import { feedsProjection } from './feeds/projection';
import { paymentsProjection } from './payments/projection';
import { pspSettlementProjection } from './pspSettlement/projection';
import type { Projection } from './projection';
import { referenceProjections } from './reference/folds';
import { projectionRunner, type ProjectionRunner } from './runner';
import { scheduledVerification } from './seals/verifiedDays';
import type { LedgerVerification } from './seals/verifyLedger';
import { threadedRunner } from './thread';
import type { ThreadConfig } from './thread/protocol';
import { ledgerDayCount, type LedgerDayCount } from './settlement/ledgerCheck';
import { settlementProjection } from './settlement/projection';
import { sealsProjection } from './seals/projection';
import { supervisionProjection } from './supervision/projection';
import { reconciliationsProjection } from './reconciliations/projection';
import { volumesProjection } from './volumes/projection';
import type { Registry } from 'prom-client';

export { sqliteReadModelDb, postgresReadModelDb, type ReadModelDb } from './db';
export type { ProjectionRunner } from './runner';
export { loadReferenceSnapshots, type ReferenceSnapshots } from './reference/folds';

/** Minutes after midnight from `HH:MM`. */
export const cutoffMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

export function allProjections(options: { cutoffMinutes?: number } = {}): Projection[] {
  return [
    settlementProjection(options),
    complianceProjection(),
    deadlinesProjection(),
    paymentsProjection(),
    supervisionProjection(),
    complaintsProjection(),
    ...referenceProjections(),
    dataAccessProjection(),
    volumesProjection(options),
    reconciliationsProjection(),
    pspSettlementProjection(),
    sealsProjection(),
    feedsProjection(),
  ];
}

/** SQLite file beside the event store by default; the event store's PostgreSQL with EVENT_STORE=postgres. */
export function openReadModelDb(
  config: Pick<Config, 'EVENT_STORE' | 'dataDir' | 'DATABASE_URL' | 'DATABASE_SCHEMA'>,
): ReadModelDb {
  if (config.EVENT_STORE === 'postgres') {
    return postgresReadModelDb({
      connectionString: config.DATABASE_URL!,
      schema: config.DATABASE_SCHEMA,
    });
  }
  return sqliteReadModelDb(join(config.dataDir, 'readmodels.sqlite'));
}

/**
 * The SQLite event log file a new build may be bulk-folded from (see `Projection.bulkFold`):
 * the file `openEventStore` opens when EVENT_STORE=sqlite; none for the other stores.
 */
export function sqliteLogOf(config: Pick<Config, 'EVENT_STORE' | 'dataDir'>): string | undefined {
  return config.EVENT_STORE === 'sqlite' ? join(config.dataDir, 'events.sqlite') : undefined;
}

/** What a projection thread needs of the configuration to open its own connections. */
export function threadConfigOf(
  config: Pick<
    Config,
    'EVENT_STORE' | 'dataDir' | 'DATABASE_URL' | 'DATABASE_SCHEMA' | 'ESDB_CONNECTION_STRING'
  > &
    Partial<Pick<Config, 'PROJECTION_THREAD_NICE' | 'DATABASE_LAYOUT'>>,
): Omit<ThreadConfig, 'cutoffMinutes' | 'pollMs'> {
  const { EVENT_STORE, dataDir, DATABASE_URL, DATABASE_SCHEMA, ESDB_CONNECTION_STRING } = config;
  return {
    EVENT_STORE,
    dataDir,
    DATABASE_SCHEMA,
    ...(config.PROJECTION_THREAD_NICE ? { nice: config.PROJECTION_THREAD_NICE } : {}),
    ...(config.DATABASE_LAYOUT ? { DATABASE_LAYOUT: config.DATABASE_LAYOUT } : {}),
    ...(DATABASE_URL ? { DATABASE_URL } : {}),
    ...(ESDB_CONNECTION_STRING ? { ESDB_CONNECTION_STRING } : {}),
  };
}

/** The read-model database, the runner and what the report routes need, built once by the composition root. */
export interface Reporting {
  db: ReadModelDb;
  runner: ProjectionRunner;
  cutoffMinutes: number;
  /** The ledger's own count of each business day, that settlement days are checked against. */
  ledgerCount: LedgerDayCount;
  /**
   * One round of the scheduled ledger verification (`scheduledVerification`), run by the
   * projection thread when there is one: on a long day it hashes millions of events.
   */
  verifyLedger(scrub: number, signal?: AbortSignal): Promise<LedgerVerification>;
}

export function startReporting(options: {
  store: EventStore;
  db: ReadModelDb;
  cutoff?: string;
  registry?: Registry;
  pollMs?: number;
  /** PROJECTION_LEASE_MS: how long a build's lease lasts unless renewed. */
  leaseMs?: number;
  onError?: (error: unknown) => void;
  /** The store's SQLite file, when EVENT_STORE=sqlite (`sqliteLogOf`). */
  sqliteLog?: string;
  /**
   * Fold in a projection thread opening its own connections with this configuration
   * (PROJECTION_FOLD=thread); without it, the runner folds on the calling thread.
   */
  thread?: Omit<ThreadConfig, 'cutoffMinutes' | 'pollMs' | 'leaseMs'>;
}): Reporting {
  const cutoff = cutoffMinutes(options.cutoff ?? '00:00');
  const projections = allProjections({ cutoffMinutes: cutoff });
  const shared = {
    store: options.store,
    db: options.db,
    projections,
    ...(options.registry ? { registry: options.registry } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  };
  const threaded = options.thread
    ? threadedRunner({
        ...shared,
        config: {
          ...options.thread,
          cutoffMinutes: cutoff,
          ...(options.pollMs ? { pollMs: options.pollMs } : {}),
          ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
        },
      })
    : undefined;
  const runner =
    threaded ??
    projectionRunner({
      ...shared,
      ...(options.pollMs ? { pollMs: options.pollMs } : {}),
      ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
      ...(options.sqliteLog ? { sqliteLog: options.sqliteLog } : {}),
    });
  const ledgerCount = ledgerDayCount({
    store: options.store,
    db: options.db,
    cutoffMinutes: cutoff,
    ...(threaded ? { countTo: (target: number) => threaded.countLedgerTo(target) } : {}),
  });
  const verifyLedger = threaded
    ? (scrub: number, signal?: AbortSignal) => threaded.verifyLedger(scrub, signal)
    : (scrub: number, signal?: AbortSignal) =>
        scheduledVerification({
          store: options.store,
          db: options.db,
          sealsPrefix: () => runner.livePrefix('seals'),
          scrub,
          now: () => new Date(),
        })(signal);
  return { db: options.db, runner, cutoffMinutes: cutoff, ledgerCount, verifyLedger };
}

/** What the report routes need: the read models, the runner, and the account payouts are debited from. */
export type ReportingDeps = Reporting & {
  settlementDebtor: { name: string; iban?: string };
  /** VAT_IBAN: the tax administration's account each closed day's VAT is paid to. */
  vatIban?: string;
};
