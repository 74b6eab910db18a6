import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Figures } from '../lib/figures';
import type { BenchGroup } from '../lib/group';
import { appendPayments, type ScaleLog } from '../lib/scaleLog';
import { regulatorOf, scaleWorld } from '../lib/scaleWorld';
import { buildService, type Service, startService } from '../lib/service';

const payments = Number(process.env.BENCH_SCALE_PAYMENTS ?? 1_000_000);
/** A start that is not ready by then fails the group: the old in-memory read side took minutes. */
const capSeconds = Number(process.env.BENCH_SCALE_START_CAP_SECONDS ?? 600);
const offices = 10;
const days = 60;
const warmup = 20;
const runs = 300;

interface Prepared {
  root: string;
  emptyDir: string;
  fullDir: string;
  log: ScaleLog;
}

let prepared: Prepared | undefined;

const seconds = (t0: bigint) => (Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1);

/** One start and stop, to let a data dir's first start (calendars, token, catch-up) happen. */
async function startOnce(root: string, dataDir: string, say: (m: string) => void, why: string) {
  const service = await startService({
    dataDir,
    logDir: root,
    timeoutSeconds: capSeconds,
  });
  say(`${why}: ready in ${service.readySeconds.toFixed(2)} s`);
  return service;
}

/**
 * Once per bench process: the service built as `npm start` builds it; an empty data dir after
 * its first start; and a data dir whose log holds the reference world, written through the
 * API, and `payments` generated payments, started once so its projections caught up.
 */
async function prepare(say: (m: string) => void): Promise<Prepared> {
  if (prepared) return prepared;
  buildService();
  const root = mkdtempSync(join(tmpdir(), 'pishkhan-bench-scale-'));
  process.on('exit', () => rmSync(root, { recursive: true, force: true }));
  const emptyDir = join(root, 'empty');
  const fullDir = join(root, 'full');
  mkdirSync(emptyDir);
  mkdirSync(fullDir);
  await (await startOnce(root, emptyDir, say, 'empty, first start')).stop();

  const first = await startOnce(root, fullDir, say, 'log, first start');
  let t0 = process.hrtime.bigint();
  try {
    await scaleWorld(first.baseUrl, fullDir, offices);
  } finally {
    await first.stop();
  }
  say(`reference world and ${offices} template payments through the API in ${seconds(t0)} s`);
  t0 = process.hrtime.bigint();
  const log = appendPayments(fullDir, payments, days);
  say(`appended ${payments} payments by raw SQL in ${seconds(t0)} s`);
  const catchUp = await startOnce(root, fullDir, say, 'log, catch-up start');
  try {
    t0 = process.hrtime.bigint();
    await caughtUp(catchUp.baseUrl, regulatorOf(fullDir));
    say(`every projection at the head ${seconds(t0)} s after ready`);
  } finally {
    await catchUp.stop();
  }
  prepared = { root, emptyDir, fullDir, log };
  return prepared;
}

/**
 * Polls `GET /v1/projections` until every build not retired is at the head: `/readyz` is 200 once each
 * trails by at most `PROJECTION_MAX_LAG`, and a restart measured after a stop at that moment
 * would time the rest of the catch-up instead of a start.
 */
async function caughtUp(baseUrl: string, authorization: string): Promise<void> {
  for (;;) {
    const res = await fetch(`${baseUrl}/v1/projections`, { headers: { authorization } });
    const { items } = (await res.json()) as { items: Array<{ state: string; lag: number }> };
    if (res.ok && items.every((b) => b.state === 'retired' || b.lag === 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;

/** Client-side wall time of `runs` sequential GETs after `warmup`, one connection, answers checked. */
async function latencies(
  service: Service,
  next: () => { path: string; authorization?: string },
  check: (body: unknown, path: string) => void,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const { path, authorization } = next();
    const t0 = process.hrtime.bigint();
    const res = await fetch(`${service.baseUrl}${path}`, {
      headers: authorization ? { authorization } : {},
    });
    const body: unknown = await res.json();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(body)}`);
    check(body, path);
    if (i >= warmup) times.push(ms);
  }
  return times;
}

/** Receipts of payments spread over the whole log, by the public route. */
function receiptPaths(log: ScaleLog) {
  let k = 0;
  return () => ({ path: `/v1/receipts/${log.trackingCode((++k * 104_729) % log.payments)}` });
}

/**
 * An office's day read page by page (100 each, following `nextCursor`), one office day after
 * another, as the bootstrap regulator.
 */
function officeDayPages(log: ScaleLog, authorization: string) {
  /** Payments are spread evenly: every office day holds at least this many. */
  const least = Math.max(1, Math.floor(log.payments / (log.offices.length * log.days.length)) - 1);
  let day = 0;
  let cursor: string | undefined;
  const query = () => {
    const office = log.offices[day % log.offices.length]!;
    const jalali = log.days[(day * 7) % log.days.length]!;
    return `/v1/payments?officeId=${office}&day=${encodeURIComponent(jalali)}&limit=100`;
  };
  return {
    next: () => ({
      path: `${query()}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      authorization,
    }),
    check(body: unknown, path: string) {
      const page = body as { items: unknown[]; nextCursor?: string };
      if (!cursor && page.items.length < Math.min(100, least))
        throw new Error(`GET ${path}: a first page of ${page.items.length}, expected ${least}+`);
      cursor = page.nextCursor;
      if (!cursor) day++;
    },
  };
}

/**
 * Start-up and resident memory of the real service (built `dist/src/main.js`, `npm start`'s Node
 * flags, SQLite store) on an empty data dir and on a 1,000,000-payment log whose projections had
 * caught up before the restart; then a receipt and an office's day over HTTP on that log.
 */
export const scale: BenchGroup = {
  name: 'scale',
  async run(ctx) {
    const { root, emptyDir, fullDir, log } = await prepare(ctx.log);
    const empty = await startService({
      dataDir: emptyDir,
      logDir: root,
      timeoutSeconds: capSeconds,
    });
    const emptyMemory = empty.memory();
    await empty.stop();

    const full = await startService({ dataDir: fullDir, logDir: root, timeoutSeconds: capSeconds });
    const fullMemory = full.memory();
    ctx.log(
      `ready in ${empty.readySeconds.toFixed(2)} s (empty) and ${full.readySeconds.toFixed(2)} s (log); resident ${Math.round(emptyMemory.rssMb)} MB and ${Math.round(fullMemory.rssMb)} MB (peaks ${Math.round(emptyMemory.peakMb)} and ${Math.round(fullMemory.peakMb)} MB)`,
    );
    let receipts: number[];
    let lists: number[];
    try {
      receipts = await latencies(full, receiptPaths(log), () => undefined);
      const pages = officeDayPages(log, regulatorOf(fullDir));
      lists = await latencies(full, pages.next, pages.check);
    } catch (error) {
      throw new Error(`${(error as Error).message}; the service's last lines:\n${full.logTail()}`);
    } finally {
      await full.stop();
    }

    const perOfficeDay = Math.round(log.payments / (log.offices.length * log.days.length));
    const service =
      'the built service (dist/src/main.js with the Node flags of npm start) in its own process, EVENT_STORE=sqlite, access log at info to a file';
    const logShape = `${log.payments} PaymentRecorded generated by raw SQL from ${log.offices.length} offices' own recorded payments, ${log.days.length} business days (~${perOfficeDay} per office day), after the reference world written through the API; projections caught up at an earlier start`;
    const startup = (what: string) =>
      `${service}; spawn to the first /readyz 200 (polled every 10 ms), restart of ${what}; cap ${capSeconds} s`;
    const memory = (what: string, field: string) =>
      `${service}; ${field} from /proc/<pid>/status right after the first /readyz 200, restart of ${what}`;
    const reads = `${service}; ${logShape}; sequential GETs on one keep-alive connection from the bench process, client-side wall time, p95 of ${runs} after ${warmup} warm-up`;
    const figures: Figures = {
      'scale.startup.empty_s': {
        value: empty.readySeconds,
        unit: 's',
        conditions: startup('an empty data dir (after its first start)'),
      },
      'scale.startup.1m_s': {
        value: full.readySeconds,
        unit: 's',
        floor: 'scale.startup.empty_s',
        conditions: startup(logShape),
      },
      'scale.rss_mb.empty': {
        value: emptyMemory.rssMb,
        unit: 'MB',
        conditions: memory('an empty data dir', 'VmRSS'),
      },
      'scale.rss_mb.1m': {
        value: fullMemory.rssMb,
        unit: 'MB',
        floor: 'scale.rss_mb.empty',
        conditions: memory(logShape, 'VmRSS'),
      },
      'scale.rss_peak_mb.empty': {
        value: emptyMemory.peakMb,
        unit: 'MB',
        conditions: memory('an empty data dir', 'VmHWM (peak resident)'),
      },
      'scale.rss_peak_mb.1m': {
        value: fullMemory.peakMb,
        unit: 'MB',
        conditions: memory(logShape, 'VmHWM (peak resident)'),
      },
      'payments.receipt.p95_ms': {
        value: p95(receipts),
        unit: 'ms',
        conditions: `GET /v1/receipts/{trackingCode} (public) for payments spread over the log; ${reads}`,
      },
      'payments.list.p95_ms': {
        value: p95(lists),
        unit: 'ms',
        conditions: `GET /v1/payments?officeId&day&limit=100 as the bootstrap regulator, every page of one office day (following nextCursor) then the next office day; ${reads}`,
      },
    };
    return figures;
  },
};
