import { randomInt, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { postgresEventStore } from '../../src/shared/eventStore';
import type { EventStore, RecordedEvent } from '../../src/shared/eventStore';
import {
  databaseUrl,
  describeWithPostgres,
  dropSchema,
  randomSchema,
  withApplicationName,
  withClient,
} from '../support/postgres';

/** Polls a condition (not a clock): resolves once it holds, fails after the deadline. */
async function until(
  what: string,
  condition: () => boolean | Promise<boolean>,
  deadlineMs = 10_000,
): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Two processes append to one database; writer A starts first but its COMMIT is held
 * (a deferred constraint trigger waits on an advisory lock the test holds), writer B
 * appends meanwhile. A reader following $all must end up with both, in position order.
 * Without the adapter's write lock B commits a higher position first, the reader moves
 * past A's lower one, and this test fails.
 */
describeWithPostgres('postgres ordering with a late-committing writer', () => {
  const schema = randomSchema();
  const gateKey = randomInt(1, 2 ** 31 - 1);
  const tag = randomUUID().slice(0, 8);
  const stores: EventStore[] = [];
  let gate: Client;

  const storeAs = async (name: string) => {
    const store = await postgresEventStore({
      connectionString: withApplicationName(databaseUrl, `${name}-${tag}`),
      schema,
    });
    stores.push(store);
    return store;
  };
  const isWaitingOnLock = (name: string) =>
    withClient(async (c) => {
      const r = await c.query(
        `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
        [`${name}-${tag}`],
      );
      return r.rowCount! > 0;
    });

  beforeAll(async () => {
    const reader = await storeAs('reader');
    await reader.headPosition();
    await withClient((c) =>
      c.query(`
        CREATE FUNCTION "${schema}".hold_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.type = 'HeldAtCommit' THEN PERFORM pg_advisory_xact_lock_shared(4242, ${gateKey}); END IF;
          RETURN NULL;
        END $$;
        CREATE CONSTRAINT TRIGGER hold_commit AFTER INSERT ON "${schema}".events
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "${schema}".hold_commit();`),
    );
    gate = new Client({ connectionString: databaseUrl });
    await gate.connect();
  });

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await gate.end();
    await dropSchema(schema);
  });

  it('a subscriber never skips the event that commits late with a lower position', async () => {
    const [reader, writerA, writerB] = [
      stores[0]!,
      await storeAs('writer-a'),
      await storeAs('writer-b'),
    ];
    const seen: RecordedEvent[] = [];
    const sub = reader.subscribe({}, (e) => {
      seen.push(e);
    });
    await sub.caughtUp;

    await gate.query('SELECT pg_advisory_lock(4242, $1)', [gateKey]);
    const appendA = writerA.append(
      `held-${tag}`,
      [{ type: 'HeldAtCommit', data: {} }],
      'no_stream',
    );
    await until('writer A is held at COMMIT', () => isWaitingOnLock('writer-a'));

    const appendB = writerB.append(`quick-${tag}`, [{ type: 'Quick', data: {} }], 'no_stream');
    let bAcknowledged = false;
    void appendB.then(
      () => (bAcknowledged = true),
      () => undefined,
    );
    await until(
      'writer B waits for the write lock, or the reader has seen B',
      async () => seen.some((e) => e.type === 'Quick') || (await isWaitingOnLock('writer-b')),
    );
    const seenWhileAHeld = seen.map((e) => e.type);
    const bAcknowledgedWhileAHeld = bAcknowledged;

    await gate.query('SELECT pg_advisory_unlock(4242, $1)', [gateKey]);
    const [a, b] = await Promise.all([appendA, appendB]);
    const sentinel = await writerA.append(
      `sentinel-${tag}`,
      [{ type: 'Sentinel', data: {} }],
      'no_stream',
    );
    await until('the reader has seen the sentinel', () => seen.some((e) => e.type === 'Sentinel'));
    await sub.stop();

    expect(seen.map((e) => [e.type, e.position])).toEqual([
      ['HeldAtCommit', a.position],
      ['Quick', b.position],
      ['Sentinel', sentinel.position],
    ]);
    expect(a.position).toBeLessThan(b.position);
    expect(seenWhileAHeld).toEqual([]);
    expect(bAcknowledgedWhileAHeld).toBe(false);
    expect(await reader.readAll()).toHaveLength(3);
  });
});
