import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Terminal } from '../../support/payments';
import type { BenchGroup } from '../lib/group';
import {
  cpuFigures,
  httpLoad,
  productionNodeFlags,
  signedPost,
  type BenchRequest,
} from '../lib/httpLoad';
import { paymentBody } from '../lib/paymentBody';

const connections = 64;
const batchConnections = 4;
const batchSize = 1000;

/** Payment bodies with RRNs unique across the run, timed now, priced exactly. */
function paymentBodies() {
  const prefix = String(Date.now() % 1e5).padStart(5, '0');
  let n = 0;
  return () =>
    paymentBody(`${prefix}${String(++n).padStart(7, '0')}`, String(n % 1e6).padStart(6, '0'));
}

function signer(file: string) {
  let terminal: Terminal | undefined;
  return (path: string, body: string): BenchRequest => {
    terminal ??= JSON.parse(readFileSync(file, 'utf8')) as Terminal;
    return signedPost(terminal, path, body);
  };
}

/** The server's own count of payments by outcome, from its /metrics. */
async function outcomes(baseUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const m of text.matchAll(/^pishkhan_payments_total\{outcome="(\w+)"\} (\d+)$/gm))
    counts[m[1]!] = Number(m[2]);
  return counts;
}

/**
 * A 2xx answer is not enough: a batch answers 200 even when every item in it was refused.
 * The figure counts only if the server recorded at least as many payments as were
 * acknowledged in the measured window, and refused or replayed none.
 */
function recordedAll(perRequest: number, log: (line: string) => void) {
  return async (baseUrl: string, result: { ok: number }) => {
    const counts = await outcomes(baseUrl);
    const stored = (counts.recorded ?? 0) + (counts.flagged ?? 0);
    log(
      `  server counted ${counts.recorded ?? 0} recorded, ${counts.flagged ?? 0} flagged, ${counts.replayed ?? 0} replayed, ${counts.rejected ?? 0} rejected (warm-up included)`,
    );
    if ((counts.rejected ?? 0) > 0 || (counts.replayed ?? 0) > 0 || stored < result.ok * perRequest)
      throw new Error('the server did not record every acknowledged payment; figure discarded');
  };
}

/**
 * Signed payments against the real app on SQLite: singles under the echo floor's
 * load shape, and store-and-forward batches of 1,000 against the raw insert floor.
 */
export const paymentsHttp: BenchGroup = {
  name: 'payments',
  needs: ['http.echo', 'sqlite'],
  async run(ctx) {
    const seconds = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
    const serverNodeArgs = productionNodeFlags();
    const dir = mkdtempSync(join(tmpdir(), 'bench-pay-cred-'));
    try {
      const serverScript = join(__dirname, '..', 'servers', 'payments.ts');
      const next = paymentBodies();
      const singleFile = join(dir, 'single.json');
      const signSingle = signer(singleFile);
      const single = await httpLoad({
        serverScript,
        serverEnv: { BENCH_CREDENTIALS: singleFile },
        serverNodeArgs,
        request: () => signSingle('/v1/payments', JSON.stringify(next())),
        connections,
        seconds,
        warmupSeconds: 2,
        afterLoad: recordedAll(1, ctx.log),
      });
      ctx.log(
        `payments.http.single: ${single.ok} × 2xx, ${single.non2xx} non-2xx, ${single.errors} errors in ${single.seconds} s`,
      );
      if (single.non2xx > 0 || single.errors > 0)
        throw new Error('payment server answered errors; figure discarded');

      const batchFile = join(dir, 'batch.json');
      const signBatch = signer(batchFile);
      const batch = await httpLoad({
        serverScript,
        serverEnv: { BENCH_CREDENTIALS: batchFile },
        serverNodeArgs,
        request: () =>
          signBatch(
            '/v1/payments/batches',
            JSON.stringify({ items: Array.from({ length: batchSize }, next) }),
          ),
        connections: batchConnections,
        seconds,
        warmupSeconds: 2,
        afterLoad: recordedAll(batchSize, ctx.log),
      });
      ctx.log(
        `payments.http.batch: ${batch.ok} batches × ${batchSize}, ${batch.non2xx} non-2xx, ${batch.errors} errors in ${batch.seconds} s`,
      );
      if (batch.non2xx > 0 || batch.errors > 0)
        throw new Error('payment server answered errors; figure discarded');

      const conditions = `real app (all slices and read models, one access-log line per request at info to /dev/null) in a child process, sqlite store (WAL, synchronous=FULL), HMAC-signed gateway requests, unique RRNs priced exactly; autocannon in the bench process, 127.0.0.1`;
      return {
        'payments.http.single.per_s': {
          value: single.perS,
          unit: '1/s',
          floor: 'http.echo.per_s',
          conditions: `${conditions}, ${connections} connections, ${seconds} s after 2 s warm-up`,
        },
        'payments.http.single.p99_ms': {
          value: single.p99Ms,
          unit: 'ms',
          floor: 'http.echo.p99_ms',
          conditions: `${conditions}, ${connections} connections`,
        },
        ...cpuFigures(
          'payments.http.single',
          single.cpu,
          `${conditions}, ${connections} connections`,
          single.perS,
          'http.echo',
        ),
        'payments.http.batch.per_s': {
          value: batch.perS * batchSize,
          unit: '1/s',
          floor: 'sqlite.raw_batch_insert.per_s',
          conditions: `${conditions}, batches of ${batchSize} payments, ${batchConnections} connections, ${seconds} s after 2 s warm-up; payments per second`,
        },
        ...cpuFigures(
          'payments.http.batch',
          batch.cpu,
          `${conditions}, batches of ${batchSize} payments, ${batchConnections} connections; per payment`,
          batch.perS * batchSize,
        ),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
