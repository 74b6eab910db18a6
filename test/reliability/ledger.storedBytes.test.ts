import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalJson, leafText } from '../../contracts/ledger/canonical';
import { leafHash, rootOf } from '../../contracts/ledger/merkle';
import { ledgerSealer, verifyLedger } from '../../src/ledger';
import {
  postgresEventStore,
  sqliteEventStore,
  type EventStore,
  type RecordedEvent,
} from '../../src/shared/eventStore';
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

/** The events table as files made before the `canonical` column have it. */
const tableBefore = `CREATE TABLE events (
  position INTEGER PRIMARY KEY, stream TEXT NOT NULL, revision INTEGER NOT NULL,
  id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
  recorded_at TEXT NOT NULL, UNIQUE (stream, revision))`;

/** A leaf as the code before wrote every leaf: canonical JSON of the event the store parsed. */
const leafBefore = (e: RecordedEvent) =>
  leafHash(
    canonicalJson({
      position: e.position,
      stream: e.stream,
      revision: e.revision,
      id: e.id,
      type: e.type,
      data: e.data,
      metadata: e.metadata,
      recordedAt: e.recordedAt.toISOString(),
    }),
  );

/** Day two's payments appended through today's store, which stores canonical JSON. */
async function appendDayTwo(store: EventStore, amount: (i: number) => string): Promise<void> {
  for (let i = 0; i < 3; i++)
    await store.append(
      `payment-new-${i}`,
      [
        {
          type: 'PaymentRecorded',
          data: { maskedCard: '603799******9876', amount: amount(i), day: 1 },
          metadata: { schemaVersion: 1, actor: 'gw' },
        },
      ],
      'no_stream',
    );
}

/** Seals every day ended by the third day's first minutes. */
const sealTwoDays = (store: EventStore) =>
  ledgerSealer({
    store,
    now: () => new Date(firstDay + 2 * dayMs + 11 * 60_000),
    graceMinutes: 10,
  }).runOnce();

describe('ledger seals over a SQLite file written before data was stored as canonical JSON', () => {
  let dir: string;
  let file: string;
  const run = (sql: string, ...params: unknown[]) => {
    const db = new Database(file);
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
  };
  const opened = async <T>(work: (s: EventStore) => Promise<T>): Promise<T> => {
    const s = sqliteEventStore(file);
    try {
      return await work(s);
    } finally {
      await s.close();
    }
  };
  const all = () => opened((s) => s.readAll({ limit: 100 }));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-stored-'));
    file = join(dir, 'events.sqlite');
    run(tableBefore);
    // Day one as the code before wrote it: keys in insertion order, one row with spaces.
    const old = [
      '{"amount":"250000","maskedCard":"603799******1234","day":0}',
      '{ "day": 0, "amount": "500000" }',
    ];
    old.forEach((data, i) =>
      run(
        `INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at)
         VALUES (?, 0, ?, 'PaymentRecorded', ?, '{"schemaVersion":1,"actor":"gw"}', ?)`,
        `payment-old-${i}`,
        `00000000-0000-4000-8000-00000000000${i}`,
        data,
        new Date(firstDay + 3_600_000 + i * 60_000).toISOString(),
      ),
    );
    await opened((s) => appendDayTwo(s, (i) => String(100_000 * (i + 1))));
    let position = 2;
    for (let i = 0; i < 3; i++)
      run(
        'UPDATE events SET recorded_at = ? WHERE position = ?',
        new Date(firstDay + dayMs + 3_600_000 + i * 60_000).toISOString(),
        ++position,
      );
    await opened(sealTwoDays);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens the old file, keeps old rows as they were, and hands out the stored bytes of new ones', async () => {
    const events = (await all()).filter((e) => e.type === 'PaymentRecorded');
    expect(events.map((e) => e.canonical === undefined)).toEqual([true, true, false, false, false]);
    expect(events[2]!.canonical).toEqual({
      data: '{"amount":"100000","day":1,"maskedCard":"603799******9876"}',
      metadata: '{"actor":"gw","schemaVersion":1}',
    });
    for (const e of events) expect(leafHash(leafText(e))).toEqual(leafBefore(e));
  });

  it('seals the old day and the new day with the roots the code before would have computed', async () => {
    const events = await all();
    const seals = events
      .filter((e) => e.type === 'LedgerDaySealed')
      .map((e) => e.data as { day: string; root: string });
    const payments = events.filter((e) => e.type === 'PaymentRecorded');
    expect(seals.map((s) => s.day)).toEqual(['2026-03-21', '2026-03-22']);
    expect(seals[0]!.root).toBe(rootOf(payments.slice(0, 2).map(leafBefore)).toString('hex'));
    expect(seals[1]!.root).toBe(rootOf(payments.slice(2).map(leafBefore)).toString('hex'));
    const v = await opened((s) => verifyLedger({ store: s }));
    expect(v.discrepancy).toBeUndefined();
    expect(v).toMatchObject({ days: 2, events: 5 });
  });

  it('finds an edit in an old row and in a new one', async () => {
    run(`UPDATE events SET data = json_set(data, '$.amount', '1') WHERE position = 2`);
    expect((await opened((s) => verifyLedger({ store: s }))).discrepancy).toMatchObject({
      day: '2026-03-21',
      check: 'root',
    });
    run(`UPDATE events SET data = '{ "day": 0, "amount": "500000" }' WHERE position = 2`);
    run(`UPDATE events SET data = json_set(data, '$.amount', '1') WHERE position = 4`);
    expect((await opened((s) => verifyLedger({ store: s }))).discrepancy).toMatchObject({
      day: '2026-03-22',
      check: 'root',
    });
  });

  it('finds a new row whose bytes changed though its value did not', async () => {
    run(`UPDATE events SET data = ' ' || data WHERE position = 4`);
    const [e] = await opened((s) => s.readAll({ after: 3, limit: 1 }));
    expect(e!.data).toEqual({ amount: '200000', day: 1, maskedCard: '603799******9876' });
    expect((await opened((s) => verifyLedger({ store: s }))).discrepancy).toMatchObject({
      day: '2026-03-22',
      check: 'root',
    });
  });

  it('an old row flagged canonical behind the store is reported: its leaf is now its bytes as stored', async () => {
    run('UPDATE events SET canonical = 1 WHERE position = 2');
    expect((await opened((s) => verifyLedger({ store: s }))).discrepancy).toMatchObject({
      day: '2026-03-21',
      check: 'root',
    });
  });
});

describeWithPostgres('ledger seals over a PostgreSQL table made before the canonical text', () => {
  let schema: string;
  const sql = (text: string, params: unknown[] = []) =>
    withClient(async (c) => {
      await c.query(`SET search_path TO ${schema}`);
      await c.query(text, params);
    });
  const opened = async <T>(work: (s: EventStore) => Promise<T>): Promise<T> => {
    const s = await postgresEventStore({ connectionString: databaseUrl, schema });
    try {
      return await work(s);
    } finally {
      await s.close();
    }
  };

  beforeEach(async () => {
    schema = randomSchema();
    // The table as the store made it before: jsonb only, which reorders keys and spaces them.
    await sql(`CREATE SCHEMA ${schema}`);
    await sql(`CREATE SEQUENCE events_position AS bigint;
      CREATE TABLE events (position bigint PRIMARY KEY, stream text NOT NULL,
        revision integer NOT NULL, id text NOT NULL UNIQUE, type text NOT NULL,
        data jsonb NOT NULL, metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(), UNIQUE (stream, revision))`);
    for (let i = 0; i < 2; i++)
      await sql(
        `INSERT INTO events (position, stream, revision, id, type, data, metadata, recorded_at)
         VALUES (nextval('events_position'), $1, 0, $2, 'PaymentRecorded', $3, '{"schemaVersion":1}', $4)`,
        [
          `payment-old-${i}`,
          `00000000-0000-4000-8000-00000000000${i}`,
          `{"maskedCard":"603799******1234","amount":"${250_000 * (i + 1)}","day":0}`,
          new Date(firstDay + 3_600_000 + i * 60_000).toISOString(),
        ],
      );
    await opened((s) => appendDayTwo(s, () => '1'));
    await sql(
      `UPDATE events SET recorded_at = $1::timestamptz + (position - 3) * interval '1 minute'
      WHERE position > 2`,
      [new Date(firstDay + dayMs + 3_600_000).toISOString()],
    );
    await opened(sealTwoDays);
  });
  afterEach(() => dropSchema(schema));

  it('opens the old table, seals old and new rows with the leaves of before, and finds edits in either', async () => {
    const events = await opened((s) => s.readAll({ limit: 100 }));
    const payments = events.filter((e) => e.type === 'PaymentRecorded');
    expect(payments.map((e) => e.canonical === undefined)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    for (const e of payments) expect(leafHash(leafText(e))).toEqual(leafBefore(e));
    const seals = events
      .filter((e) => e.type === 'LedgerDaySealed')
      .map((e) => e.data as { root: string });
    expect(seals.map((s) => s.root)).toEqual([
      rootOf(payments.slice(0, 2).map(leafBefore)).toString('hex'),
      rootOf(payments.slice(2).map(leafBefore)).toString('hex'),
    ]);
    expect((await opened((s) => verifyLedger({ store: s }))).discrepancy).toBeUndefined();

    await sql(`UPDATE events SET data = jsonb_set(data, '{amount}', '"1"') WHERE position = 2`);
    expect((await opened((s) => verifyLedger({ store: s }))).discrepancy).toMatchObject({
      day: '2026-03-21',
    });
    await sql(
      `UPDATE events SET data = jsonb_set(data, '{amount}', '"500000"') WHERE position = 2`,
    );
    expect((await opened((s) => verifyLedger({ store: s }))).discrepancy).toBeUndefined();
    await sql(
      `UPDATE events SET data_text = replace(data_text, '"day":1', '"day":2') WHERE position = 4`,
    );
    expect((await opened((s) => verifyLedger({ store: s }))).discrepancy).toMatchObject({
      day: '2026-03-22',
    });
  });
});
