import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteReadModelDb } from '../../projections';
import { complianceThreeMonthLog } from '../../projections/compliance/periodFixtures';
import { complianceProjection } from '../../projections/compliance/projection';
import { sqliteAppender, threeMonthLog } from '../../projections/settlement/periodFixtures';
import { settlementProjection } from '../../projections/settlement/projection';
import { dumpBuild } from '../../projections/verify';
import { foldDataDir, pishkhanProjections, pishkhanProjectionsAsync } from '../support/cli';
import { startServer } from '../support/server';

const pishkhan = pishkhanProjections;

describe('pishkhan projections rebuild settlement --period', () => {
  let dir: string;
  const rows = async () => {
    const db = sqliteReadModelDb(join(dir, 'readmodels.sqlite'));
    try {
      return await dumpBuild(db, settlementProjection(), 'settlement_v1');
    } finally {
      await db.close();
    }
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pishkhan-cli-period-'));
    const writer = sqliteAppender(join(dir, 'events.sqlite'));
    await threeMonthLog(writer.append);
    await writer.written();
    await foldDataDir(dir, [settlementProjection()]);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['2026-10', /partitions follow Jalali months; 2026-10 overlaps 1405-07 and 1405-08/],
    ['1405-13', /the month is between 1 and 12/],
    ['mehr', /give the Jalali month as 1405-08/],
  ])('refuses the period %s, says why, exits 1 and changes nothing', async (period, why) => {
    const before = await rows();
    const run = pishkhan(dir, 'rebuild', 'settlement', '--period', period);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(why);
    expect(await rows()).toEqual(before);
  });

  it('refuses --period for a projection not keyed by business day, naming the two that are', async () => {
    const before = await rows();
    const run = pishkhan(dir, 'rebuild', 'volumes', '--period', '1405-07');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /--period rebuilds settlement and compliance only \(keyed by business day\), not volumes/,
    );
    expect(await rows()).toEqual(before);
  });

  it('rebuilds a corrupted month given in Persian digits; verify then finds it equal to a rebuild', async () => {
    const db = sqliteReadModelDb(join(dir, 'readmodels.sqlite'));
    await db.write((tx) =>
      tx.run(`UPDATE settlement_v1_lines SET refunds = refunds - 3 WHERE day LIKE '1405/07/%'`),
    );
    await db.close();
    expect(pishkhan(dir, 'verify', 'settlement').code).toBe(1);

    const run = pishkhan(dir, 'rebuild', 'settlement', '--period', '۱۴۰۵-۰۷');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      /^settlement: settlement_v1 period 1405-07 rebuilt from positions [1-9]\d*\.\.\d+ \(\d+ events read\): \d+ lines and 1 batches replace \d+ and 1 in \d+ ms$/m,
    );
    const verify = pishkhan(dir, 'verify', 'settlement');
    expect(verify.out).toMatch(/^settlement: settlement_v1 equals a rebuild at position \d+/m);
    expect(verify.code).toBe(0);
  });

  it('against a running server: reports keep answering while a month is rebuilt, and answer as before once it is', async () => {
    const server = await startServer({ EVENT_STORE: 'sqlite', DATA_DIR: dir });
    try {
      const token = readFileSync(join(dir, 'regulator-token'), 'utf8').trim();
      const report = async () => {
        const res = await fetch(
          `${server.url}/v1/reports/settlement?from=1405/07/01&to=1405/07/30`,
          {
            headers: { authorization: `Bearer ${token}` },
          },
        );
        return { status: res.status, body: (await res.json()) as { lines: unknown[] } };
      };
      const before = await report();
      expect(before.status).toBe(200);
      expect(before.body.lines.length).toBeGreaterThan(0);
      const db = sqliteReadModelDb(join(dir, 'readmodels.sqlite'));
      await db.write((tx) =>
        tx.run(`UPDATE settlement_v1_lines SET gross = gross + 11 WHERE day LIKE '1405/07/%'`),
      );
      await db.close();
      expect((await report()).body.lines).not.toEqual(before.body.lines);

      const rebuilding = pishkhanProjectionsAsync(
        dir,
        'rebuild',
        'settlement',
        '--period',
        '1405-07',
      );
      let finished = false;
      void rebuilding.then(() => (finished = true));
      const during: number[] = [];
      while (!finished) during.push((await report()).status);
      const run = await rebuilding;
      expect(run.code).toBe(0);
      expect(during.length).toBeGreaterThan(0);
      expect(during.every((status) => status === 200)).toBe(true);
      expect((await report()).body.lines).toEqual(before.body.lines);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 120_000);
});

describe('pishkhan projections rebuild compliance --period', () => {
  let dir: string;
  const readModels = () => sqliteReadModelDb(join(dir, 'readmodels.sqlite'));
  const rows = async () => {
    const db = readModels();
    try {
      return await dumpBuild(db, complianceProjection(), 'compliance_v1');
    } finally {
      await db.close();
    }
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pishkhan-cli-compliance-period-'));
    const writer = sqliteAppender(join(dir, 'events.sqlite'));
    await complianceThreeMonthLog(writer.append);
    await writer.written();
    await foldDataDir(dir, [complianceProjection()]);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("rebuilds a corrupted month's flagged payments, violations and returns; verify then finds it equal to a rebuild, the other months as they were", async () => {
    const db = readModels();
    await db.write(async (tx) => {
      await tx.run(`UPDATE compliance_v1_flagged SET returned = 1 WHERE day LIKE '1405/07/%'`);
      await tx.run(`DELETE FROM compliance_v1_returns WHERE payment_id LIKE 'C1-%'`);
    });
    await db.close();
    expect(pishkhan(dir, 'verify', 'compliance').code).toBe(1);
    const before = await rows();

    const run = pishkhan(dir, 'rebuild', 'compliance', '--period', '1405-07');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      /^compliance: compliance_v1 period 1405-07 rebuilt from positions [1-9]\d*\.\.\d+ \(\d+ events read\): 7 flagged, 8 violations and 6 returns replace 7, 8 and 0 in \d+ ms$/m,
    );
    const verify = pishkhan(dir, 'verify', 'compliance');
    expect(verify.out).toMatch(/^compliance: compliance_v1 equals a rebuild at position \d+/m);
    expect(verify.code).toBe(0);
    const after = await rows();
    const notMehr = (r: string[]) => r.filter((row) => !row.includes('"1405/07/'));
    expect(notMehr(after.flagged!)).toEqual(notMehr(before.flagged!));
    expect(after.returns!.filter((r) => !r.startsWith('["C1-'))).toEqual(
      before.returns!.filter((r) => !r.startsWith('["C1-')),
    );
  });
});
