import type { EventStore } from '../src/shared/eventStore';
import type { ReadModelDb } from './db';
import type { Projection } from './projection';
import { readPage } from './readPage';
import { createBuild, ensureRegistry, type Build } from './registry';
import { foldPage } from './runner';

/** For tests: a new build of the projection with every event of the log folded into it in one page. */
export async function foldFresh(
  store: EventStore,
  db: ReadModelDb,
  projection: Projection,
): Promise<Build> {
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
  return build;
}
