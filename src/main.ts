import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  loadReferenceSnapshots,
  openReadModelDb,
  sqliteLogOf,
  startReporting,
  threadConfigOf,
} from '../projections';
import { settlementLedgerWatch } from '../projections/settlement/ledgerWatch';
import { folderDocuments, httpSms, noSms } from './applicants';
import { buildApp } from './app';
import { approvalEffects, reminderDeps, renewalReminders } from './holders';
import { suspensionEffects } from './licensing';
import { httpDataExchange } from './dataAccess';
import { exponentialBackoff, webhookDispatcher } from './feeds';
import { paymentsRefundLedger, refundSweep } from './complaints';
import { backdatedTariffs } from './reassessment';
import { bootstrapRegulatorToken } from './bootstrap';
import { ledgerSealer, ledgerVerifyWatch } from './ledger';
import { seedShippedCalendars } from './calendar';
import { ConfigError, loadConfig } from './config';
import { startReadModels } from './readModels';
import { systemClock } from './shared/clock';
import { openEventStore } from './shared/eventStore/open';
import { postgresRequestMemory } from './shared/http/postgresMemory';
import { createLogger } from './shared/logger';
import { createMetrics } from './shared/metrics';
import { loadOrCreateKey, secretBox } from './shared/secrets';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  mkdirSync(config.dataDir, { recursive: true });
  const store = await openEventStore(config);
  const secrets = secretBox(loadOrCreateKey(config.SECRETS_KEY, config.dataDir));
  const clock = systemClock;
  const memory =
    config.EVENT_STORE === 'postgres'
      ? await postgresRequestMemory({
          connectionString: config.DATABASE_URL!,
          schema: config.DATABASE_SCHEMA,
          clock,
          digestKey: secrets.derive('request-memory'),
        })
      : undefined;
  const seeded = await seedShippedCalendars(store, clock);
  if (seeded.length)
    logger.info({ years: seeded }, 'official calendars recorded from the shipped table');
  const metrics = createMetrics();
  const reporting = startReporting({
    store,
    db: openReadModelDb(config),
    cutoff: config.SETTLEMENT_CUTOFF,
    sqliteLog: sqliteLogOf(config),
    leaseMs: config.PROJECTION_LEASE_MS,
    registry: metrics.registry,
    onError: (err) => logger.error({ err }, 'projection round failed; retrying'),
    ...(config.PROJECTION_FOLD === 'thread' && config.EVENT_STORE !== 'memory'
      ? { thread: threadConfigOf(config) }
      : {}),
  });
  await reporting.runner.run();
  const readModels = startReadModels(store, await loadReferenceSnapshots(reporting.db));
  await readModels.ready;
  const bootstrap = await bootstrapRegulatorToken({
    store,
    clock,
    secrets,
    credentials: readModels.credentials,
    dataDir: config.dataDir,
  });
  const readiness = [reporting.runner.readiness(config.PROJECTION_MAX_LAG)];
  const settlementDebtor = {
    name: config.SETTLEMENT_DEBTOR_NAME,
    ...(config.SETTLEMENT_DEBTOR_IBAN ? { iban: config.SETTLEMENT_DEBTOR_IBAN } : {}),
  };

  const sms = config.SMS_URL
    ? httpSms({ url: config.SMS_URL, apiKey: config.SMS_API_KEY! }, logger)
    : noSms;
  const app = buildApp({
    store,
    clock,
    logger,
    metrics,
    secrets,
    readModels,
    bodyLimit: config.BODY_LIMIT,
    paymentMaxAgeDays: config.PAYMENT_MAX_AGE_DAYS,
    sealGraceMinutes: config.SEAL_GRACE_MINUTES,
    ...(memory ? { memory } : {}),
    credentialLimits: {
      perMinute: config.RATE_LIMIT_PER_MINUTE,
      gatewayPerMinute: config.RATE_LIMIT_GATEWAY_PER_MINUTE,
    },
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    hstsMaxAge: config.HSTS_MAX_AGE,
    sms,
    documents: folderDocuments(join(config.dataDir, 'documents')),
    consoleIdleMinutes: config.CONSOLE_IDLE_MINUTES,
    applicants: {
      sessionHours: config.APPLICANT_SESSION_HOURS,
      codesPerHour: config.APPLICANT_CODES_PER_HOUR,
      documentMaxBytes: config.DOCUMENT_MAX_BYTES,
    },
    dataExchange: httpDataExchange(config.dataProviders, clock, logger),
    exchangeCenterOnly: config.DATA_EXCHANGE_CENTER_ONLY,
    trustProxy: config.TRUST_PROXY.trust,
    reporting: {
      ...reporting,
      settlementDebtor,
      ...(config.VAT_IBAN ? { vatIban: config.VAT_IBAN } : {}),
    },
    readiness,
  });
  const refunds = refundSweep({
    store,
    clock,
    reporting,
    refunds: paymentsRefundLedger(store),
    logger,
  });
  if (config.REFUND_RETRY_SECONDS > 0) refunds.start(config.REFUND_RETRY_SECONDS * 1000);
  const reminders = renewalReminders(
    reminderDeps({ store, clock, secrets, sms, readModels, logger }),
  );
  if (config.RENEWAL_REMINDER_SECONDS > 0) reminders.start(config.RENEWAL_REMINDER_SECONDS * 1000);
  const effectDeps = {
    store,
    clock,
    licenses: readModels.licenses,
    requests: readModels.holderRequests,
    recommendations: readModels.recommendations,
    logger,
  };
  const effects = [approvalEffects(effectDeps), suspensionEffects(effectDeps)];
  if (config.EFFECT_COMPLETION_SECONDS > 0)
    for (const job of effects) job.start(config.EFFECT_COMPLETION_SECONDS * 1000);
  const reassessment = backdatedTariffs({
    store,
    clock,
    reporting,
    tariffs: {
      inForce: (code, at) => readModels.tariffs.book.inForce(code, at),
      ensure: (position) => readModels.tariffs.following.ensure(position),
    },
    logger,
  });
  if (config.REASSESS_SECONDS > 0) reassessment.start(config.REASSESS_SECONDS * 1000);
  const settlementCheck = settlementLedgerWatch({
    count: reporting.ledgerCount,
    now: () => clock.now(),
    recentDays: config.SETTLEMENT_CHECK_DAYS,
    logger,
    registry: metrics.registry,
  });
  if (config.SETTLEMENT_CHECK_SECONDS > 0)
    settlementCheck.start(config.SETTLEMENT_CHECK_SECONDS * 1000);
  const sealer = ledgerSealer({
    store,
    now: () => clock.now(),
    graceMinutes: config.SEAL_GRACE_MINUTES,
    logger,
    registry: metrics.registry,
  });
  if (config.SEAL_INTERVAL_SECONDS > 0) sealer.start(config.SEAL_INTERVAL_SECONDS * 1000);
  const ledgerCheck = ledgerVerifyWatch({
    verify: (signal) => reporting.verifyLedger(config.LEDGER_VERIFY_SCRUB_DAYS, signal),
    now: () => clock.now(),
    logger,
    registry: metrics.registry,
  });
  if (config.LEDGER_VERIFY_SECONDS > 0) ledgerCheck.start(config.LEDGER_VERIFY_SECONDS * 1000);

  const webhooks = webhookDispatcher({
    db: reporting.db,
    secrets,
    now: () => clock.now().getTime(),
    maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
    backoff: exponentialBackoff(config.WEBHOOK_BACKOFF_BASE_MS),
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    leaseMs: config.PROJECTION_LEASE_MS,
    registry: metrics.registry,
    logger,
  });
  if (config.WEBHOOK_POLL_MS > 0) webhooks.start(config.WEBHOOK_POLL_MS);

  const server = createServer(app);
  server.once('error', (error) => {
    logger.fatal({ err: error }, 'cannot listen');
    process.exit(1);
  });
  server.listen(config.PORT, config.HOST, () => {
    const { port } = server.address() as AddressInfo;
    const url = `http://${config.HOST}:${port}`;
    logger.info({ url, store: store.kind, dataDir: config.dataDir }, 'Pishkhan Ledger listening');
    const lines = [
      '',
      `Pishkhan Ledger is listening on ${url} (store: ${store.kind}, data: ${config.dataDir})`,
      `  Console: ${url}/console/ (sign in with a credential's token)`,
      `  API docs: ${url}/docs   OpenAPI: ${url}/openapi.json   health: ${url}/healthz`,
      bootstrap
        ? `  First start: a regulator token was created (shown once, also in ${bootstrap.file}, mode 0600):\n\n    ${bootstrap.token}\n`
        : `  Authenticate with a token from 'npx pishkhan token create' or ${config.dataDir}/regulator-token`,
      `  Try: curl -H "Authorization: Bearer $(cat ${config.dataDir}/regulator-token)" ${url}/v1/me`,
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  });

  // Requests Node's HTTP parser refuses before express sees them (headers or URL over 16 kB,
  // bad framing) still get a problem+json answer instead of a bare status line.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = JSON.stringify({
      type: '/problems/bad-request',
      title: 'The request could not be read',
      status,
      code: 'bad-request',
    });
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });

  let stopping = false;
  async function shutdown(signal: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining in-flight requests');
    const forced = setTimeout(() => server.closeAllConnections(), config.SHUTDOWN_GRACE_MS);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearTimeout(forced);
    await refunds.stop();
    await reminders.stop();
    for (const job of effects) await job.stop();
    await reassessment.stop();
    await settlementCheck.stop();
    await sealer.stop();
    await ledgerCheck.stop();
    await webhooks.stop();
    await readModels.stop();
    await reporting.runner.stop();
    await reporting.db.close();
    await memory?.close();
    await store.close();
    logger.info('stopped');
    process.exit(0);
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `start-up failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
  process.exit(1);
});
