import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { leafText } from '../../contracts/ledger/canonical';
import { sqliteEventStore } from '../../src/shared/eventStore';

const dir = mkdtempSync(join(tmpdir(), 'pishkhan-sqlite-leaves-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sqlite: a page of the log for the ledger leaves', () => {
  it('hands out stored bytes unparsed, rows written before parsed, and the same leaves as readAll', async () => {
    const file = join(dir, 'events.sqlite');
    const store = sqliteEventStore(file);
    for (let i = 0; i < 5; i++)
      await store.append(
        `payment-${i}`,
        [{ type: 'PaymentRecorded', data: { b: i, a: 'دفتر' }, metadata: { z: 1, actor: 'gw' } }],
        'no_stream',
      );
    await store.close();
    const db = new Database(file);
    db.prepare(
      `UPDATE events SET canonical = 0, data = '{ "b": 2, "a": "x" }' WHERE position = 3`,
    ).run();
    db.close();

    const reopened = sqliteEventStore(file);
    const page = await reopened.readLeafPage!(1, 3);
    expect(page.map((e) => e.position)).toEqual([2, 3, 4]);
    const [stored, before] = page;
    expect(stored).toEqual(
      expect.objectContaining({
        canonical: { data: '{"a":"دفتر","b":1}', metadata: '{"actor":"gw","z":1}' },
      }),
    );
    expect(stored).not.toHaveProperty('data');
    expect(before).toEqual(expect.objectContaining({ data: { b: 2, a: 'x' } }));
    expect(before).not.toHaveProperty('canonical');

    const all = await reopened.readAll({ after: 0, limit: 10 });
    const leaves = await reopened.readLeafPage!(0, 10);
    expect(leaves.map(leafText)).toEqual(all.map(leafText));
    expect(await reopened.readLeafPage!(5, 10)).toEqual([]);
    await reopened.close();
  });
});
