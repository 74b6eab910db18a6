import { randomUUID } from 'node:crypto';
import { eventStoreContract } from './eventStore.contract';
import { postgresEventStore } from '../../src/shared/eventStore';
import type { PostgresEventStore } from '../../src/shared/eventStore/adapters/postgres';
import { logMonth } from '../../src/shared/eventStore/logMonths';
import {
  databaseUrl,
  describeWithPostgres,
  dropSchema,
  randomSchema,
  withClient,
} from '../support/postgres';

let schema = '';
const open = (clock?: () => Date) =>
  postgresEventStore({
    connectionString: databaseUrl,
    schema,
    layout: 'monthly',
    ...(clock ? { clock } : {}),
  });

const partitionsOf = (s: string) =>
  withClient(async (c) =>
    (
      await c.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          WHERE i.inhparent = '"${s}".events'::regclass ORDER BY 1`,
      )
    ).rows.map((r) => r.name),
  );

describeWithPostgres('postgres adapter, monthly layout', () => {
  eventStoreContract('postgres monthly', {
    async open() {
      schema = randomSchema();
      return open();
    },
    reopen: () => open(),
    async cleanup() {
      await dropSchema(schema);
    },
  });

  describe('partitions', () => {
    let store: PostgresEventStore;
    afterEach(async () => {
      await store.close();
      await dropSchema(schema);
    });

    it('creates this month and the next when it creates the table', async () => {
      schema = randomSchema();
      store = await open(() => logMonth(1405, 8).start);
      expect(store.layout).toBe('monthly');
      expect(await partitionsOf(schema)).toEqual(['events_1405_08', 'events_1405_09']);
    });

    it('an append in a month without a partition creates it and commits, at the boundary and beyond', async () => {
      schema = randomSchema();
      let now = new Date(logMonth(1405, 9).end.getTime() - 1);
      store = await open(() => now);
      const stream = `payment-${randomUUID()}`;
      await store.append(stream, [{ type: 'Recorded', data: {} }], 'no_stream');
      now = logMonth(1405, 10).start;
      const crossing = await Promise.all(
        Array.from({ length: 5 }, () =>
          store.append(`payment-${randomUUID()}`, [{ type: 'Recorded', data: {} }], 'no_stream'),
        ),
      );
      expect(crossing).toHaveLength(5);
      now = logMonth(1406, 2).start;
      await store.append(stream, [{ type: 'Reversed', data: {} }], 0);
      expect(await partitionsOf(schema)).toEqual([
        'events_1405_09',
        'events_1405_10',
        'events_1406_02',
      ]);
      const all = await store.readAll();
      expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1));
      expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1]);
      expect(all.at(-1)!.recordedAt).toEqual(logMonth(1406, 2).start);
    });

    it('never records a batch before the previous one when the clock steps back', async () => {
      schema = randomSchema();
      let now = logMonth(1405, 9).start;
      store = await open(() => now);
      await store.append(`a-${randomUUID()}`, [{ type: 'A', data: {} }], 'no_stream');
      now = new Date(now.getTime() - 60_000);
      await store.append(`a-${randomUUID()}`, [{ type: 'A', data: {} }], 'no_stream');
      const all = await store.readAll();
      expect(all[1]!.recordedAt.getTime()).toBe(all[0]!.recordedAt.getTime());
      expect(await partitionsOf(schema)).toEqual(['events_1405_09', 'events_1405_10']);
    });

    it('keeps stream revisions unique across months through the stream heads', async () => {
      schema = randomSchema();
      let now = logMonth(1405, 8).start;
      store = await open(() => now);
      const stream = `license-${randomUUID()}`;
      await store.append(stream, [{ type: 'A', data: {} }], 'no_stream');
      now = logMonth(1405, 9).start;
      await expect(store.append(stream, [{ type: 'A', data: {} }], 'no_stream')).rejects.toThrow();
      const sneaked = withClient((c) =>
        c.query(`INSERT INTO "${schema}".stream_heads (stream, revision) VALUES ($1, 0)`, [stream]),
      );
      await expect(sneaked).rejects.toThrow(/duplicate key/);
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('an existing unpartitioned table keeps the single layout', async () => {
      schema = randomSchema();
      const single = await postgresEventStore({ connectionString: databaseUrl, schema });
      await single.append(`a-${randomUUID()}`, [{ type: 'A', data: {} }], 'no_stream');
      await single.close();
      store = await open();
      expect(store.layout).toBe('single');
      await store.append(`a-${randomUUID()}`, [{ type: 'A', data: {} }], 'no_stream');
      expect(await store.readAll()).toHaveLength(2);
    });
  });
});
