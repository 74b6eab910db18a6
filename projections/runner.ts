import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Gauge, type Registry } from 'prom-client';
import { eventsBehind, type EventStore } from '../src/shared/eventStore';
import type { ReadModelDb } from './db';
import type { Progress } from './progress';
import type { ApplyContext, Projection } from './projection';
import { forgetDecodes } from './decodeOnce';
import { pageCache } from './pageCache';
import { readPage, type Page } from './readPage';
import {
  advance,
  createBuild,
  ensureRegistry,
  listBuilds,
  liveBuild,
  releaseLease,
  switchOver,
  takeLease,
  type Build,
} from './registry';

export interface RunnerOptions {
  store: EventStore;
  db: ReadModelDb;
  projections: readonly Projection[];
  /** Events per transaction. */
  batchSize?: number;
  pollMs?: number;
  leaseMs?: number;
  registry?: Registry;
  now?: () => Date;
  /** Told of a failed round; the runner tries again on the next poll. */
  onError?: (error: unknown) => void;
  /**
   * The SQLite file behind `store`, when it is the SQLite adapter: a build at position 0 of a
   * projection with `bulkFold` is then filled from the file directly (see `bulkStep`).
   */
  sqliteLog?: string;
}

export interface ProjectionStatus {
  name: string;
  build: number;
  prefix: string;
  state: Build['state'];
  codeVersion: number;
  position: number;
  head: number;
  lag: number;
}

/** A readiness check: fails while a live projection lags more than `maxLag` events. */
export function lagReadiness(status: () => Promise<ProjectionStatus[]>, maxLag: number) {
  return async (): Promise<string | undefined> => {
    const lagging = (await status()).filter((s) => s.state === 'live' && s.lag > maxLag);
    return lagging.length
      ? `projections lagging: ${lagging.map((s) => `${s.name} ${s.lag}`).join(', ')}`
      : undefined;
  };
}

/**
 * Folds one page into a build: the change, the checkpoint move (guarded by the expected old
 * checkpoint) and, once a new build has caught up, the switch-over commit together.
 */
export async function foldPage(
  db: ReadModelDb,
  p: Projection,
  build: Build,
  page: Page,
  at: Date,
  ctx: ApplyContext,
): Promise<Build> {
  const switching = page.caughtUp && build.state === 'building';
  await db.write(async (tx) => {
    if (!(await advance(tx, build.prefix, build.position, page.upTo))) {
      throw new StaleCheckpointError(build.prefix);
    }
    if (page.events.length) await p.applyBatch(tx, page.events, build.prefix, ctx);
    if (switching) await switchOver(tx, build, at);
  });
  return { ...build, position: page.upTo, state: switching ? 'live' : build.state };
}

/**
 * Fills a build at position 0 with a projection's bulk fold of the log up to the head, the
 * rows and the checkpoint move committing together (the same guard as `foldPage`), so the
 * incremental fold carries on from there and nothing is folded twice. The head is read first:
 * positions follow commit order, so everything at or below it is in the file.
 */
export async function bulkStep(
  db: ReadModelDb,
  store: EventStore,
  p: Projection,
  build: Build,
  logFile: string,
): Promise<{ folded: number; build: Build }> {
  const head = await store.headPosition();
  if (!p.bulkFold || build.position !== 0 || head === 0) return { folded: 0, build };
  const fold = await p.bulkFold(logFile, head);
  await db.write(async (tx) => {
    if (!(await advance(tx, build.prefix, 0, head))) throw new StaleCheckpointError(build.prefix);
    await fold.write(tx, build.prefix);
  });
  return { folded: fold.events, build: { ...build, position: head } };
}

/** Another worker moved the checkpoint first; the batch was rolled back and is not folded twice. */
export class StaleCheckpointError extends Error {
  constructor(prefix: string) {
    super(`checkpoint of ${prefix} moved under this worker; batch rolled back`);
  }
}

/**
 * Follows the log for every projection and folds it into SQL read models. Each batch and the
 * checkpoint move commit in one transaction, guarded by the expected old checkpoint, so a
 * replayed event is never folded twice. A lease per build keeps one active worker per build
 * across processes; a build of a changed projection version is built beside the live one
 * and becomes live once it has caught up.
 */
export function projectionRunner(options: RunnerOptions) {
  const { store, db, projections } = options;
  const batchSize = options.batchSize ?? 5000;
  const leaseMs = options.leaseMs ?? 30_000;
  const now = options.now ?? (() => new Date());
  const owner = `${process.pid}-${randomUUID()}`;
  const pages = pageCache(Math.max(4 * batchSize, 20_000));
  const byName = new Map(projections.map((p) => [p.name, p]));
  const leased = new Map<string, number>();
  const lastLag = new Map<string, number>();
  let ready: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  const gauge = options.registry
    ? new Gauge({
        name: 'projection_lag_events',
        help: 'Events in the log after a live projection checkpoint, up to the head',
        labelNames: ['projection'] as const,
        registers: [options.registry],
      })
    : undefined;

  const projectionOf = (name: string) => {
    const p = byName.get(name);
    if (!p) throw new Error(`unknown projection ${name}; known: ${[...byName.keys()].join(', ')}`);
    return p;
  };

  async function newBuild(p: Projection): Promise<Build> {
    return db.write(async (tx) => {
      const build = await createBuild(tx, p.name, p.version, now());
      for (const statement of p.schema(build.prefix)) await tx.run(statement);
      return build;
    });
  }

  async function init(): Promise<void> {
    await ensureRegistry(db);
    for (const p of projections) {
      const builds = await db.read((tx) => listBuilds(tx, p.name));
      const live = builds.find((b) => b.state === 'live');
      const current = builds.some((b) => b.state !== 'retired' && b.codeVersion === p.version);
      if (!live || !current) await newBuild(p);
    }
  }

  async function holdLease(prefix: string): Promise<boolean> {
    const t = Date.now();
    const until = leased.get(prefix) ?? 0;
    if (until - t > leaseMs / 2) return true;
    const ok = await takeLease(db, prefix, owner, t, leaseMs);
    if (ok) leased.set(prefix, t + leaseMs);
    else leased.delete(prefix);
    return ok;
  }

  async function step(
    build: Build,
    until?: number,
  ): Promise<{ folded: number; caughtUp: boolean; build: Build }> {
    const p = projectionOf(build.name);
    const page = await readPage(store, p.eventTypes, build.position, batchSize, until, pages);
    if (page.upTo === build.position && build.state === 'live')
      return { folded: 0, caughtUp: true, build };
    const next = await foldPage(db, p, build, page, now(), {
      readStream: (s) => store.readStream(s),
    });
    if (next.state === 'live') {
      const lag = await eventsBehind(store, next.position, await store.headPosition());
      lastLag.set(build.name, lag);
      gauge?.set({ projection: build.name }, lag);
    }
    return { folded: page.events.length, caughtUp: page.caughtUp, build: next };
  }

  /**
   * One move of a build: its bulk fold when it starts at 0 on a SQLite log, else one page.
   * `done` once it has caught up with the head as it was when the page was read (or with
   * `until`), or when another worker holds its lease.
   */
  async function move(
    build: Build,
    until?: number,
  ): Promise<{ folded: number; build: Build; done: boolean }> {
    if (!(await holdLease(build.prefix))) return { folded: 0, build, done: true };
    const bulkFrom = options.sqliteLog && store.kind === 'sqlite' ? options.sqliteLog : undefined;
    if (bulkFrom && build.position === 0) {
      const r = await bulkStep(db, store, projectionOf(build.name), build, bulkFrom);
      if (r.folded) return { ...r, done: false };
    }
    const r = await step(build, until);
    return { ...r, done: r.caughtUp && r.build.state === 'live' };
  }

  /** Folds a build until it has caught up with the head as it was when the last page was read. */
  async function drain(
    build: Build,
    onProgress?: (folded: number, b: Build) => Promise<void> | void,
  ): Promise<Build> {
    let current = build;
    for (;;) {
      const r = await move(current);
      current = r.build;
      await onProgress?.(r.folded, current);
      if (r.done) return current;
    }
  }

  async function activeBuilds(): Promise<Build[]> {
    const builds = await db.read((tx) => listBuilds(tx));
    return builds.filter((b) => b.state !== 'retired' && byName.has(b.name));
  }

  /**
   * Brings every active build up to the head, in this process. The builds move a page each in
   * turn up to one head read at the start, so they stay level and read each page of the log
   * once between them (`pageCache`), a backlog included.
   */
  async function catchUp(): Promise<void> {
    await start();
    await serial(async () => {
      const head = await store.headPosition();
      let moving = await activeBuilds();
      while (moving.length) {
        const next: Build[] = [];
        for (const build of moving) {
          const r = await move(build, head);
          if (!r.done) next.push(r.build);
        }
        moving = next;
        pages.forget(Math.min(head, ...moving.map((b) => b.position)));
      }
      forgetDecodes();
    });
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      catchUp().then(schedule, (error: unknown) => {
        options.onError?.(error);
        schedule();
      });
    }, options.pollMs ?? 250);
  }

  function start(): Promise<void> {
    ready ??= init();
    return ready;
  }

  /**
   * Catches the live build of `name` up to at least `position` (read-your-writes); without one,
   * up to the log's head as it is now (a read that must reflect every write made before it).
   */
  async function waitFor(name: string, target?: number): Promise<void> {
    await start();
    const position = target ?? (await store.headPosition());
    await serial(async () => {
      const live = await db.read((tx) => liveBuild(tx, name));
      if (live && live.position < position) await drain(live);
    });
  }

  async function status(): Promise<ProjectionStatus[]> {
    await start();
    const head = await store.headPosition();
    const builds = await db.read((tx) => listBuilds(tx));
    return Promise.all(
      builds.map(async (b) => ({
        name: b.name,
        build: b.build,
        prefix: b.prefix,
        state: b.state,
        codeVersion: b.codeVersion,
        position: b.position,
        head,
        lag: await eventsBehind(store, b.position, head),
      })),
    );
  }

  return {
    owner,
    start,
    catchUp,
    /** Starts following in the background; `start` resolves once the builds are registered. */
    async run(): Promise<void> {
      await start();
      schedule();
    },
    waitFor,
    /**
     * Waits, at most `timeoutMs`, until the live build of `name` holds everything up to `target`,
     * folding here when this process may take the build's lease and otherwise watching the
     * worker that holds it (another process or node). Answers the position the build reached.
     */
    async reach(
      name: string,
      target: number,
      timeoutMs: number,
    ): Promise<{ reached: boolean; position: number }> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await waitFor(name, target);
        const live = await db.read((tx) => liveBuild(tx, name));
        const position = live?.position ?? 0;
        if (position >= target) return { reached: true, position };
        if (Date.now() >= deadline || stopped) return { reached: false, position };
        await delay(Math.min(25, Math.max(1, deadline - Date.now())));
      }
    },
    /** Builds a new version of `name` beside the live one and switches over when caught up. */
    async rebuild(name: string, onProgress?: (p: Progress, done: boolean) => void): Promise<Build> {
      const p = projectionOf(name);
      await start();
      const build = await newBuild(p);
      const began = Date.now();
      let events = 0;
      const report = async (folded: number, b: Build) => {
        events += folded;
        onProgress?.(
          {
            events,
            position: b.position,
            head: await store.headPosition(),
            elapsedMs: Date.now() - began,
          },
          false,
        );
      };
      const done = await serial(() => drain(build, report));
      if (done.state !== 'live')
        throw new Error(`${build.prefix} lost its lease to another worker`);
      onProgress?.(
        {
          events,
          position: done.position,
          head: await store.headPosition(),
          elapsedMs: Date.now() - began,
        },
        true,
      );
      await releaseLease(db, done.prefix, owner);
      leased.delete(done.prefix);
      return done;
    },
    status,
    /** The live table prefix of a projection, for its queries. */
    async livePrefix(name: string): Promise<string> {
      await start();
      const live = await db.read((tx) => liveBuild(tx, name));
      if (!live) throw new Error(`projection ${name} has no live build`);
      return live.prefix;
    },
    /** A readiness check: fails while a live projection lags more than `maxLag` events. */
    readiness: (maxLag: number) => lagReadiness(status, maxLag),
    lastLag: (name: string) => lastLag.get(name),
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await serial(async () => undefined);
      for (const prefix of leased.keys())
        await releaseLease(db, prefix, owner).catch(() => undefined);
      leased.clear();
    },
  };
}

export type ProjectionRunner = ReturnType<typeof projectionRunner>;
