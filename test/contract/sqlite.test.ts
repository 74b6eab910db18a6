import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from './eventStore.contract';
import { sqliteEventStore } from '../../src/shared/eventStore';

let dir = '';
eventStoreContract('sqlite', {
  async open() {
    dir = mkdtempSync(join(tmpdir(), 'pishkhan-sqlite-'));
    return sqliteEventStore(join(dir, 'events.sqlite'));
  },
  async reopen() {
    return sqliteEventStore(join(dir, 'events.sqlite'));
  },
  async cleanup() {
    rmSync(dir, { recursive: true, force: true });
  },
});

describe('sqlite: two processes on one file', () => {
  it('a subscriber sees an event another connection wrote, without appending anything itself', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'pishkhan-sqlite-two-'));
    const file = join(shared, 'events.sqlite');
    const mine = sqliteEventStore(file);
    const theirs = sqliteEventStore(file);
    await mine.append('office-1', [{ type: 'Mine', data: {} }], 'no_stream');
    const seen: string[] = [];
    let got!: () => void;
    const gotTheirs = new Promise<void>((r) => (got = r));
    const sub = mine.subscribe({}, (e) => {
      seen.push(e.type);
      if (e.type === 'Theirs') got();
    });
    await sub.caughtUp;
    await theirs.append('office-2', [{ type: 'Theirs', data: {} }], 'no_stream');
    await gotTheirs;
    expect(seen).toEqual(['Mine', 'Theirs']);
    await sub.stop();
    await theirs.close();
    await mine.close();
    rmSync(shared, { recursive: true, force: true });
  });
});
