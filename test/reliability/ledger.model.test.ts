import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import request from 'supertest';
import { allProjections, sqliteReadModelDb } from '../../projections';
import { verifyProjection } from '../../projections/verify';
import { vehicleTransferComponents } from '../support/tariffFixtures';
import { startTestApp, type TestApp } from '../support/app';
import {
  nextRrn,
  paymentWorld,
  services,
  signedPost,
  type PaymentWorld,
  type Terminal,
} from '../support/payments';

/** Sequences per run; `MODEL_RUNS=200 npx jest test/reliability/ledger.model` for a long run. */
const runs = Number(process.env.MODEL_RUNS ?? 60);

type Posting = { kind: string; amount: string };
interface Paid {
  paymentId: string;
  terminal: 'good' | 'suspended';
  body: Record<string, unknown>;
  amount: bigint;
  /** Excess over the tariff, held for refund (overcharges only). */
  held: bigint;
  refunded: bigint;
  reversed: boolean;
  refunds: number;
}

/** What the ledger should hold, kept by plain arithmetic beside the real app. */
interface Model {
  /** PaymentRecorded events in the log when the sequence began. */
  before: number;
  price: bigint;
  licenseActive: boolean;
  payments: Paid[];
}

interface Real {
  t: TestApp;
  w: PaymentWorld;
}

const sum = (ps: Posting[]) => ps.reduce((s, p) => s + BigInt(p.amount), 0n);
let commandsRun = 0;
let acknowledged = 0;
let rebuildsCompared = 0;

function terminalOf(w: PaymentWorld, which: Paid['terminal']): Terminal {
  return which === 'good' ? w.good : w.suspended;
}

function newBody(r: Real, m: Model, variant: 'exact' | 'over' | 'under') {
  // Short by more than the office's whole fee: an undercharge (lowering only the office's ceiling fee would be no violation).
  const delta = variant === 'over' ? 1000n : variant === 'under' ? -400_000n : 0n;
  return {
    rrn: nextRrn(),
    stan: '004211',
    transactionTime: new Date(r.t.clock.now().getTime() - 30_000).toISOString(),
    serviceCode: services.good,
    quantity: 2,
    occurrence: 1,
    amount: String(m.price + delta),
    maskedCard: '603799******1234',
  };
}

/** Checks one acknowledged payment answer against the model and records it. */
function acknowledge(
  m: Model,
  terminal: Paid['terminal'],
  body: Record<string, unknown>,
  answer: { paymentId: string; status: string; postings: Posting[]; amount: string },
) {
  const amount = BigInt(body.amount as string);
  expect(answer.amount).toBe(String(amount));
  expect(sum(answer.postings)).toBe(amount);
  const clean = amount === m.price && (terminal === 'good' || m.licenseActive);
  expect(answer.status).toBe(clean ? 'recorded' : 'flagged');
  const held = amount > m.price ? amount - m.price : 0n;
  expect(sum(answer.postings.filter((p) => p.kind === 'held-for-refund'))).toBe(held);
  m.payments.push({
    paymentId: answer.paymentId,
    terminal,
    body,
    amount,
    held,
    refunded: 0n,
    reversed: false,
    refunds: 0,
  });
  acknowledged += 1;
}

class Pay implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly terminal: Paid['terminal'],
    readonly variant: 'exact' | 'over' | 'under',
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const body = newBody(r, m, this.variant);
    const res = await signedPost(r.t, terminalOf(r.w, this.terminal), '/v1/payments', body).expect(
      201,
    );
    acknowledge(m, this.terminal, body, res.body);
  }
  toString = () => `Pay(${this.terminal}, ${this.variant})`;
}

class Retry implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.payments.length > 0;
  async run(m: Model, r: Real) {
    const p = m.payments[this.pick % m.payments.length]!;
    const res = await signedPost(r.t, terminalOf(r.w, p.terminal), '/v1/payments', p.body).expect(
      201,
    );
    expect(res.headers['idempotent-replayed']).toBe('true');
    expect(res.body.paymentId).toBe(p.paymentId);
  }
  toString = () => `Retry(${this.pick})`;
}

class Batch implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly variants: Array<'exact' | 'over' | 'under'>,
    readonly retry: number | undefined,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const fresh = this.variants.map((v) => newBody(r, m, v));
    const again =
      this.retry !== undefined
        ? m.payments.filter((p) => p.terminal === 'good')[
            this.retry % Math.max(1, m.payments.length)
          ]
        : undefined;
    const items = [...fresh, ...(again ? [again.body] : [])];
    const res = await signedPost(r.t, r.w.good, '/v1/payments/batches', { items }).expect(200);
    const answers = res.body.items as Array<{
      outcome: string;
      result: { paymentId: string; status: string; postings: Posting[]; amount: string };
    }>;
    expect(answers.map((a) => a.outcome)).toEqual([
      ...fresh.map((b) => (BigInt(b.amount) === m.price ? 'recorded' : 'flagged')),
      ...(again ? ['replayed'] : []),
    ]);
    fresh.forEach((b, i) => acknowledge(m, 'good', b, answers[i]!.result));
    if (again) expect(answers.at(-1)!.result.paymentId).toBe(again.paymentId);
  }
  toString = () =>
    `Batch(${this.variants.join(',')}${this.retry !== undefined ? ` + retry ${this.retry}` : ''})`;
}

class Reverse implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.payments.length > 0;
  async run(m: Model, r: Real) {
    const p = m.payments[this.pick % m.payments.length]!;
    const res = await signedPost(r.t, terminalOf(r.w, p.terminal), '/v1/payments/reversals', {
      rrn: p.body.rrn,
      transactionTime: p.body.transactionTime,
      reason: 'model',
    });
    if (!p.reversed && p.refunds === 0) {
      expect(res.status).toBe(201);
      p.reversed = true;
    } else {
      expect(res.status).toBe(409);
    }
  }
  toString = () => `Reverse(${this.pick})`;
}

class Refund implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly pick: number,
    readonly share: number,
  ) {}
  check = (m: Readonly<Model>) => m.payments.length > 0;
  async run(m: Model, r: Real) {
    const p = m.payments[this.pick % m.payments.length]!;
    const left = p.amount - p.refunded;
    // share > 1 asks for more than is left.
    const amount =
      this.share > 1 ? left + 1n : (left * BigInt(Math.round(this.share * 100))) / 100n || 1n;
    const res = await request(r.t.app)
      .post(`/v1/payments/${p.paymentId}/refunds`)
      .set('Authorization', r.w.a.regulator)
      .send({ amount: String(amount), reason: 'model' });
    if (!p.reversed && amount <= left && left > 0n) {
      expect(res.status).toBe(201);
      p.refunded += amount;
      p.refunds += 1;
    } else {
      expect([409, 422]).toContain(res.status);
    }
  }
  toString = () => `Refund(${this.pick}, ${this.share})`;
}

class ApproveTariff implements fc.AsyncCommand<Model, Real> {
  constructor(readonly gov: '1500000' | '1800000' | '2100000') {}
  check = () => true;
  async run(m: Model, r: Real) {
    const now = r.t.clock.now().toISOString();
    await request(r.t.app)
      .post(`/v1/tariffs/${services.good}/approvals`)
      .set('Authorization', r.w.commission)
      .send({
        resolution: { number: `M-${Date.now()}-${commandsRun}`, date: now },
        effectiveFrom: now,
        components: vehicleTransferComponents(this.gov, '25333', '150000'),
      })
      .expect(201);
    r.t.clock.advance(60_000);
    m.price = await currentPrice(r);
  }
  toString = () => `ApproveTariff(${this.gov})`;
}

class License implements fc.AsyncCommand<Model, Real> {
  constructor(readonly action: 'suspend' | 'reinstate') {}
  check = () => true;
  async run(m: Model, r: Real) {
    const res = await request(r.t.app)
      .post(`/v1/licenses/${r.w.suspendedLicense}/${this.action}`)
      .set('Authorization', r.w.a.regulator)
      .send({ reason: 'model' });
    const allowed = this.action === 'suspend' ? m.licenseActive : !m.licenseActive;
    expect(res.status).toBe(allowed ? 200 : 409);
    if (allowed) m.licenseActive = this.action === 'reinstate';
    r.t.clock.advance(60_000);
  }
  toString = () => `License(${this.action})`;
}

async function currentPrice(r: Real): Promise<bigint> {
  const res = await request(r.t.app)
    .get(
      `/v1/tariffs/${services.good}/price?province=IR-23&officeKind=urban&quantity=2&at=${encodeURIComponent(new Date(r.t.clock.now().getTime() - 30_000).toISOString())}`,
    )
    .set('Authorization', r.w.a.regulator)
    .expect(200);
  const body = res.body as { total?: string; amount?: string };
  return BigInt(body.total ?? body.amount ?? '0');
}

/** The invariants, read from the event log itself. */
async function checkLedger(r: Real, m: Model) {
  const all = await r.t.store.readAll({
    after: 0,
    limit: 10_000_000,
    filter: { eventTypes: ['PaymentRecorded'] },
  });
  const recorded = new Map<string, number>();
  for (const e of all) {
    const id = (e.data as { paymentId: string }).paymentId;
    recorded.set(id, (recorded.get(id) ?? 0) + 1);
  }
  // Each acknowledged payment exactly once, and nothing the terminals were not answered for.
  expect([...recorded.values()].every((n) => n === 1)).toBe(true);
  expect(recorded.size).toBe(m.before + m.payments.length);
  const balances = { model: new Map<string, bigint>(), ledger: new Map<string, bigint>() };
  const add = (map: Map<string, bigint>, kind: string, v: bigint) =>
    map.set(kind, (map.get(kind) ?? 0n) + v);
  for (const p of m.payments) {
    const stream = await r.t.store.readStream(`payment-${p.paymentId}`);
    const first = stream[0]!;
    expect(first.type).toBe('PaymentRecorded');
    const data = first.data as { amount: string; postings: Posting[] };
    expect(sum(data.postings)).toBe(p.amount);
    const postings = stream.flatMap((e) => (e.data as { postings?: Posting[] }).postings ?? []);
    for (const ps of postings) add(balances.ledger, ps.kind, BigInt(ps.amount));
    expect(stream.filter((e) => e.type === 'PaymentReversed')).toHaveLength(p.reversed ? 1 : 0);
    expect(stream.filter((e) => e.type === 'PaymentRefunded')).toHaveLength(p.refunds);
    // What the beneficiaries keep, all together, is what was paid less what was given back.
    const net = p.reversed ? 0n : p.amount - p.refunded;
    expect(sum(postings)).toBe(net);
    add(balances.model, 'total', net);
    // Refunds draw on the held excess first.
    add(
      balances.model,
      'held-for-refund',
      p.reversed ? 0n : p.held - (p.refunded < p.held ? p.refunded : p.held),
    );
  }
  const total = [...balances.ledger.values()].reduce((s, v) => s + v, 0n);
  expect(total).toBe(balances.model.get('total') ?? 0n);
  expect(balances.ledger.get('held-for-refund') ?? 0n).toBe(
    balances.model.get('held-for-refund') ?? 0n,
  );
}

/**
 * The read models the app keeps incrementally (its runner folds after every command) equal
 * ones rebuilt from scratch over the same log, in a fresh database, row for row.
 */
async function checkProjections(r: Real, dir: string) {
  const reporting = r.t.reporting;
  await reporting.runner.catchUp();
  for (const projection of allProjections({ cutoffMinutes: reporting.cutoffMinutes })) {
    const scratch = sqliteReadModelDb(
      join(dir, `rebuild-${rebuildsCompared}-${projection.name}.sqlite`),
    );
    try {
      const verified = await verifyProjection({
        store: r.t.store,
        db: reporting.db,
        scratch,
        projection,
      });
      expect({ [projection.name]: verified.difference }).toEqual({ [projection.name]: undefined });
      if (projection.name === 'settlement' && acknowledged > 0)
        expect(verified.rows).toBeGreaterThan(0);
    } finally {
      await scratch.close();
    }
  }
  rebuildsCompared += 1;
}

describe('the ledger against a model: random payments, retries, batches, reversals, refunds, tariff approvals and license changes', () => {
  let t: TestApp;
  let w: PaymentWorld;
  let sequences = 0;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pishkhan-model-rebuild-'));
    t = await startTestApp({
      now: '2026-11-28T20:30:00Z',
      reporting: {},
      deps: { credentialLimits: { perMinute: 0, gatewayPerMinute: 0 } },
    });
    w = await paymentWorld(t);
    t.clock.set('2026-11-29T04:00:00Z');
  }, 60_000);
  afterAll(async () => {
    console.log(
      `ledger model test: ${sequences} sequences, ${commandsRun} commands, ${acknowledged} acknowledged payments checked exactly once; ` +
        `projections equal a fresh rebuild after ${rebuildsCompared} sequences`,
    );
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every acknowledged payment is in the log exactly once, postings add up, balances equal the model, projections equal a fresh rebuild', async () => {
    const variant = fc.constantFrom('exact' as const, 'over' as const, 'under' as const);
    const commands = [
      fc
        .tuple(fc.constantFrom('good' as const, 'suspended' as const), variant)
        .map(([term, v]) => new Pay(term, v)),
      fc.nat().map((n) => new Retry(n)),
      fc
        .tuple(
          fc.array(variant, { minLength: 1, maxLength: 4 }),
          fc.option(fc.nat(), { nil: undefined }),
        )
        .map(([vs, re]) => new Batch(vs, re)),
      fc.nat().map((n) => new Reverse(n)),
      fc.tuple(fc.nat(), fc.constantFrom(0.25, 0.5, 1, 1.5)).map(([n, s]) => new Refund(n, s)),
      fc
        .constantFrom('1500000' as const, '1800000' as const, '2100000' as const)
        .map((g) => new ApproveTariff(g)),
      fc.constantFrom('suspend' as const, 'reinstate' as const).map((a) => new License(a)),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 12 }), async (cmds) => {
        sequences += 1;
        const real: Real = { t, w };
        const lic = await request(t.app)
          .get(`/v1/licenses/${w.suspendedLicense}`)
          .set('Authorization', w.a.regulator)
          .expect(200);
        const before = (
          await t.store.readAll({
            after: 0,
            limit: 10_000_000,
            filter: { eventTypes: ['PaymentRecorded'] },
          })
        ).length;
        const model: Model = {
          before,
          price: await currentPrice(real),
          licenseActive: (lic.body as { status: string }).status === 'active',
          payments: [],
        };
        const counted = [...cmds].map((c) => ({
          check: (mm: Readonly<Model>) => c.check(mm),
          run: async (mm: Model, rr: Real) => {
            commandsRun += 1;
            rr.t.clock.advance(60_000);
            await c.run(mm, rr);
            // Incremental: the app's runner folds what each command appended.
            await rr.t.reporting.runner.catchUp();
          },
          toString: () => c.toString(),
        }));
        await fc.asyncModelRun(() => ({ model, real }), counted);
        await checkLedger(real, model);
        await checkProjections(real, dir);
      }),
      { numRuns: runs },
    );
  }, 120_000);
});
