import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { RequestListener } from 'node:http';
import {
  loadReferenceSnapshots,
  sqliteReadModelDb,
  startReporting,
  type ReportingDeps,
} from '../../projections';
import {
  settlementLedgerWatch,
  type SettlementLedgerWatch,
} from '../../projections/settlement/ledgerWatch';
import { buildApp, type AppDeps } from '../../src/app';
import { seedShippedCalendars } from '../../src/calendar';
import {
  ledgerSealer,
  ledgerVerifyWatch,
  verifyLedger,
  type LedgerSealer,
  type LedgerVerifyWatch,
} from '../../src/ledger';
import { issueCredential, type CredentialScope } from '../../src/credentials';
import { startReadModels } from '../../src/readModels';
import { fixedClock, type Clock } from '../../src/shared/clock';
import { sqliteEventStore, type EventStore } from '../../src/shared/eventStore';
import type { Role } from '../../src/shared/http/policy';
import { createLogger } from '../../src/shared/logger';
import { createMetrics } from '../../src/shared/metrics';
import { secretBox } from '../../src/shared/secrets';

export interface TestApp {
  app: RequestListener;
  store: EventStore;
  clock: Clock & { set(t: Date | string): void; advance(ms: number): void };
  deps: AppDeps;
  /** The projection runner and SQL read models; polling only with `reporting.pollMs`, else call `catchUp()` before reading a report. */
  reporting: ReportingDeps;
  /** The settlement-against-ledger check a node runs; not started: call `runOnce()`. */
  settlementCheck: SettlementLedgerWatch;
  /** The ledger sealer and the scheduled verification a node runs; not started: call `runOnce()`. */
  ledger: { sealer: LedgerSealer; check: LedgerVerifyWatch };
  /** Every log line the app wrote, for scanning for secrets. */
  logs: string[];
  /** Issues a real credential through the credentials slice and returns its bearer header. */
  tokenFor(
    role: Role,
    scope?: CredentialScope,
  ): Promise<{
    authorization: string;
    token: string;
    signingSecret?: string;
    credentialId: string;
  }>;
  close(): Promise<void>;
}

/** The real app on a real SQLite file in a temp dir, with a controllable clock. */
export async function startTestApp(
  options: {
    now?: string;
    store?: EventStore;
    /** `pollMs` starts the runner folding in the background, as a node does. */
    reporting?: { cutoff?: string; debtorIban?: string; vatIban?: string; pollMs?: number };
    /** Extra app dependencies (limits, timeouts) merged over the defaults. */ deps?: Partial<AppDeps>;
    /**
     * A data dir of an earlier app to start again on (kept on close), its reference models loaded
     * from their projections as a node does; a fresh temp dir otherwise.
     */
    dir?: string;
  } = {},
): Promise<TestApp> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'pishkhan-app-'));
  const store = options.store ?? sqliteEventStore(join(dir, 'events.sqlite'));
  const clock = fixedClock(options.now ?? '2026-11-29T08:00:00Z');
  const secrets = secretBox(randomBytes(32));
  await seedShippedCalendars(store, clock);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const metrics = createMetrics();
  const asked = options.reporting ?? {};
  const reporting: ReportingDeps = {
    ...startReporting({
      store,
      db: sqliteReadModelDb(join(dir, 'readmodels.sqlite')),
      registry: metrics.registry,
      ...(asked.cutoff ? { cutoff: asked.cutoff } : {}),
      ...(asked.pollMs ? { pollMs: asked.pollMs } : {}),
    }),
    settlementDebtor: {
      name: 'Shaparak settlement',
      ...(asked.debtorIban ? { iban: asked.debtorIban } : {}),
    },
    ...(asked.vatIban ? { vatIban: asked.vatIban } : {}),
  };
  if (asked.pollMs) await reporting.runner.run();
  await reporting.runner.start();
  const readModels = startReadModels(
    store,
    options.dir ? await loadReferenceSnapshots(reporting.db) : {},
  );
  await readModels.ready;
  const credentials = readModels.credentials;
  const deps: AppDeps = {
    store,
    clock,
    logger: createLogger('info', sink),
    metrics,
    secrets,
    readModels,
    reporting,
    ...options.deps,
  };
  const settlementCheck = settlementLedgerWatch({
    count: reporting.ledgerCount,
    now: () => clock.now(),
    recentDays: 35,
    logger: deps.logger,
    registry: metrics.registry,
  });
  const ledger = {
    sealer: ledgerSealer({
      store,
      now: () => clock.now(),
      graceMinutes: 10,
      registry: metrics.registry,
    }),
    check: ledgerVerifyWatch({
      verify: () => verifyLedger({ store }),
      now: () => clock.now(),
      logger: deps.logger,
      registry: metrics.registry,
    }),
  };
  const app = buildApp(deps);
  return {
    app,
    store,
    clock,
    deps,
    reporting,
    settlementCheck,
    ledger,
    logs,
    async tokenFor(role, scope = {}) {
      const issued = await issueCredential(
        { store, clock, secrets },
        { role, scope, label: `test ${role}`, expiresInDays: 30 },
        'test',
      );
      await credentials.ensure(issued.position);
      return {
        authorization: `Bearer ${issued.token}`,
        token: issued.token,
        credentialId: issued.credentialId,
        ...(issued.signingSecret ? { signingSecret: issued.signingSecret } : {}),
      };
    },
    async close() {
      await reporting.runner.stop();
      await reporting.db.close();
      await readModels.stop();
      await store.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
