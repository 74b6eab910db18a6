import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import { sqliteReadModelDb, startReporting } from '../../projections';
import { buildApp } from '../../src/app';
import { startReadModels } from '../../src/readModels';
import { fixedClock } from '../../src/shared/clock';
import { sqliteEventStore, type EventStore } from '../../src/shared/eventStore';
import { createLogger } from '../../src/shared/logger';
import { createMetrics } from '../../src/shared/metrics';
import { secretBox } from '../../src/shared/secrets';

/**
 * A store whose subscriptions on the given stream prefixes report having caught up only once
 * `release()` is called; every other subscription behaves as the store's own.
 */
function slowToCatchUp(inner: EventStore, prefixes: string[]) {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop === 'subscribe')
        return (...args: Parameters<EventStore['subscribe']>) => {
          const subscription = inner.subscribe(...args);
          const held = args[0].filter?.streamPrefixes?.some((p) => prefixes.includes(p));
          if (!held) return subscription;
          return {
            caughtUp: subscription.caughtUp.then(() => gate),
            done: subscription.done,
            stop: () => subscription.stop(),
          };
        };
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  return { store, release: () => release() };
}

describe('readiness and the in-memory read models', () => {
  let dir: string;
  let inner: EventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pishkhan-ready-'));
    inner = sqliteEventStore(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    await inner.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 naming the read models not caught up, and 200 once every one has', async () => {
    const { store, release } = slowToCatchUp(inner, ['complaint-', 'license-']);
    const readModels = startReadModels(store);
    const reporting = startReporting({ store, db: sqliteReadModelDb(join(dir, 'rm.sqlite')) });
    const app = buildApp({
      reporting: { ...reporting, settlementDebtor: { name: 'test' } },
      store,
      clock: fixedClock('2026-11-29T08:00:00Z'),
      logger: createLogger('info', new Writable({ write: (_c, _e, cb) => cb() })),
      metrics: createMetrics(),
      secrets: secretBox(randomBytes(32)),
      readModels,
    });
    const { credentials, catalogue, tariffs, offices, calendar } = readModels;
    await Promise.all(
      [credentials, catalogue.following, tariffs.following, offices, calendar].map((m) => m.ready),
    );

    const waiting = await request(app).get('/readyz').expect(503);
    expect(waiting.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(waiting.body).toMatchObject({ status: 503, code: 'store-unavailable' });
    // Holders' requests and recommendations follow the license streams too, for the effects.
    const following = ['licenses', 'holderRequests', 'recommendations'];
    expect(waiting.body.detail).toBe(`read models not caught up: ${following.join(', ')}`);
    expect(readModels.notCaughtUp()).toEqual(following);

    release();
    await readModels.ready;
    const ready = await request(app).get('/readyz').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', store: 'sqlite' });
    expect(readModels.notCaughtUp()).toEqual([]);
    await readModels.stop();
    await reporting.db.close();
  });
});
