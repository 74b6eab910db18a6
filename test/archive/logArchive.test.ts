import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { postgresEventStore } from '../../src/shared/eventStore';
import type { PostgresEventStore } from '../../src/shared/eventStore/adapters/postgres';
import {
  archiveMonth,
  listPartitions,
  restoreArchive,
  verifyArchive,
} from '../../src/shared/eventStore/archive/archive';
import { ArchiveCorruptError } from '../../src/shared/eventStore/archive/file';
import { ArchivedEventsError } from '../../src/shared/eventStore/archive/ranges';
import { logMonth } from '../../src/shared/eventStore/logMonths';
import { IllegalStateError } from '../../src/shared/errors';
import { databaseUrl, describeWithPostgres, dropSchema, randomSchema } from '../support/postgres';

const aban = logMonth(1405, 8);
const azar = logMonth(1405, 9);
const day = 86_400_000;

describeWithPostgres('log archive of a monthly-partitioned PostgreSQL store', () => {
  let schema: string;
  let dir: string;
  let now: Date;
  let store: PostgresEventStore;
  const db = () => ({ connectionString: databaseUrl, schema });
  const archive = (o: { drop?: boolean; at?: Date } = {}) =>
    archiveMonth(db(), {
      month: aban,
      dir,
      now: o.at ?? new Date(azar.end.getTime() + 100 * day),
      minAgeDays: 90,
      ...(o.drop ? { drop: true } : {}),
    });
  const early = `payment-${randomUUID()}`;
  const spanning = `license-${randomUUID()}`;

  beforeEach(async () => {
    schema = randomSchema();
    dir = mkdtempSync(join(tmpdir(), 'pishkhan-archive-'));
    now = new Date(aban.start.getTime() + 5 * day);
    store = await postgresEventStore({
      connectionString: databaseUrl,
      schema,
      layout: 'monthly',
      clock: () => now,
    });
    await store.append(
      early,
      [{ type: 'PaymentRecorded', data: { amount: '12345678901234567890123' } }],
      'no_stream',
    );
    await store.append(spanning, [{ type: 'Applied', data: { name: 'دفتر ۱۲' } }], 'no_stream');
    now = new Date(aban.end.getTime() - 1);
    await store.append(
      `payment-${randomUUID()}`,
      [{ type: 'PaymentRecorded', data: {} }],
      'no_stream',
    );
    now = azar.start;
    await store.append(spanning, [{ type: 'Issued', data: {} }], 0);
  });
  afterEach(async () => {
    await store.close();
    await dropSchema(schema);
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports a closed month, checks the file, detaches it; reads say what is archived; restore brings it back', async () => {
    const before = await store.readAll();
    const result = await archive();
    expect(result).toMatchObject({ count: 3, first: 1, last: 3, dropped: false });

    const checked = await verifyArchive(result.file);
    expect(checked.header.month).toBe('1405-08');
    expect(checked.footer).toMatchObject({ count: 3, first: 1, last: 3, sha256: result.sha256 });

    expect((await store.readAll()).map((e) => e.position)).toEqual([4]);
    expect(await store.headPosition()).toBe(4);
    expect(await store.archivedRanges()).toEqual([
      expect.objectContaining({ month: '1405-08', first: 1, last: 3, count: 3, dropped: false }),
    ]);
    await expect(store.readStream(early)).rejects.toBeInstanceOf(ArchivedEventsError);
    await expect(store.readStream(spanning)).rejects.toBeInstanceOf(ArchivedEventsError);
    expect((await store.readStream(spanning, { fromRevision: 1 })).map((e) => e.type)).toEqual([
      'Issued',
    ]);
    await expect(store.append(early, [{ type: 'Again', data: {} }], 'no_stream')).rejects.toThrow();
    await store.append(spanning, [{ type: 'Renewed', data: {} }], 1);
    expect((await listPartitions(db())).map((p) => `${p.month.id} ${p.state}`)).toEqual([
      '1405-08 archived',
      '1405-09 attached',
    ]);

    expect(await restoreArchive(db(), result.file)).toEqual({
      month: '1405-08',
      count: 3,
      from: 'kept table',
    });
    expect(await store.archivedRanges()).toEqual([]);
    expect((await store.readAll()).slice(0, 4)).toEqual(before);
    expect((await store.readStream(spanning)).map((e) => e.revision)).toEqual([0, 1, 2]);
  });

  it('with --drop, restores from the file alone, payloads and instants exact', async () => {
    const before = await store.readAll();
    const result = await archive({ drop: true });
    expect(result.dropped).toBe(true);
    expect(await restoreArchive(db(), result.file)).toMatchObject({ from: 'file', count: 3 });
    expect(await store.readAll()).toEqual(before);
    expect((await store.readAll())[0]!.data).toEqual({ amount: '12345678901234567890123' });
  });

  it('refuses a month that has not ended, and one younger than the minimum age; nothing is detached', async () => {
    await expect(archive({ at: new Date(aban.end.getTime() - 1) })).rejects.toThrow(/not closed/);
    await expect(archive({ at: new Date(aban.end.getTime() + 89 * day) })).rejects.toBeInstanceOf(
      IllegalStateError,
    );
    expect(await store.archivedRanges()).toEqual([]);
    expect(await store.readAll()).toHaveLength(4);
  });

  it('refuses a month twice, and a layout that is not partitioned', async () => {
    await archive();
    await expect(archive()).rejects.toThrow(/no attached partition/);
    const single = randomSchema();
    const plain = await postgresEventStore({ connectionString: databaseUrl, schema: single });
    await plain.close();
    try {
      await expect(
        archiveMonth(
          { connectionString: databaseUrl, schema: single },
          { month: aban, dir, now: new Date(azar.end.getTime() + 100 * day), minAgeDays: 90 },
        ),
      ).rejects.toThrow(/not partitioned/);
    } finally {
      await dropSchema(single);
    }
  });

  it('a file altered after export fails its digest; a cut one has no footer; neither restores', async () => {
    const result = await archive({ drop: true });
    const text = gunzipSync(readFileSync(result.file)).toString('utf8');
    const altered = join(dir, 'altered.jsonl.gz');
    writeFileSync(
      altered,
      gzipSync(text.replace('12345678901234567890123', '12345678901234567890124')),
    );
    await expect(verifyArchive(altered)).rejects.toThrow(/SHA-256/);
    await expect(restoreArchive(db(), altered)).rejects.toBeInstanceOf(ArchiveCorruptError);

    const cut = join(dir, 'cut.jsonl.gz');
    writeFileSync(cut, gzipSync(text.split('\n').slice(0, 3).join('\n')));
    await expect(verifyArchive(cut)).rejects.toThrow(/no footer/);

    const garbage = join(dir, 'garbage.jsonl.gz');
    writeFileSync(garbage, readFileSync(result.file).subarray(0, 40));
    await expect(verifyArchive(garbage)).rejects.toBeInstanceOf(ArchiveCorruptError);

    expect(await store.archivedRanges()).toHaveLength(1);
    expect(await store.readAll()).toHaveLength(1);
  });
});
