import { join } from 'node:path';
import { paymentData } from '../lib/eventShape';
import type { BenchGroup } from '../lib/group';
import { cpuFigures, httpLoad, type HttpLoadOptions } from '../lib/httpLoad';

const connections = 64;

/** 600 bytes: one payment body as gateways post it, padded to BENCH.md's size. */
function echoBody(): string {
  const data = paymentData();
  const bare = JSON.stringify({ ...data, memo: '' });
  return JSON.stringify({ ...data, memo: 'x'.repeat(Math.max(0, 600 - bare.length)) });
}

/**
 * The HTTP floor every `payments.http.*` figure is divided by, measured with the
 * same helper and load shape those figures will use.
 */
export const httpEcho: BenchGroup = {
  name: 'http.echo',
  async run(ctx) {
    const body = echoBody();
    const seconds = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
    const load: HttpLoadOptions = {
      serverScript: join(__dirname, '..', 'servers', 'echo.ts'),
      request: () => ({
        method: 'POST',
        path: '/echo',
        headers: { 'content-type': 'application/json' },
        body,
      }),
      connections,
      seconds,
      warmupSeconds: 2,
    };
    const result = await httpLoad(load);
    ctx.log(
      `http.echo: ${result.ok} × 201, ${result.non2xx} non-2xx, ${result.errors} errors in ${result.seconds} s`,
    );
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error('echo server answered errors; figure discarded');
    const conditions = `express 5 in a child process, JSON body ${body.length} B parsed, 201, autocannon in the bench process, ${connections} connections, 127.0.0.1, ${seconds} s after 2 s warm-up`;
    const bare = await httpLoad({
      ...load,
      serverScript: join(__dirname, '..', 'servers', 'echoNode.ts'),
    });
    ctx.log(
      `http.echo.node: ${bare.ok} × 201, ${bare.non2xx} non-2xx, ${bare.errors} errors in ${bare.seconds} s`,
    );
    if (bare.non2xx > 0 || bare.errors > 0)
      throw new Error('node echo server answered errors; figure discarded');
    const bareConditions = conditions.replace(
      'express 5',
      "node:http alone (no express; for reading, not a target's floor)",
    );
    return {
      'http.echo.per_s': { value: result.perS, unit: '1/s', conditions },
      'http.echo.p99_ms': { value: result.p99Ms, unit: 'ms', conditions },
      ...cpuFigures('http.echo', result.cpu, conditions, result.perS),
      'http.echo.node.per_s': { value: bare.perS, unit: '1/s', conditions: bareConditions },
      'http.echo.node.p99_ms': { value: bare.p99Ms, unit: 'ms', conditions: bareConditions },
    };
  },
};
