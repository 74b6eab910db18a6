import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryEventStore, type EventStore } from '../../src/shared/eventStore';
import { sqliteReadModelDb, type ReadModelDb } from '../db';
import { seedLedger } from '../fixtures';
import { foldFresh } from '../foldFresh';
import { dumpBuild } from '../verify';
import { deadlinesProjection } from './projection';

let dir: string;
let store: EventStore;
let db: ReadModelDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pishkhan-deadlines-'));
  store = memoryEventStore();
  db = sqliteReadModelDb(join(dir, 'readmodels.sqlite'));
});
afterEach(async () => {
  await db.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function fold() {
  const projection = deadlinesProjection();
  const build = await foldFresh(store, db, projection);
  return dumpBuild(db, projection, build.prefix);
}

describe('deadlines projection reads the catalogue through its event contracts', () => {
  it('skips an event its contract refuses and folds the rest', async () => {
    await seedLedger(store, 4);
    await store.append(
      'service-S9',
      [
        {
          type: 'ServiceDefined',
          data: { type: 'ServiceDefined', serviceCode: 'S9', agencyId: 'AG9', nameFa: 'ناقص' },
        },
      ],
      'no_stream',
    );
    await store.append(
      'catalogue-IR-23_1403-H1',
      [
        {
          type: 'CataloguePublished',
          data: {
            type: 'CataloguePublished',
            scope: { kind: 'provincial', province: 'IR-23' },
            period: '1403-H1',
            version: 1,
            publishedAt: 'last spring',
            publishedBy: 'mpo',
            entries: [{ serviceCode: 'S9', agencyId: 'AG9', conditions: '', offerBy: 'soon' }],
          },
        },
      ],
      'no_stream',
    );
    const rows = await fold();
    const all = Object.values(rows).flat().join('\n');
    expect(all).toContain('S1');
    expect(all).toContain('S2');
    expect(all).not.toContain('S9');
    expect(all).not.toContain('IR-23');
  });
});
