import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { postgresReadModelDb, sqliteReadModelDb, type ReadModelDb } from '../../projections';
import { projectionRunner } from '../../projections/runner';
import { sealsProjection } from '../../projections/seals/projection';
import { ledgerSealer, scheduledVerification, verifyLedger } from '../../src/ledger';
import { postgresEventStore, sqliteEventStore, type EventStore } from '../../src/shared/eventStore';
import {
  databaseUrl,
  describeWithPostgres,
  dropSchema,
  randomSchema,
  withClient,
} from '../support/postgres';

const dayMs = 86_400_000;
/** 2026-03-21 00:00 in Tehran. */
const firstDay = Date.parse('2026-03-20T20:30:00Z');
const days = ['2026-03-21', '2026-03-22', '2026-03-23'];
const sizes = [4, 6, 3];

/** How a test reaches a store's rows behind its back. */
interface Backend {
  open(): Promise<EventStore>;
  readModels(): ReadModelDb;
  /** Runs SQL on the event table (named `events`) as an intruder with file or database access. */
  tamper(sql: string, params?: unknown[]): Promise<void>;
  cleanUp(): Promise<void>;
  /** The data dir the `pishkhan` command opens, for the SQLite store. */
  dataDir?: string;
}

/** `pishkhan ledger verify` as an operator runs it on a node. */
function verifyCli(dataDir: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'ledger', 'verify'], {
    cwd: join(__dirname, '..', '..'),
    env: { ...process.env, EVENT_STORE: 'sqlite', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/**
 * Lays the payments of three days in the log, seals them, and folds the seals projection:
 * positions 1–4 are day one, 5–10 day two, 11–13 day three; the seals follow.
 */
async function sealedLog(
  backend: Backend,
  at: (position: number, iso: string) => [string, unknown[]],
) {
  let store = await backend.open();
  for (const [d, size] of sizes.entries())
    for (let i = 0; i < size; i++)
      await store.append(
        `payment-d${d}-${i}`,
        [
          {
            type: 'PaymentRecorded',
            data: { amount: String(250_000 * (i + 1)), maskedCard: '603799******1234', day: d },
          },
        ],
        'no_stream',
      );
  await store.close();
  let position = 0;
  for (const [d, size] of sizes.entries())
    for (let i = 0; i < size; i++) {
      position++;
      await backend.tamper(
        ...at(position, new Date(firstDay + d * dayMs + 3_600_000 + i * 60_000).toISOString()),
      );
    }
  store = await backend.open();
  const seals = await ledgerSealer({
    store,
    now: () => new Date(firstDay + days.length * dayMs + 11 * 60_000),
    graceMinutes: 10,
  }).runOnce();
  expect(seals.map((s) => [s.day, s.count])).toEqual(days.map((d, i) => [d, sizes[i]]));
  const db = backend.readModels();
  const runner = projectionRunner({ store, db, projections: [sealsProjection()] });
  await runner.catchUp();
  const prefix = await runner.livePrefix('seals');
  await runner.stop();
  await store.close();
  let clock = Date.parse('2026-04-01T00:00:00Z');
  const opened = async <T>(work: (s: EventStore) => Promise<T>): Promise<T> => {
    const s = await backend.open();
    try {
      return await work(s);
    } finally {
      await s.close();
    }
  };
  return {
    db,
    verify: () => opened((s) => verifyLedger({ store: s, leaves: { db, prefix } })),
    /** A scheduled round: it resumes from the days verified before and scrubs `scrub` old ones. */
    scheduledRound: (scrub: number) =>
      opened((s) =>
        scheduledVerification({
          store: s,
          db,
          sealsPrefix: async () => prefix,
          scrub,
          now: () => new Date(clock++),
        })(),
      ),
  };
}

function tamperSuite(name: string, make: () => Promise<Backend>, dialect: 'sqlite' | 'postgres') {
  const q = {
    backdate: (p: number, iso: string): [string, unknown[]] =>
      dialect === 'sqlite'
        ? ['UPDATE events SET recorded_at = ? WHERE position = ?', [iso, p]]
        : ['UPDATE events SET recorded_at = $1 WHERE position = $2', [iso, p]],
    editAmount: (p: number): [string, unknown[]] =>
      dialect === 'sqlite'
        ? [`UPDATE events SET data = json_set(data, '$.amount', '1') WHERE position = ?`, [p]]
        : [
            `UPDATE events SET data_text = jsonb_set(data_text::jsonb, '{amount}', '"1"')::text WHERE position = $1`,
            [p],
          ],
    remove: (p: number): [string, unknown[]] =>
      dialect === 'sqlite'
        ? ['DELETE FROM events WHERE position = ?', [p]]
        : ['DELETE FROM events WHERE position = $1', [p]],
    insertInto: (iso: string): [string, unknown[]] =>
      dialect === 'sqlite'
        ? [
            `INSERT INTO events (position, stream, revision, id, type, data, metadata, recorded_at)
             SELECT MAX(position) + 1, 'payment-forged', 0, 'f0f0f0f0-0000-4000-8000-000000000001', 'PaymentRecorded', '{"amount":"90000000"}', '{}', ? FROM events`,
            [iso],
          ]
        : [
            `INSERT INTO events (position, stream, revision, id, type, data, metadata, recorded_at)
             SELECT MAX(position) + 1, 'payment-forged', 0, 'f0f0f0f0-0000-4000-8000-000000000001', 'PaymentRecorded', '{"amount":"90000000"}', '{}', $1 FROM events`,
            [iso],
          ],
    swap: (a: number, b: number): [string, unknown[]][] => {
      const p = (i: number) => (dialect === 'sqlite' ? '?' : `$${i}`);
      return [
        [`UPDATE events SET position = -1 WHERE position = ${p(1)}`, [a]],
        [`UPDATE events SET position = ${p(1)} WHERE position = ${p(2)}`, [a, b]],
        [`UPDATE events SET position = ${p(1)} WHERE position = -1`, [b]],
      ];
    },
  };

  describe(name, () => {
    let backend: Backend;
    let log: Awaited<ReturnType<typeof sealedLog>>;
    beforeEach(async () => {
      backend = await make();
      log = await sealedLog(backend, q.backdate);
    });
    afterEach(async () => {
      await log.db.close();
      await backend.cleanUp();
    });

    it('an untouched log verifies', async () => {
      const v = await log.verify();
      expect(v.discrepancy).toBeUndefined();
      expect(v).toMatchObject({ days: 3, events: 13, lastDay: '2026-03-23' });
      if (backend.dataDir) {
        const cli = verifyCli(backend.dataDir);
        expect(cli.stdout).toContain('ledger verified: 3 sealed days, 13 events');
        expect(cli.status).toBe(0);
      }
    });

    it('edited amount: names the day and the edited event', async () => {
      await backend.tamper(...q.editAmount(7));
      expect((await log.verify()).discrepancy).toMatchObject({
        day: '2026-03-22',
        check: 'root',
        event: { position: 7, change: 'changed' },
      });
      if (backend.dataDir) {
        const cli = verifyCli(backend.dataDir);
        expect(cli.stdout).toMatch(/DIFFERS on day 2026-03-22.*position 7 \(changed\)/);
        expect(cli.status).toBe(1);
      }
    });

    it('a scheduled round recomputes unverified days once, then a scrub of the oldest, and still finds an edit behind an old seal', async () => {
      expect(await log.scheduledRound(1)).toMatchObject({ days: 3, events: 13 });
      expect(await log.scheduledRound(1)).toMatchObject({ days: 1, lastDay: days[0] });
      await backend.tamper(...q.editAmount(12));
      const missed = await log.scheduledRound(1);
      expect(missed.discrepancy).toBeUndefined();
      expect(missed).toMatchObject({ days: 1, lastDay: days[1] });
      expect((await log.scheduledRound(1)).discrepancy).toMatchObject({
        day: days[2],
        check: 'root',
        event: { position: 12, change: 'changed' },
      });
      expect((await log.scheduledRound(0)).discrepancy).toMatchObject({ day: days[2] });
      expect((await log.verify()).discrepancy).toMatchObject({ day: days[2] });
    });

    it('a round ends between days once its node is stopping, answering what it checked', async () => {
      const stopping = new AbortController();
      const s = await backend.open();
      try {
        const v = await verifyLedger({
          store: s,
          signal: stopping.signal,
          onVerified: async () => stopping.abort(),
        });
        expect(v).toMatchObject({ days: 1, events: sizes[0], lastDay: days[0] });
      } finally {
        await s.close();
      }
    });

    it('deleted event: names the day and the missing position', async () => {
      await backend.tamper(...q.remove(6));
      expect((await log.verify()).discrepancy).toMatchObject({
        day: '2026-03-22',
        event: { position: 6, change: 'missing' },
      });
    });

    it('inserted event backdated into a sealed day: names the day and the extra event', async () => {
      await backend.tamper(
        ...q.insertInto(new Date(firstDay + dayMs + 5 * 3_600_000).toISOString()),
      );
      const v = await log.verify();
      expect(v.days).toBe(3);
      expect(v.discrepancy).toMatchObject({
        day: '2026-03-22',
        check: 'range',
        event: { change: 'extra' },
      });
      expect(v.discrepancy!.event!.position).toBeGreaterThan(13);
    });

    it('two events reordered: names the day and the first swapped event', async () => {
      for (const step of q.swap(8, 9)) await backend.tamper(...step);
      expect((await log.verify()).discrepancy).toMatchObject({
        day: '2026-03-22',
        event: { position: 8, change: 'changed' },
      });
    });

    it('an earlier day changed is found before a later one', async () => {
      await backend.tamper(...q.editAmount(12));
      await backend.tamper(...q.editAmount(2));
      expect((await log.verify()).discrepancy).toMatchObject({
        day: '2026-03-21',
        event: { position: 2 },
      });
    });
  });
}

tamperSuite(
  'ledger seals: tampering with a real SQLite file',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-tamper-'));
    const file = join(dir, 'events.sqlite');
    return {
      open: async () => sqliteEventStore(file),
      readModels: () => sqliteReadModelDb(join(dir, 'readmodels.sqlite')),
      async tamper(sql, params = []) {
        const db = new Database(file);
        try {
          db.prepare(sql).run(...params);
        } finally {
          db.close();
        }
      },
      cleanUp: async () => rmSync(dir, { recursive: true, force: true }),
      dataDir: dir,
    };
  },
  'sqlite',
);

describeWithPostgres('ledger seals: tampering on PostgreSQL', () => {
  tamperSuite(
    'the same tampering in a PostgreSQL schema',
    async () => {
      const schema = randomSchema();
      await withClient((c) => c.query(`CREATE SCHEMA ${schema}`));
      return {
        open: () => postgresEventStore({ connectionString: databaseUrl, schema }),
        readModels: () => postgresReadModelDb({ connectionString: databaseUrl, schema }),
        tamper: (sql, params = []) =>
          withClient(async (c) => {
            await c.query(`SET search_path TO ${schema}`);
            await c.query(sql, params);
          }),
        cleanUp: () => dropSchema(schema),
      };
    },
    'postgres',
  );
});
