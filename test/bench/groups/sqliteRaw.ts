import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventType, paymentData, streamName } from '../lib/eventShape';
import type { BenchGroup } from '../lib/group';
import { withTempDir } from '../lib/scratch';

const rowsPerTransaction = 1000;

/**
 * The storage floor: what better-sqlite3 itself sustains for event-shaped rows
 * with the durability our adapter promises (WAL, synchronous=FULL) and the
 * uniqueness every event store needs (event id; stream + revision). Nothing
 * faster can be expected of an adapter on this disk.
 */
export const sqliteRaw: BenchGroup = {
  name: 'sqlite',
  async run(ctx) {
    const perS = await withTempDir('raw', async (dir) => {
      const db = new Database(join(dir, 'raw.db'));
      try {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.exec(`CREATE TABLE events (
          position INTEGER PRIMARY KEY, stream TEXT NOT NULL, revision INTEGER NOT NULL,
          id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL,
          metadata TEXT NOT NULL, recorded_at TEXT NOT NULL, UNIQUE (stream, revision))`);
        const insert = db.prepare(
          'INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at) VALUES (?, 0, ?, ?, ?, ?, ?)',
        );
        const batch = db.transaction(() => {
          const at = new Date().toISOString();
          for (let i = 0; i < rowsPerTransaction; i++) {
            insert.run(
              streamName(),
              randomUUID(),
              eventType,
              JSON.stringify(paymentData()),
              '{}',
              at,
            );
          }
        });
        const runFor = (seconds: number): number => {
          const started = process.hrtime.bigint();
          const deadline = started + BigInt(Math.round(seconds * 1e9));
          let rows = 0;
          while (process.hrtime.bigint() < deadline) {
            batch();
            rows += rowsPerTransaction;
          }
          return rows / (Number(process.hrtime.bigint() - started) / 1e9);
        };
        runFor(ctx.warmupSeconds);
        return runFor(ctx.seconds);
      } finally {
        db.close();
      }
    });
    return {
      'sqlite.raw_batch_insert.per_s': {
        value: perS,
        unit: '1/s',
        conditions: `better-sqlite3 direct, ~500-byte JSON rows, uuid ids, unique (stream, revision), ${rowsPerTransaction} rows per transaction, WAL, synchronous=FULL, ${ctx.seconds} s`,
      },
    };
  },
};
