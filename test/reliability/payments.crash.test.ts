import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { PaymentRecorded } from '../../src/payments';
import { sqliteEventStore } from '../../src/shared/eventStore';
import { sign } from '../../src/shared/http/auth';
import type { TestApp } from '../support/app';
import { paymentWorld, type Terminal } from '../support/payments';
import { startServer, type RunningServer } from '../support/server';

const PAYMENTS = 5000;
const CLIENTS = 32;
const ACKS_BEFORE_KILL = 1500;

interface Answer {
  status: number;
  replayed: boolean;
  body: { paymentId?: string; amount?: string; trackingCode?: string };
}

function bodyOf(i: number, transactionTime: string) {
  return {
    rrn: `7${String(i).padStart(11, '0')}`,
    stan: String(i % 1_000_000).padStart(6, '0'),
    transactionTime,
    serviceCode: 'vehicle-transfer',
    quantity: 1 + (i % 3),
    occurrence: 1,
    amount: String(1_600_000 + (i % 7) * 1000),
    maskedCard: '603799******1234',
  };
}

async function post(url: string, terminal: Terminal, raw: string, key: string): Promise<Answer> {
  const ts = String(Math.floor(Date.now() / 1000));
  const res = await fetch(`${url}/v1/payments`, {
    method: 'POST',
    body: raw,
    headers: {
      'content-type': 'application/json',
      authorization: terminal.authorization,
      'idempotency-key': key,
      'x-pishkhan-timestamp': ts,
      'x-pishkhan-signature': sign(terminal.secret, ts, 'POST', '/v1/payments', raw),
    },
  });
  return {
    status: res.status,
    replayed: res.headers.get('idempotent-replayed') === 'true',
    body: (await res.json()) as Answer['body'],
  };
}

/** A failed fetch, named by its cause (undici's errors come from another realm than Jest's). */
const failure = (error: unknown): Error => {
  const e = error as { message?: string; cause?: { code?: string; message?: string } };
  const cause = e.cause ? ` (${e.cause.code ?? e.cause.message})` : '';
  return new Error(`${e.message ?? String(error)}${cause}`);
};

/**
 * 32 clients share the payments; each sends its next one when the previous is answered.
 * With `retries`, a client resends with the same key after a dropped connection or a 503, as a
 * gateway does.
 */
async function sendAll(
  url: string,
  terminal: Terminal,
  raws: string[],
  onAck: (i: number, a: Answer) => void,
  retries = 0,
): Promise<Map<number, Answer | Error>> {
  const results = new Map<number, Answer | Error>();
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = next++; i < raws.length; i = next++) {
        for (let attempt = 0; attempt <= retries; attempt++) {
          try {
            const answer = await post(url, terminal, raws[i]!, `crash-${i}`);
            results.set(i, answer);
            if (answer.status === 201) onAck(i, answer);
            if (answer.status !== 503) break;
          } catch (error) {
            results.set(i, failure(error));
          }
        }
      }
    }),
  );
  return results;
}

describe('payments survive kill -9 of the server', () => {
  let dir: string;
  let server: RunningServer | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pishkhan-paycrash-'));
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('every acknowledged payment exists exactly once after a SIGKILL mid-stream and a full resend with the same keys', async () => {
    const env = { DATA_DIR: dir, EVENT_STORE: 'sqlite', LOG_LEVEL: 'warn' };
    server = await startServer(env);
    const url = server.url;
    const regulator = `Bearer ${readFileSync(join(dir, 'regulator-token'), 'utf8').trim()}`;
    const fixture = {
      app: url,
      async tokenFor(role: string, scope = {}) {
        const res = await request(url)
          .post('/v1/credentials')
          .set('Authorization', regulator)
          .send({ role, scope, label: `crash ${role}` })
          .expect(201);
        return {
          authorization: `Bearer ${res.body.token as string}`,
          token: res.body.token as string,
          credentialId: res.body.credentialId as string,
        };
      },
    };
    // paymentWorld uses only `app` (supertest accepts a URL) and `tokenFor` of a TestApp.
    const world = await paymentWorld(fixture as unknown as TestApp);
    await new Promise((resolve) => setImmediate(resolve));
    const at = new Date().toISOString();
    const raws = Array.from({ length: PAYMENTS }, (_, i) => JSON.stringify(bodyOf(i, at)));

    const first = new Map<number, Answer>();
    const child = server.child;
    const results = await sendAll(url, world.good, raws, (i, a) => {
      first.set(i, a);
      if (first.size === ACKS_BEFORE_KILL) child.kill('SIGKILL');
    });
    if (first.size < ACKS_BEFORE_KILL) child.kill('SIGKILL');
    await server.exited;
    expect(child.signalCode).toBe('SIGKILL');
    expect(first.size).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    expect(first.size).toBeLessThan(PAYMENTS);
    expect([...results.values()].filter((r) => !('status' in r)).length).toBeGreaterThan(0);

    server = await startServer(env);
    const second = await sendAll(server.url, world.good, raws, () => undefined, 3);
    const failed = [...second].filter(([, a]) => a instanceof Error || a.status !== 201);
    expect(
      failed.slice(0, 5).map(([i, a]) => `${i}: ${a instanceof Error ? a.message : a.status}`),
    ).toEqual([]);
    for (let i = 0; i < PAYMENTS; i++) {
      const answer = second.get(i) as Answer;
      expect(answer.status).toBe(201);
      const before = first.get(i);
      if (before) {
        expect(answer.replayed).toBe(true);
        expect(answer.body).toEqual(before.body);
      }
    }
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const store = sqliteEventStore(join(dir, 'events.sqlite'));
    try {
      const recorded = new Map<string, PaymentRecorded[]>();
      for (let after = 0; ;) {
        const page = await store.readAll({
          after,
          limit: 1000,
          filter: { eventTypes: ['PaymentRecorded'] },
        });
        if (page.length === 0) break;
        for (const e of page) {
          const p = e.data as PaymentRecorded;
          recorded.set(p.paymentId, [...(recorded.get(p.paymentId) ?? []), p]);
        }
        after = page.at(-1)!.position;
      }
      expect(recorded.size).toBe(PAYMENTS);
      expect([...recorded.values()].filter((list) => list.length !== 1)).toEqual([]);
      for (const [i, answer] of first) {
        const [p] = recorded.get(answer.body.paymentId!)!;
        expect(p!.amount).toBe(JSON.parse(raws[i]!).amount);
      }
      for (const [p] of recorded.values()) {
        expect(p!.postings.reduce((s, x) => s + BigInt(x.amount), 0n).toString()).toBe(p!.amount);
      }
    } finally {
      await store.close();
    }
  }, 180_000);
});
