/**
 * A stand-in SMS provider for development and tests: a real HTTP server in its own process
 * that takes `POST /v1/messages` with `Authorization: Bearer <key>` and answers a reference,
 * as the SMS port's HTTP adapter expects. `npm run sms:standin -- --key <key>` prints the
 * SMS_URL to use. With `--expose-sent` (tests only) `GET /test/messages?to=<mobile>` lists the
 * messages it "sent", and `POST /test/faults {times}` makes its next sends answer 503.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { body, json, listeningPort } from './http';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '8025' },
    host: { type: 'string', default: '127.0.0.1' },
    key: { type: 'string', default: 'standin-sms-key' },
    'expose-sent': { type: 'boolean', default: false },
  },
});

const sent = new Map<string, Array<{ text: string; reference: string }>>();
const answered = new Map<string, string>();
let faults = 0;

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://standin');
  if (args['expose-sent'] && url.pathname === '/test/messages')
    return json(res, 200, { messages: sent.get(url.searchParams.get('to') ?? '') ?? [] });
  if (args['expose-sent'] && url.pathname === '/test/faults' && req.method === 'POST') {
    faults += Number((await body(req)).times ?? 1);
    return json(res, 200, { pending: faults });
  }
  if (req.method !== 'POST' || url.pathname !== '/v1/messages')
    return json(res, 404, { error: 'no such route' });
  if (req.headers.authorization !== `Bearer ${args.key}`)
    return json(res, 401, { error: 'bad key' });
  if (faults > 0) {
    faults -= 1;
    return json(res, 503, { error: 'stand-in fault' });
  }
  const key = req.headers['idempotency-key'];
  const replay = typeof key === 'string' ? answered.get(key) : undefined;
  if (replay) return json(res, 200, { reference: replay });
  const b = await body(req);
  if (typeof b.to !== 'string' || typeof b.text !== 'string')
    return json(res, 400, { error: 'to and text are required' });
  const reference = `SMS-${randomBytes(6).toString('hex')}`;
  if (typeof key === 'string') answered.set(key, reference);
  if (args['expose-sent']) sent.set(b.to, [...(sent.get(b.to) ?? []), { text: b.text, reference }]);
  json(res, 200, { reference });
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => json(res, 400, { error: 'bad request' }));
});
server.listen(Number(args.port), args.host, () => {
  const port = listeningPort(server, Number(args.port));
  console.log(JSON.stringify({ listening: port, SMS_URL: `http://${args.host}:${port}` }));
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
