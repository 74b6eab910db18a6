import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allProjections, sqliteReadModelDb } from '../../projections';
import { seedLedger } from '../../projections/fixtures';
import { seedSupervision } from '../../projections/supervision/fixtures';
import { foldDataDir, pishkhanProjections } from '../support/cli';

const pishkhan = pishkhanProjections;

describe('pishkhan projections verify', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pishkhan-cli-verify-'));
    await foldDataDir(dir, allProjections(), async (store) => {
      await seedLedger(store, 40);
      await seedSupervision(store);
    });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says every projection equals its rebuild and exits 0', () => {
    const run = pishkhan(dir, 'verify', '--all');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    for (const name of [
      'settlement',
      'compliance',
      'deadlines',
      'payments',
      'supervision',
      'complaints',
    ])
      expect(run.out).toMatch(new RegExp(`^${name}: \\S+ equals a rebuild at position \\d+`, 'm'));
  });

  it('on a deliberately corrupted projection, prints the first differing row and exits 1', async () => {
    const db = sqliteReadModelDb(join(dir, 'readmodels.sqlite'));
    await db.write((tx) =>
      tx.run(
        `UPDATE settlement_v1_lines SET gross = gross + 7 WHERE rowid = (SELECT MIN(rowid) FROM settlement_v1_lines)`,
      ),
    );
    await db.close();
    const run = pishkhan(dir, 'verify', 'settlement');
    expect(run.code).toBe(1);
    expect(run.out).toMatch(
      /^settlement: settlement_v1 DIFFERS from a rebuild at position \d+; first differing row of table lines:/m,
    );
    expect(run.out).toMatch(/^ {2}live: {4}\[.+\]$/m);
    expect(run.out).toMatch(/^ {2}rebuilt: \[.+\]$/m);
  });

  it.each(['payments', 'supervision', 'complaints'])(
    'rebuilds %s beside its live build, switches over, and the new build equals a rebuild',
    (name) => {
      const run = pishkhan(dir, 'rebuild', name);
      expect(run.code).toBe(0);
      expect(run.out).toMatch(new RegExp(`^${name}: ${name}_v2 is live at position \\d+$`, 'm'));
      const verified = pishkhan(dir, 'verify', name);
      expect(verified.code).toBe(0);
      expect(verified.out).toMatch(
        new RegExp(`^${name}: ${name}_v2 equals a rebuild at position \\d+ \\(\\d+ rows\\)`, 'm'),
      );
    },
  );

  it('refuses a name it does not know', () => {
    const run = pishkhan(dir, 'verify', 'nonesuch');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /known: settlement, compliance, deadlines, payments, supervision, complaints/,
    );
  });
});
