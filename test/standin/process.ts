import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { spawnStandIn } from './spawn';

/** The stand-in provider in its own process, and its test-only controls over mutual TLS. */
export interface StandIn {
  port: number;
  baseUrl: string;
  /** Every line the process wrote. */
  output: string[];
  codesSentTo(nationalId: string): Promise<string[]>;
  fault(mode: 'timeout' | '5xx' | 'reset', times?: number): Promise<void>;
  stats(): Promise<{ lookups: number; pendingFaults: number }>;
  stop(): Promise<void>;
}

/** Starts `test/standin/dataProvider.ts` on a free port with the certificates in `certs`. */
export async function startStandIn(certs: string): Promise<StandIn> {
  const { port, output, stop } = await spawnStandIn('dataProvider.ts', [
    '--certs',
    certs,
    '--port',
    '0',
    '--expose-codes',
  ]);
  const tls = {
    ca: readFileSync(join(certs, 'ca.crt')),
    cert: readFileSync(join(certs, 'client.crt')),
    key: readFileSync(join(certs, 'client.key')),
  };
  const call = <T>(method: string, path: string, body?: object) =>
    new Promise<T>((ok, fail) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          method,
          ...tls,
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => ok(JSON.parse(Buffer.concat(chunks).toString('utf8')) as T));
        },
      );
      req.on('error', fail);
      req.end(body ? JSON.stringify(body) : undefined);
    });
  return {
    port,
    baseUrl: `https://127.0.0.1:${port}`,
    output,
    codesSentTo: async (id) =>
      (await call<{ codes: string[] }>('GET', `/test/codes?nationalId=${id}`)).codes,
    fault: async (mode, times = 1) => {
      await call('POST', '/test/faults', { mode, times });
    },
    stats: () => call('GET', '/test/stats'),
    stop,
  };
}
