import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const tsx = join(__dirname, '../../node_modules/.bin/tsx');

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
  const child: ChildProcess = spawn(
    tsx,
    [join(__dirname, 'dataProvider.ts'), '--certs', certs, '--port', '0', '--expose-codes'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  child.stderr!.on('data', (c: Buffer) => output.push(c.toString('utf8')));
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`stand-in exited ${code}: ${output.join('')}`)));
    lines.on('line', (line) => {
      output.push(line);
      const m = /"listening":(\d+)/.exec(line);
      if (m) ok(Number(m[1]));
    });
  });
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
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}
