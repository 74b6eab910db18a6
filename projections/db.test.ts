import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sqliteReadModelDb, type ReadModelDb } from './db';

let dir: string;
let file: string;
let db: ReadModelDb;
let holder: Database.Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pishkhan-rmdb-'));
  file = join(dir, 'readmodels.sqlite');
  db = sqliteReadModelDb(file, { lockWaitMs: 60_000 });
  await db.write((tx) => tx.run('CREATE TABLE t (n INTEGER NOT NULL)'));
  holder = new Database(file);
});

afterEach(async () => {
  if (holder.inTransaction) holder.exec('ROLLBACK');
  holder.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const turnOfTheLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('sqliteReadModelDb writes while another connection holds the write lock', () => {
  it('waits without holding the thread, then writes once the lock is free', async () => {
    holder.exec('BEGIN IMMEDIATE');
    holder.prepare('INSERT INTO t VALUES (1)').run();
    let written = false;
    const write = db
      .write((tx) => tx.run('INSERT INTO t VALUES (2)'))
      .then(() => {
        written = true;
      });
    for (let i = 0; i < 5; i++) await turnOfTheLoop();
    expect(written).toBe(false);
    holder.exec('COMMIT');
    await write;
    const rows = await db.read((tx) => tx.all<{ n: bigint }>('SELECT n FROM t ORDER BY n'));
    expect(rows.map((r) => r.n)).toEqual([1n, 2n]);
  });

  it('keeps writes in call order while it waits', async () => {
    holder.exec('BEGIN IMMEDIATE');
    const first = db.write((tx) => tx.run('INSERT INTO t VALUES (1)'));
    const second = db.write((tx) => tx.run('INSERT INTO t VALUES (2)'));
    await turnOfTheLoop();
    holder.exec('COMMIT');
    await Promise.all([first, second]);
    const rows = await db.read((tx) => tx.all<{ n: bigint }>('SELECT rowid, n FROM t'));
    expect(rows.map((r) => r.n)).toEqual([1n, 2n]);
  });

  it('fails with SQLITE_BUSY when the lock stays held past the wait, and writes nothing', async () => {
    const impatient = sqliteReadModelDb(file, { lockWaitMs: 0 });
    try {
      holder.exec('BEGIN IMMEDIATE');
      const refused: unknown = await impatient
        .write((tx) => tx.run('INSERT INTO t VALUES (3)'))
        .then(
          () => 'written',
          (error: unknown) => error,
        );
      expect(refused).toMatchObject({ code: 'SQLITE_BUSY' });
      holder.exec('COMMIT');
      await impatient.write((tx) => tx.run('INSERT INTO t VALUES (4)'));
      const rows = await db.read((tx) => tx.all<{ n: bigint }>('SELECT n FROM t'));
      expect(rows.map((r) => r.n)).toEqual([4n]);
    } finally {
      await impatient.close();
    }
  });

  it('a failed write gives the lock back for the next one', async () => {
    await expect(
      db.write(async (tx) => {
        await tx.run('INSERT INTO t VALUES (5)');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    holder.exec('BEGIN IMMEDIATE');
    holder.exec('COMMIT');
    const rows = await db.read((tx) => tx.all<{ n: bigint }>('SELECT n FROM t'));
    expect(rows).toEqual([]);
  });
});
