import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Terminal } from '../../support/payments';
import type { Figures } from '../lib/figures';
import type { BenchGroup } from '../lib/group';
import { httpLoad, productionNodeFlags, signedPost, type HttpLoadResult } from '../lib/httpLoad';
import { paymentBody } from '../lib/paymentBody';

const connections = 64;

/** The server's count of webhook delivery attempts by outcome, from its /metrics. */
async function attempts(baseUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const m of text.matchAll(/^pishkhan_webhook_deliveries_total\{outcome="(\w+)"\} (\d+)$/gm))
    counts[m[1]!] = Number(m[2]);
  return counts;
}

/**
 * Signed single payments against the real app with no webhook, then with two dead webhooks of
 * the payments' agency (one that never answers, one refused), each item tried once and
 * dead-lettered so the dispatcher keeps failing for the whole run. The dead figure's floor is
 * the no-webhook figure of the same run: the ratio is what a dead endpoint costs the ledger.
 */
export const webhooksDead: BenchGroup = {
  name: 'webhooks',
  async run(ctx) {
    const seconds = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
    const dir = mkdtempSync(join(tmpdir(), 'bench-hooks-cred-'));
    const prefix = String(Date.now() % 1e5).padStart(5, '0');
    let n = 0;
    const next = () =>
      paymentBody(`${prefix}${String(++n).padStart(7, '0')}`, String(n % 1e6).padStart(6, '0'));
    try {
      const run = async (variant: 'none' | 'dead' | 'dead-churn'): Promise<HttpLoadResult> => {
        const file = join(dir, `${variant}.json`);
        let terminal: Terminal | undefined;
        const result = await httpLoad({
          serverScript: join(__dirname, '..', 'servers', 'payments.ts'),
          serverEnv: {
            BENCH_CREDENTIALS: file,
            ...(variant === 'none' ? {} : { BENCH_WEBHOOK: variant }),
          },
          serverNodeArgs: productionNodeFlags(),
          request: () => {
            terminal ??= JSON.parse(readFileSync(file, 'utf8')) as Terminal;
            return signedPost(terminal, '/v1/payments', JSON.stringify(next()));
          },
          connections,
          seconds,
          warmupSeconds: 2,
          afterLoad: async (baseUrl) => {
            const counts = await attempts(baseUrl);
            ctx.log(`  webhook attempts (${variant}): ${JSON.stringify(counts)}`);
            if (variant === 'dead-churn' && !(counts.dead_lettered! > 0))
              throw new Error('the dead webhooks were never tried; figure discarded');
            if (variant === 'dead' && !(Object.values(counts).reduce((a, b) => a + b, 0) > 0))
              throw new Error('the dead webhooks were never tried; figure discarded');
          },
        });
        ctx.log(
          `payments with webhooks ${variant}: ${result.ok} × 2xx, ${result.non2xx} non-2xx, ${result.errors} errors in ${result.seconds} s`,
        );
        if (result.non2xx > 0 || result.errors > 0)
          throw new Error('payment server answered errors; figure discarded');
        return result;
      };
      const none = await run('none');
      const dead = await run('dead');
      const churn = await run('dead-churn');
      const conditions = `real app in a child process (as the payments group), sqlite store, signed single payments, ${connections} connections, ${seconds} s after 2 s warm-up; the webhook dispatcher runs every 100 ms`;
      const deadHooks = 'two dead webhooks of the agency (one never answers, one refused)';
      const figures: Figures = {
        'payments.http.single.webhooks_none.per_s': {
          value: none.perS,
          unit: '1/s',
          conditions: `${conditions}, no webhook registered`,
        },
        'payments.http.single.webhooks_dead.per_s': {
          value: dead.perS,
          unit: '1/s',
          floor: 'payments.http.single.webhooks_none.per_s',
          conditions: `${conditions}, ${deadHooks}, the shipped settings: 8 attempts per item with exponential backoff from 1 s, 5 s timeout`,
        },
        'payments.http.single.webhooks_dead_churn.per_s': {
          value: churn.perS,
          unit: '1/s',
          floor: 'payments.http.single.webhooks_none.per_s',
          conditions: `${conditions}, ${deadHooks}, the worst case: 1 attempt per item (1 s timeout), then dead-lettered, so the dispatcher tries every payment's item`,
        },
        'payments.http.single.webhooks_dead.p99_ms': {
          value: dead.p99Ms,
          unit: 'ms',
          floor: 'payments.http.single.webhooks_none.p99_ms',
          conditions: `${conditions}, dead webhooks as above`,
        },
        'payments.http.single.webhooks_none.p99_ms': {
          value: none.p99Ms,
          unit: 'ms',
          conditions: `${conditions}, no webhook registered`,
        },
      };
      return figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
