import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { checkProof } from '../../contracts/ledger/proof';
import { endOfLedgerDay, ledgerDayOf } from '../../contracts/ledger/days';
import { ledgerSealer } from '../../src/ledger';
import { startTestApp, type TestApp } from '../support/app';
import { payment, paymentWorld, signedPost, type PaymentWorld } from '../support/payments';

const repoRoot = join(__dirname, '..', '..');

/** The standalone verifier, as a citizen or auditor runs it: no store, no server. */
function verifyProofCli(file: string, root: string) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'ledger', 'verify-proof', file, '--root', root],
    {
      cwd: repoRoot,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
}

describe('receipt proofs', () => {
  let t: TestApp;
  let w: PaymentWorld;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-proof-'));
    t = await startTestApp({ dir, now: '2026-11-19T08:00:00Z' });
    w = await paymentWorld(t);
    t.clock.set('2026-11-29T08:00:00Z');
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("proves a sealed day's payment to the standalone verifier, and the proof is refused once the stored payment is changed", async () => {
    const paid = [];
    for (let i = 0; i < 3; i++)
      paid.push((await signedPost(t, w.good, '/v1/payments', payment(t)).expect(201)).body);
    const code = paid[1].trackingCode as string;

    const receipt = (await request(t.app).get(`/v1/receipts/${code}`).expect(200)).body;
    expect(receipt.proof).toBe(`/v1/receipts/${code}/proof`);
    const early = await request(t.app)
      .get(receipt.proof as string)
      .expect(404);
    expect(early.headers['content-type']).toMatch(/application\/problem\+json/);
    const today = ledgerDayOf(new Date());
    expect(early.body).toMatchObject({ day: today });
    expect(Date.parse(early.body.sealedAfter as string)).toBe(
      endOfLedgerDay(today).getTime() + 10 * 60_000,
    );

    const sealedAt = new Date(endOfLedgerDay(today).getTime() + 11 * 60_000);
    await ledgerSealer({ store: t.store, now: () => sealedAt, graceMinutes: 10 }).runOnce();
    await t.reporting.runner.catchUp();

    const seal = (await request(t.app).get(`/v1/ledger/seals/${today}`).expect(200)).body;
    const proof = (
      await request(t.app)
        .get(receipt.proof as string)
        .expect(200)
    ).body;
    expect(proof.seal).toEqual(seal);
    const event = JSON.parse(Buffer.from(proof.leaf.canonical, 'base64').toString('utf8'));
    expect(event).toMatchObject({
      stream: `payment-${paid[1].paymentId as string}`,
      type: 'PaymentRecorded',
    });
    expect(event.data.amount).toBe('1720733');
    expect(checkProof(proof, seal.root)).toEqual({ ok: true });
    const file = join(dir, 'proof.json');
    writeFileSync(file, JSON.stringify(proof));
    const accepted = verifyProofCli(file, seal.root);
    expect(accepted.stdout).toContain('proof verified');
    expect(accepted.status).toBe(0);

    const otherRoot = 'ab'.repeat(32);
    expect(checkProof(proof, otherRoot)).toMatchObject({ ok: false });

    const db = new Database(join(dir, 'events.sqlite'));
    db.prepare(`UPDATE events SET data = json_set(data, '$.amount', '1') WHERE stream = ?`).run(
      `payment-${paid[1].paymentId as string}`,
    );
    db.close();
    const changed = (await request(t.app).get(`/v1/receipts/${code}/proof`).expect(200)).body;
    expect(
      JSON.parse(Buffer.from(changed.leaf.canonical, 'base64').toString('utf8')).data.amount,
    ).toBe('1');
    expect(checkProof(changed, seal.root)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('refused'),
    });
    writeFileSync(file, JSON.stringify(changed));
    const refused = verifyProofCli(file, seal.root);
    expect(refused.stdout).toContain('proof REFUSED');
    expect(refused.status).toBe(1);
  });

  it('answers 404 for an unknown tracking code and for a day never sealed', async () => {
    await request(t.app).get('/v1/receipts/0000000000000000/proof').expect(404);
    await request(t.app).get('/v1/ledger/seals/2020-01-01').expect(404);
    await request(t.app).get('/v1/ledger/seals/not-a-day').expect(400);
  });
});
