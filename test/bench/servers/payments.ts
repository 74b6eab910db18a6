import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import pino from 'pino';
import { sqliteReadModelDb, startReporting, threadConfigOf } from '../../../projections';
import request from 'supertest';
import { buildApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { issueCredential } from '../../../src/credentials';
import { exponentialBackoff, webhookDispatcher } from '../../../src/feeds';
import { startReadModels } from '../../../src/readModels';
import { systemClock } from '../../../src/shared/clock';
import { sqliteEventStore } from '../../../src/shared/eventStore';
import { redactedPaths } from '../../../src/shared/logger';
import { createMetrics } from '../../../src/shared/metrics';
import { secretBox } from '../../../src/shared/secrets';
import type { TestApp } from '../../support/app';
import { paymentWorld } from '../../support/payments';

/**
 * The real app (every slice, every read model, the projection thread, request logging at info) on a fresh
 * SQLite file with the system clock; the projection thread as the default configuration runs it
 * (`PROJECTION_THREAD_NICE`, from the environment as `npm start` reads it). It builds the API tests' payment world over its
 * own HTTP API, writes the terminal's token and signing secret to BENCH_CREDENTIALS,
 * then reports its port.
 */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-payments-'));
  const store = sqliteEventStore(join(dir, 'events.sqlite'));
  const secrets = secretBox(randomBytes(32));
  const readModels = startReadModels(store);
  await readModels.ready;
  const logger = pino(
    { level: 'info', redact: { paths: redactedPaths, remove: true } },
    pino.destination({ dest: '/dev/null', sync: false }),
  );
  const metrics = createMetrics();
  const reporting = startReporting({
    store,
    db: sqliteReadModelDb(join(dir, 'readmodels.sqlite')),
    sqliteLog: join(dir, 'events.sqlite'),
    registry: metrics.registry,
    thread: threadConfigOf(loadConfig({ ...process.env, DATA_DIR: dir, EVENT_STORE: 'sqlite' })),
  });
  await reporting.runner.run();
  const app = buildApp({
    store,
    clock: systemClock,
    logger,
    metrics,
    secrets,
    readModels,
    reporting: { ...reporting, settlementDebtor: { name: 'bench' } },
  });
  const fixture = {
    app,
    async tokenFor(role: Parameters<TestApp['tokenFor']>[0], scope = {}) {
      const issued = await issueCredential(
        { store, clock: systemClock, secrets },
        { role, scope, label: `bench ${role}`, expiresInDays: 1 },
        'bench',
      );
      await readModels.credentials.ensure(issued.position);
      return {
        authorization: `Bearer ${issued.token}`,
        token: issued.token,
        credentialId: issued.credentialId,
      };
    },
  };
  // paymentWorld only uses `app` and `tokenFor` of a TestApp.
  const world = await paymentWorld(fixture as unknown as TestApp);
  writeFileSync(process.env.BENCH_CREDENTIALS!, JSON.stringify(world.good));
  const hooks = process.env.BENCH_WEBHOOK;
  const dead = hooks ? await deadWebhooks(fixture) : undefined;
  const webhooks = webhookDispatcher({
    db: reporting.db,
    secrets,
    now: () => Date.now(),
    ...(hooks === 'dead-churn'
      ? { maxAttempts: 1, backoff: () => 1, timeoutMs: 1000 }
      : { maxAttempts: 8, backoff: exponentialBackoff(1000), timeoutMs: 5000 }),
    registry: metrics.registry,
  });
  webhooks.start(100);
  const allocations = await allocationSampling(process.env.BENCH_ALLOC_PROF);
  const server = createServer(app).listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address && typeof address === 'object') process.send?.({ port: address.port });
  });
  const stop = () =>
    server.close(() => {
      void allocations
        .stop()
        .then(() => webhooks.stop())
        .then(() => dead?.close())
        .then(() => readModels.stop())
        .then(() => reporting.runner.stop())
        .then(() => reporting.db.close())
        .then(() => store.close())
        .then(() => {
          rmSync(dir, { recursive: true, force: true });
          process.exit(0);
        });
    });
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}

/**
 * With BENCH_WEBHOOK=dead, the payments' agency registers two webhooks no receiver serves: one
 * on a port that accepts connections and never answers (every attempt runs to its timeout),
 * one on a port nothing listens on (refused at once). Each payment is an item for both.
 */
async function deadWebhooks(fixture: {
  app: Parameters<typeof request>[0];
  tokenFor(role: 'agency', scope: { agencyId: string }): Promise<{ authorization: string }>;
}): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const hang: Server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
  const refused = createTcpServer();
  await new Promise<void>((resolve) => refused.listen(0, '127.0.0.1', resolve));
  const refusedPort = (refused.address() as { port: number }).port;
  await new Promise<void>((resolve) => refused.close(() => resolve()));
  const agency = await fixture.tokenFor('agency', { agencyId: 'traffic' });
  const urls = {
    hang: `http://127.0.0.1:${(hang.address() as { port: number }).port}/hook`,
    refused: `http://127.0.0.1:${refusedPort}/hook`,
  };
  for (const [webhookId, url] of Object.entries(urls))
    await request(fixture.app)
      .post('/v1/webhooks')
      .set('Authorization', agency.authorization)
      .send({ webhookId, url })
      .expect(201);
  return {
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => hang.close(() => resolve()));
    },
  };
}

/**
 * With BENCH_ALLOC_PROF=<dir>, samples every allocation of the run, including objects the
 * collector has since freed (what `--heap-prof` leaves out), and writes a `.heapprofile`
 * there: where the garbage comes from, for Chrome DevTools or a script. With
 * BENCH_ALLOC_SURVIVORS=1 too, only what outlived the young generation (freed by a full
 * collection or still live): what the scavenges copied and promoted.
 */
async function allocationSampling(dir: string | undefined) {
  if (!dir) return { stop: async () => undefined };
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('HeapProfiler.startSampling', {
    samplingInterval: 16_384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: process.env.BENCH_ALLOC_SURVIVORS !== '1',
  });
  return {
    async stop() {
      const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: unknown };
      writeFileSync(join(dir, `alloc-${process.pid}.heapprofile`), JSON.stringify(profile));
      session.disconnect();
    },
  };
}

void main();
