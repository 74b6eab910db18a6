/**
 * A stand-in customer-data provider (an agency's endpoint or the exchange center) for
 * development and tests: a real HTTPS server in its own process that requires a client
 * certificate signed by its CA. `npm run provider:standin -- --certs ./data/standin` makes the
 * CA and certificates there when missing and prints a DATA_PROVIDERS_FILE to use them.
 * With `--expose-codes` (tests only) it shows the one-time codes it "sent" and takes faults
 * for its next look-ups (`timeout`, `5xx`, `reset`).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type ServerOptions } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeCertificates } from './certificates';
import { body, json, listeningPort } from './http';

const { values: args } = parseArgs({
  options: {
    certs: { type: 'string', default: './data/standin' },
    port: { type: 'string', default: '8443' },
    host: { type: 'string', default: '127.0.0.1' },
    'expose-codes': { type: 'boolean', default: false },
  },
});
const dir = resolve(args.certs);
if (!existsSync(join(dir, 'ca.crt'))) writeCertificates(dir);
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const tls: ServerOptions = {
  key: read('server.key'),
  cert: read('server.crt'),
  ca: read('ca.crt'),
  requestCert: true,
  rejectUnauthorized: true,
};

type Fault = 'timeout' | '5xx' | 'reset';
const faults: Fault[] = [];
const codes = new Map<string, string[]>();
const answered = new Map<string, unknown>();
let lookups = 0;

/** Made-up data for each item asked, with a marker unique to this answer. */
function dataFor(items: string[]) {
  const marker = `standin-${randomBytes(8).toString('hex')}`;
  return Object.fromEntries(
    items.map((item) => [item, { value: `${item} of the customer`, marker }]),
  );
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'https://standin');
  if (args['expose-codes'] && url.pathname.startsWith('/test/')) {
    if (url.pathname === '/test/codes')
      return json(res, 200, { codes: codes.get(url.searchParams.get('nationalId') ?? '') ?? [] });
    if (url.pathname === '/test/faults' && req.method === 'POST') {
      const b = await body(req);
      faults.push(...Array<Fault>(Number(b.times ?? 1)).fill(b.mode as Fault));
      return json(res, 200, { pending: faults.length });
    }
    if (url.pathname === '/test/stats')
      return json(res, 200, { lookups, pendingFaults: faults.length });
  }
  const fault = url.pathname === '/v1/lookups' ? faults.shift() : undefined;
  if (fault === 'timeout') return;
  if (fault === 'reset') return req.socket.destroy();
  if (fault === '5xx') return json(res, 500, { error: 'stand-in fault' });
  const key = req.headers['idempotency-key'];
  const replay = typeof key === 'string' ? answered.get(`${url.pathname} ${key}`) : undefined;
  if (replay) return json(res, 200, replay);
  const b = await body(req);
  let answer: unknown;
  if (req.method === 'POST' && url.pathname === '/v1/codes') {
    const nationalId = String(b.nationalId);
    if (args['expose-codes'])
      codes.set(nationalId, [...(codes.get(nationalId) ?? []), String(b.code)]);
    answer = { reference: `SMS-${randomBytes(6).toString('hex')}` };
  } else if (req.method === 'POST' && url.pathname === '/v1/lookups') {
    lookups += 1;
    answer = {
      reference: `LK-${randomBytes(6).toString('hex')}`,
      data: dataFor(Array.isArray(b.items) ? b.items.map(String) : []),
    };
  } else return json(res, 404, { error: 'no such route' });
  if (typeof key === 'string') answered.set(`${url.pathname} ${key}`, answer);
  json(res, 200, answer);
}

const server = createServer(tls, (req, res) => {
  handle(req, res).catch(() => json(res, 400, { error: 'bad request' }));
});
server.listen(Number(args.port), args.host, () => {
  const port = listeningPort(server, Number(args.port));
  const providers = join(dir, 'providers.json');
  if (!existsSync(providers)) {
    const entry = {
      baseUrl: `https://${args.host}:${port}`,
      certFile: 'client.crt',
      keyFile: 'client.key',
      caFile: 'ca.crt',
    };
    writeFileSync(providers, JSON.stringify({ exchangeCenter: entry, agencies: {} }, null, 2));
  }
  process.stdout.write(`${JSON.stringify({ listening: port, providers })}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
