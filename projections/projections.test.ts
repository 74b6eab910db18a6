import type { EventStore } from '../src/shared/eventStore';
import type { ReadModelDb } from './db';
import { reverseFirstPayment, scratchReadModels, seedLedger } from './fixtures';
import { allProjections } from './index';
import { readPage } from './readPage';
import { seedReference } from './reference/fixtures';
import { seedSupervision } from './supervision/fixtures';
import { ensureRegistry, createBuild } from './registry';
import { foldPage, projectionRunner, StaleCheckpointError } from './runner';
import { dumpBuild } from './verify';

let store: EventStore;
let db: ReadModelDb;
let close: () => Promise<void>;
beforeEach(async () => {
  ({ store, db, close } = scratchReadModels('projections'));
  await seedLedger(store, 30);
  await seedSupervision(store);
  await seedReference(store);
});
afterEach(() => close());

const rows = (dump: Record<string, string[]>) =>
  Object.values(dump).reduce((n, r) => n + r.length, 0);

describe.each(allProjections({ cutoffMinutes: 0 }).map((p) => [p.name, p] as const))(
  'projection %s',
  (_name, projection) => {
    it('replaying its events twice gives the same read model as once', async () => {
      await ensureRegistry(db);
      const ctx = { readStream: (s: string) => store.readStream(s) };
      const once = await db.write((tx) =>
        createBuild(tx, projection.name, projection.version, new Date()),
      );
      await db.write(async (tx) => {
        for (const s of projection.schema(once.prefix)) await tx.run(s);
      });
      const page = await readPage(store, projection.eventTypes, 0, 100_000);
      const folded = await foldPage(db, projection, once, page, new Date(), ctx);
      const after = await dumpBuild(db, projection, once.prefix);
      expect(rows(after)).toBeGreaterThan(0);
      await expect(foldPage(db, projection, once, page, new Date(), ctx)).rejects.toBeInstanceOf(
        StaleCheckpointError,
      );
      const again = await readPage(store, projection.eventTypes, folded.position, 100_000);
      expect(again.events).toEqual([]);
      await foldPage(db, projection, folded, again, new Date(), ctx);
      expect(await dumpBuild(db, projection, once.prefix)).toEqual(after);
    });

    it('a rebuild equals the incrementally built model row for row', async () => {
      const runner = projectionRunner({ store, db, projections: [projection], batchSize: 7 });
      await runner.catchUp();
      await reverseFirstPayment(store);
      await runner.catchUp();
      const incremental = await dumpBuild(db, projection, `${projection.name}_v1`);
      const rebuilt = await runner.rebuild(projection.name);
      expect(rebuilt.prefix).toBe(`${projection.name}_v2`);
      expect(await dumpBuild(db, projection, rebuilt.prefix)).toEqual(incremental);
      expect(rows(incremental)).toBeGreaterThan(0);
    });
  },
);
