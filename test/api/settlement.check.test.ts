import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { allProjections, sqliteReadModelDb } from '../../projections';
import { verifyProjection } from '../../projections/verify';
import { startTestApp, type TestApp } from '../support/app';
import { payment, paymentWorld, signedPost, type PaymentWorld } from '../support/payments';

const debtorIban = 'IR820540102680020817909002';
const vatIban = 'IR060100000000401234567890';
const dayMs = 86_400_000;

describe('a settlement day that disagrees with the ledger is found, reported and never paid out', () => {
  let t: TestApp;
  let w: PaymentWorld;
  let dir: string;
  const close = (day: string) =>
    request(t.app).post('/v1/settlement/batches').set('Authorization', w.a.regulator).send({ day });
  const corrupt = async (day: string) => {
    const prefix = await t.reporting.runner.livePrefix('settlement');
    await t.reporting.db.write((tx) =>
      tx.run(
        `UPDATE ${prefix}_lines SET payments = payments - 1, gross = gross - 1000
         WHERE rowid = (SELECT MIN(rowid) FROM ${prefix}_lines WHERE day = ? AND kind = 'agency')`,
        [day],
      ),
    );
  };
  const watch = () => t.settlementCheck;
  const gauge = async () =>
    /pishkhan_settlement_days_disagreeing (\d+)/.exec(await t.deps.metrics.registry.metrics())?.[1];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pishkhan-settlement-check-'));
    t = await startTestApp({ now: '2026-11-19T08:00:00Z', reporting: { debtorIban, vatIban } });
    w = await paymentWorld(t);
    t.clock.set('2026-11-29T08:00:00Z');
    for (const daysAgo of [2, 2, 1, 1, 1])
      await signedPost(
        t,
        w.good,
        '/v1/payments',
        payment(t, {
          transactionTime: new Date(t.clock.now().getTime() - daysAgo * dayMs).toISOString(),
        }),
      ).expect(201);
    await t.reporting.runner.catchUp();
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every node reports a closed day that stops agreeing, as a metric and a log line with its counts', async () => {
    await close('1405/09/06').expect(201);
    const agreeing = await watch().runOnce();
    expect(agreeing?.map((d) => [d.day, d.agrees])).toEqual([['1405/09/06', true]]);
    expect(await gauge()).toBe('0');

    await corrupt('1405/09/06');
    const after = await watch().runOnce();
    expect(after?.map((d) => [d.day, d.agrees])).toEqual([['1405/09/06', false]]);
    expect(await gauge()).toBe('1');
    const warnings = t.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((l) => l.msg === 'a closed settlement day disagrees with the ledger');
    expect(warnings).toEqual([
      expect.objectContaining({
        day: '1405/09/06',
        ledger: expect.objectContaining({ payments: 2 }),
      }),
    ]);
    expect(JSON.stringify(warnings)).not.toMatch(/603799|IR\d{24}/);
  });

  it('refuses to close a day whose settlement lines disagree with the ledger, and appends nothing', async () => {
    await corrupt('1405/09/07');
    const refused = await close('1405/09/07').expect(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.detail).toMatch(/does not agree with the ledger/);
    expect(refused.body.ledger).toMatchObject({ payments: 3 });
    expect(await t.store.readStream('settlement-14050907')).toEqual([]);
  });

  it('verify names the differing row; a rebuild heals the day, which then closes', async () => {
    const settlement = allProjections({ cutoffMinutes: t.reporting.cutoffMinutes }).find(
      (p) => p.name === 'settlement',
    )!;
    const scratch = sqliteReadModelDb(join(dir, 'scratch.sqlite'));
    const verified = await verifyProjection({
      store: t.store,
      db: t.reporting.db,
      scratch,
      projection: settlement,
    });
    await scratch.close();
    expect(verified.difference?.table).toBe('lines');

    await t.reporting.runner.rebuild('settlement');
    const healed = await watch().runOnce();
    expect(healed?.every((d) => d.agrees)).toBe(true);
    expect(await gauge()).toBe('0');
    await close('1405/09/07').expect(201);
  });
});
