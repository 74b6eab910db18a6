import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryEventStore, type EventStore } from '../../src/shared/eventStore';
import { sqliteReadModelDb, type ReadModelDb } from '../db';
import { seedLedger } from '../fixtures';
import { readPage } from '../readPage';
import { createBuild, ensureRegistry } from '../registry';
import { foldPage } from '../runner';
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
  await ensureRegistry(db);
  const build = await db.write((tx) =>
    createBuild(tx, projection.name, projection.version, new Date()),
  );
  await db.write(async (tx) => {
    for (const s of projection.schema(build.prefix)) await tx.run(s);
  });
  const page = await readPage(store, projection.eventTypes, 0, 100_000);
  await foldPage(db, projection, build, page, new Date(), {
    readStream: (s) => store.readStream(s),
  });
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
