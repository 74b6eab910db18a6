import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatJalali } from '../../contracts/primitives/jalali';
import { postgresEventStore } from '../../src/shared/eventStore';
import { sign } from '../../src/shared/http/auth';
import { decodeKey, secretBox } from '../../src/shared/secrets';
import { startTestApp } from '../support/app';
import { paymentWorld, services, type PaymentWorld } from '../support/payments';
import {
  databaseUrl,
  describeWithPostgres,
  dropSchema,
  randomSchema,
  withClient,
} from '../support/postgres';
import { startServer, type RunningServer } from '../support/server';

jest.setTimeout(240_000);

const PAYMENTS = Number(process.env.THREE_NODE_PAYMENTS ?? 300);
const CLIENTS = 9;
/** PROJECTION_LEASE_MS of the nodes: a dead node's builds are taken over within this and a poll. */
const LEASE_MS = 2000;
const SECRETS_KEY = 'b'.repeat(64);

interface Lease {
  prefix: string;
  owner: string | null;
  until: number;
}

/**
 * Three API nodes as real processes on one PostgreSQL schema, a gateway spreading signed
 * payments over them round-robin, and the node folding the projections killed with SIGKILL
 * in the middle of the burst. The client re-sends what got no answer to the next node with
 * the same Idempotency-Key (signed again: a signature is used once, on any node).
 */
describeWithPostgres('three API nodes, one killed mid-burst', () => {
  const schema = randomSchema();
  const dirs = [1, 2, 3].map((n) => mkdtempSync(join(tmpdir(), `pishkhan-3n${n}-`)));
  const nodes: RunningServer[] = [];
  let w: PaymentWorld;

  const sql = <R>(text: string) => withClient(async (c) => (await c.query(text)).rows as R[]);
  const leases = () =>
    sql<{ prefix: string; lease_owner: string | null; lease_until: string }>(
      `SELECT prefix, lease_owner, lease_until FROM "${schema}".projection_builds WHERE state <> 'retired'`,
    ).then((rows) =>
      rows.map((r): Lease => ({
        prefix: r.prefix,
        owner: r.lease_owner,
        until: Number(r.lease_until),
      })),
    );
  const pidOf = (owner: string | null) => Number(owner?.split('-')[0]);
  /** Polls `probe` until it answers something, for at most `ms`. */
  async function until<T>(probe: () => Promise<T | undefined>, ms: number): Promise<T | undefined> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = await probe();
      if (found !== undefined || Date.now() > deadline) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    const start = new Date(Date.now() - 3_600_000).toISOString();
    const builder = await startTestApp({
      store: await postgresEventStore({ connectionString: databaseUrl, schema }),
      now: start,
      deps: { secrets: secretBox(decodeKey(SECRETS_KEY)) },
    });
    w = await paymentWorld(builder);
    await builder.close();
    for (const dir of dirs)
      nodes.push(
        await startServer({
          DATA_DIR: dir,
          EVENT_STORE: 'postgres',
          DATABASE_URL: databaseUrl,
          DATABASE_SCHEMA: schema,
          SECRETS_KEY,
          PROJECTION_LEASE_MS: String(LEASE_MS),
          REFUND_RETRY_SECONDS: '0',
          SETTLEMENT_CHECK_SECONDS: '0',
        }),
      );
  });
  afterAll(async () => {
    for (const n of nodes) {
      if (n.child.exitCode === null && n.child.signalCode === null) n.child.kill('SIGTERM');
      await n.exited;
    }
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await dropSchema(schema);
  });

  let rrn = 0;
  const body = () => ({
    rrn: `3N${String(++rrn).padStart(10, '0')}`,
    stan: '004211',
    transactionTime: new Date(Date.now() - 60_000).toISOString(),
    serviceCode: services.good,
    quantity: 2,
    occurrence: 1,
    amount: '1720733',
    maskedCard: '603799******1234',
  });
  /** A signed request at `at` (Unix seconds); a payment's attempts each take their own second. */
  function signed(raw: string, at: number, key: string) {
    const ts = String(at);
    return {
      method: 'POST',
      headers: {
        authorization: w.good.authorization,
        'content-type': 'application/json',
        'idempotency-key': key,
        'x-pishkhan-timestamp': ts,
        'x-pishkhan-signature': sign(w.good.secret, ts, 'POST', '/v1/payments', raw),
      },
      body: raw,
    };
  }

  it('acknowledges every payment exactly once, moves the projections, keeps the reports and catches replays', async () => {
    // The projections are leased by one node before the burst: the one to kill.
    const held = await until(async () => {
      const all = await leases();
      const now = Date.now();
      return all.length > 0 && all.every((l) => l.owner && l.until > now) ? all : undefined;
    }, 30_000);
    expect(held).toBeDefined();
    const holderPid = pidOf(held![0]!.owner);
    const victim = nodes.find((n) => n.child.pid === holderPid)!;
    expect(victim).toBeDefined();
    const survivors = nodes.filter((n) => n !== victim);

    const counts = { acknowledged: 0, retried: 0, replays: 0, attempts: 0, unanswered: 0 };
    const acknowledged = new Map<string, string>();
    const survivorPids = new Set(survivors.map((n) => n.child.pid));
    let leaseMoved: Promise<{ after: Lease[]; ms: number } | undefined> | undefined;
    /** Kills the projections' node and watches, while the burst goes on, for its leases to move. */
    const kill = () => {
      const killedAt = Date.now();
      victim.child.kill('SIGKILL');
      leaseMoved = until(async () => {
        const all = await leases();
        const now = Date.now();
        return all.every((l) => survivorPids.has(pidOf(l.owner)) && l.until > now)
          ? { after: all, ms: now - killedAt }
          : undefined;
      }, LEASE_MS + 60_000);
    };

    async function pay(i: number): Promise<void> {
      const raw = JSON.stringify(body());
      const key = `k-3n-${i}`;
      const first = Math.floor(Date.now() / 1000);
      for (let attempt = 0; ; attempt++) {
        expect(attempt).toBeLessThan(60);
        const node = nodes[(i + attempt) % nodes.length]!;
        counts.attempts += 1;
        if (attempt === 1) counts.retried += 1;
        const answer = await fetch(`${node.url}/v1/payments`, {
          ...signed(raw, first - attempt, key),
          signal: AbortSignal.timeout(30_000),
        }).then(
          async (r) => ({
            status: r.status,
            replay: r.headers.get('idempotent-replayed') === 'true',
            json: (await r.json()) as { paymentId?: string },
          }),
          () => undefined,
        );
        if (answer?.status === 201) {
          acknowledged.set(key, answer.json.paymentId!);
          counts.acknowledged += 1;
          // Written by a node that died before it could answer, or by a node still writing it.
          if (answer.replay) counts.replays += 1;
          if (counts.acknowledged === Math.floor(PAYMENTS / 3)) kill();
          return;
        }
        if (answer === undefined) counts.unanswered += 1;
        // Only a node that is gone, unavailable or still writing the key's payment is tried again.
        else expect([409, 503]).toContain(answer.status);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    let next = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < PAYMENTS) await pay(next++);
      }),
    );
    await victim.exited;
    expect(counts.retried).toBeGreaterThan(0);

    // Every build's lease is taken by a surviving node.
    const lease = await leaseMoved;
    expect(lease).toBeDefined();
    const moved = lease!.after;
    const leaseMovedMs = lease!.ms;
    const leaseMoves = moved.filter(
      (l) => held!.find((h) => h.prefix === l.prefix)?.owner !== l.owner,
    ).length;

    // Exactly once in the log: every acknowledged payment, and nothing else.
    const stored = await sql<{ id: string; n: string }>(
      `SELECT coalesce(data_text::jsonb, data)->>'paymentId' AS id, count(*) AS n FROM "${schema}".events
        WHERE type = 'PaymentRecorded' GROUP BY 1`,
    );
    const ids = new Set(acknowledged.values());
    expect(acknowledged.size).toBe(PAYMENTS);
    expect(ids.size).toBe(PAYMENTS);
    expect(stored.filter((s) => s.n !== '1')).toEqual([]);
    expect(new Set(stored.map((s) => s.id))).toEqual(ids);

    // The reports, answered by a survivor, equal the log.
    const [b, c] = survivors as [RunningServer, RunningServer];
    const read = async <T>(url: string) => {
      const r = await fetch(url, { headers: { authorization: w.a.regulator } });
      expect(r.status).toBe(200);
      return (await r.json()) as T;
    };
    const listed: string[] = [];
    for (let cursor: string | undefined; ;) {
      const page = await read<{ items: Array<{ paymentId: string }>; nextCursor?: string }>(
        `${b.url}/v1/payments?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      );
      listed.push(...page.items.map((p) => p.paymentId));
      if (!(cursor = page.nextCursor)) break;
    }
    expect(listed.sort()).toEqual([...ids].sort());
    const day = (ms: number) => formatJalali(new Date(ms)).slice(0, 10);
    const [logged] = await sql<{ n: string; head: string; rials: string }>(
      `SELECT count(*) FILTER (WHERE type = 'PaymentRecorded') AS n, max(position) AS head,
              sum((coalesce(data_text::jsonb, data)->>'amount')::numeric) FILTER (WHERE type = 'PaymentRecorded') AS rials
         FROM "${schema}".events`,
    );
    // A report states the log position it reflects; once that is the head, it must equal the log.
    const range = `from=${day(Date.now() - 2 * 86_400_000)}&to=${day(Date.now() + 86_400_000)}`;
    const settled = (query: string) =>
      until(async () => {
        const report = await read<{
          ledgerPosition: number;
          totals: { payments: number; gross: string };
        }>(`${c.url}/v1/reports/settlement?${query}`);
        return report.ledgerPosition >= Number(logged!.head) ? report : undefined;
      }, 30_000);
    const agency = await settled(`${range}&agencyId=traffic`);
    expect(agency?.totals.payments).toBe(Number(logged!.n));
    // Every beneficiary's lines together hold each payment's whole amount.
    expect((await settled(range))?.totals.gross).toBe(logged!.rials);

    // A signed payment node B accepted is refused on node C: the replay memory is shared.
    const raw = JSON.stringify(body());
    const once = signed(raw, Math.floor(Date.now() / 1000), 'k-3n-replay');
    expect((await fetch(`${b.url}/v1/payments`, once)).status).toBe(201);
    const replay = await fetch(`${c.url}/v1/payments`, once);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { detail: string }).detail).toMatch(/already used/);

    console.log(
      `three nodes: acknowledged ${counts.acknowledged}/${PAYMENTS}, stored ${stored.length}, ` +
        `retried ${counts.retried} (${counts.attempts} attempts, ${counts.unanswered} unanswered, ` +
        `${counts.replays} found already written), ` +
        `lease moves ${leaseMoves}/${moved.length} builds within ${leaseMovedMs} ms of the kill ` +
        `(PROJECTION_LEASE_MS ${LEASE_MS}), cross-node replay refused`,
    );
    expect(leaseMoves).toBe(moved.length);
  });
});
