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
