import { randomBytes } from 'node:crypto';
import { fixedClock } from '../../src/shared/clock';
import { localRequestMemory } from '../../src/shared/http/localMemory';
import { postgresRequestMemory } from '../../src/shared/http/postgresMemory';
import type { RequestMemory } from '../../src/shared/http/requestMemory';
import { maxSessionsPerCredential } from '../../src/shared/http/sessionStore';
import {
  databaseUrl,
  describeWithPostgres,
  dropSchema,
  randomSchema,
  withClient,
} from '../support/postgres';

const signature = () => randomBytes(32).toString('hex');
const minute = { windowMs: 60_000, max: 3 };

/** What every request memory does, one node's or shared. */
function remembers(open: (clock: ReturnType<typeof fixedClock>) => Promise<RequestMemory>) {
  const clock = fixedClock('2026-11-29T08:00:10Z');
  let memory: RequestMemory;
  beforeAll(async () => {
    memory = await open(clock);
  });
  afterAll(() => memory.close());
  const until = () => clock.now().getTime() + 600_000;

  it('takes a signature once; the second use is a replay, also when both come together', async () => {
    const s = signature();
    expect(await memory.firstUse(s, until())).toBe(true);
    expect(await memory.firstUse(s, until())).toBe(false);
    const t = signature();
    const together = await Promise.all([1, 2, 3].map(async () => memory.firstUse(t, until())));
    expect(together.filter(Boolean)).toHaveLength(1);
  });

  it('allows max hits a window per key, each key and scope apart, and again in the next window', async () => {
    const limiter = memory.limiter('test-a', minute);
    const other = memory.limiter('test-b', minute);
    const verdicts = await Promise.all([1, 2, 3, 4].map(async () => limiter.hit('k1')));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(3);
    expect(verdicts.map((v) => (v.allowed ? v.remaining : -1)).sort()).toEqual([-1, 0, 1, 2]);
    expect(verdicts.find((v) => !v.allowed)).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect((await limiter.hit('k2')).allowed).toBe(true);
    expect((await other.hit('k1')).allowed).toBe(true);
    clock.advance(60_000);
    expect(await limiter.hit('k1')).toEqual({ allowed: true, remaining: 2 });
  });

  it('keeps a session while it is used, ends it when idle too long or ended, and bounds a credential', async () => {
    const credentialId = signature();
    const opened = (digest: string) =>
      memory.sessions.open({ digest, credentialId, tokenDigest: 'td', idleMs: 60_000 });
    await opened('s1');
    clock.advance(50_000);
    expect(await memory.sessions.use('s1')).toEqual({
      credentialId,
      tokenDigest: 'td',
      expiresAtMs: clock.now().getTime() + 60_000,
    });
    clock.advance(50_000);
    expect(await memory.sessions.use('s1')).toBeDefined();
    clock.advance(60_001);
    expect(await memory.sessions.use('s1')).toBeUndefined();
    await opened('s2');
    await memory.sessions.end('s2');
    expect(await memory.sessions.use('s2')).toBeUndefined();
    for (let i = 0; i <= maxSessionsPerCredential; i++) {
      await opened(`b${i}`);
      clock.advance(1);
    }
    expect(await memory.sessions.use('b0')).toBeUndefined();
    expect(await memory.sessions.use('b1')).toBeDefined();
    expect(await memory.sessions.use(`b${maxSessionsPerCredential}`)).toBeDefined();
  });
}

describe('the local request memory', () => remembers(async (clock) => localRequestMemory(clock)));

describeWithPostgres('the request memory shared in PostgreSQL', () => {
  const schema = randomSchema();
  const digestKey = randomBytes(32);
  const clock = fixedClock('2026-11-29T08:00:10Z');
  const node = (on = clock) =>
    postgresRequestMemory({
      connectionString: databaseUrl,
      schema,
      clock: on,
      digestKey,
      sweepMs: 0,
    });
  let a: Awaited<ReturnType<typeof node>>;
  let b: Awaited<ReturnType<typeof node>>;
  beforeAll(async () => {
    [a, b] = await Promise.all([node(), node()]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await dropSchema(schema);
  });

  describe('as one node sees it', () => remembers(node));

  it('refuses on node B a signature node A took', async () => {
    const s = signature();
    expect(await a.firstUse(s, clock.now().getTime() + 600_000)).toBe(true);
    expect(await b.firstUse(s, clock.now().getTime() + 600_000)).toBe(false);
  });

  it('ends on node B a session signed out on node A', async () => {
    await a.sessions.open({
      digest: 'shared',
      credentialId: 'c',
      tokenDigest: 'td',
      idleMs: 60_000,
    });
    expect(await b.sessions.use('shared')).toBeDefined();
    await a.sessions.end('shared');
    expect(await b.sessions.use('shared')).toBeUndefined();
  });

  it('counts one national budget: two nodes together allow max, not twice max', async () => {
    const onA = a.limiter('national', { windowMs: 60_000, max: 5 });
    const onB = b.limiter('national', { windowMs: 60_000, max: 5 });
    const verdicts = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => (i % 2 ? onA : onB).hit('credential-1')),
    );
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
  });

  it('keeps digests, never the signature or the key, and sweeps what expired', async () => {
    const s = signature();
    await a.firstUse(s, clock.now().getTime() + 1000);
    await a.limiter('secretive', minute).hit('203.0.113.9');
    const stored = await withClient(async (c) => {
      const rows = await c.query(
        `SELECT encode(digest, 'hex') AS d FROM "${schema}".used_signatures
         UNION ALL SELECT scope || encode(key, 'hex') FROM "${schema}".rate_counts`,
      );
      return rows.rows.map((r: { d: string }) => r.d).join(' ');
    });
    expect(stored).not.toContain(s);
    expect(stored).not.toContain(s.slice(0, 32));
    expect(stored).not.toContain(Buffer.from('203.0.113.9').toString('hex'));
    expect(await a.sweep(clock.now().getTime())).toBe(0);
    expect(await a.sweep(clock.now().getTime() + 2 * 60_000)).toBeGreaterThan(0);
    expect(await b.firstUse(s, clock.now().getTime() + 1000)).toBe(true);
  });
});
