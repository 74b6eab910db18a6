import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { z } from 'zod';
import { route } from '../../../contracts/route';
import { fixedClock } from '../clock';
import { clientAddress, parseTrustProxy } from './clientAddress';
import { bodyLimitBytes, directLane } from './lane';
import { addressBudget, fixedWindowLimiter } from './rateLimit';

const things = route({
  operationId: 'postThing',
  method: 'post',
  path: '/v1/things',
  action: 'payment.record',
  summary: 'a thing',
  tags: ['test'],
  body: z.object({ n: z.number() }).strict(),
  responses: { 201: { description: 'made' } },
});

function send(
  server: Server,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: Buffer },
): Promise<{ status: number; text: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        agent: false,
        method: options.method ?? 'POST',
        path: options.path ?? '/v1/things',
        headers: options.headers ?? {},
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the direct lane takes only the plain case and leaves the rest to express', () => {
  let server: Server;
  const body = Buffer.from('{"n":7}');
  const json = (extra: Record<string, string> = {}, bytes = body) => ({
    'content-type': 'application/json',
    'content-length': String(bytes.length),
    ...extra,
  });

  beforeAll(async () => {
    const lane = directLane({
      open: () => 'request-1',
      authenticate: () => Promise.resolve({ credentialId: 'c1', role: 'gateway' }),
      overBudget: () => undefined,
      logger: pino({ level: 'silent' }),
      bodyLimit: 64,
    });
    lane.add(things, ({ body }) =>
      Promise.resolve({ status: 201, body: { servedBy: 'lane', n: body.n } }),
    );
    server = createServer(
      lane.listener((req, res) => {
        req.resume();
        res.statusCode = 299;
        res.end('express');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves a plain JSON POST on its path, with or without an explicit UTF-8 charset', async () => {
    for (const type of ['application/json', 'Application/JSON; charset=UTF-8']) {
      const res = await send(server, { headers: json({ 'content-type': type }), body });
      expect({ type, ...res }).toEqual({
        type,
        status: 201,
        text: JSON.stringify({ servedBy: 'lane', n: 7 }),
      });
    }
  });

  it('answers its own problems: not JSON, not the contract, with the request id', async () => {
    const broken = Buffer.from('{"n":');
    const notJson = await send(server, { headers: json({}, broken), body: broken });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.text)).toMatchObject({
      code: 'malformed-json',
      instance: '/v1/things',
      requestId: 'request-1',
    });
    const unknown = Buffer.from('{"n":1,"m":2}');
    const invalid = await send(server, { headers: json({}, unknown), body: unknown });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.text)).toMatchObject({
      code: 'validation',
      errors: [{ path: 'm', message: 'unknown field' }],
    });
  });

  it.each([
    ['another charset', { headers: json({ 'content-type': 'application/json; charset=latin1' }) }],
    ['another media type', { headers: json({ 'content-type': 'text/plain' }) }],
    ['a +json media type', { headers: json({ 'content-type': 'application/merge-patch+json' }) }],
    ['no content type', { headers: { 'content-length': String(body.length) } }],
    [
      'a gzip-coded body',
      { headers: json({ 'content-encoding': 'gzip' }, gzipSync(body)), body: gzipSync(body) },
    ],
    [
      'a chunked body',
      { headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
    ],
    [
      'a body over the limit',
      { headers: json({ 'content-length': '65' }), body: Buffer.alloc(65, 32) },
    ],
    ['a query string', { path: '/v1/things?x=1', headers: json() }],
    ['a trailing slash', { path: '/v1/things/', headers: json() }],
    ['another method', { method: 'PUT', headers: json() }],
    ['another path', { path: '/v1/other', headers: json() }],
  ])('leaves %s to express', async (_what, options: Parameters<typeof send>[1]) => {
    const res = await send(server, { body, ...options });
    expect(res).toEqual({ status: 299, text: 'express' });
  });

  it('keeps serving after a client hangs up in the middle of a body', async () => {
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(
        'POST /v1/things HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{"n":',
      ),
    );
    const req = await new Promise<IncomingMessage>((resolve) =>
      server.once('request', (req: IncomingMessage) => {
        req.once('data', () => socket.destroy());
        req.once('close', () => resolve(req));
      }),
    );
    expect(req.complete).toBe(false);
    const res = await send(server, { headers: json(), body });
    expect(res.status).toBe(201);
  });

  it('refuses to take a route it cannot serve as a fixed-path POST', () => {
    const lane = directLane({
      open: () => 'r',
      authenticate: () => Promise.resolve(undefined),
      overBudget: () => undefined,
      logger: pino({ level: 'silent' }),
      bodyLimit: 64,
    });
    const withParams = route({
      ...things,
      path: '/v1/things/{id}',
      params: z.object({ id: z.string() }),
    });
    expect(() => lane.add(withParams, () => Promise.resolve({ status: 200 }))).toThrow(
      /direct lane/,
    );
    const get = route({ ...things, method: 'get' });
    expect(() => lane.add(get, () => Promise.resolve({ status: 200 }))).toThrow(/direct lane/);
  });

  it('reads BODY_LIMIT as the body parser does', () => {
    expect(bodyLimitBytes('1mb')).toBe(1_048_576);
    expect(bodyLimitBytes('512KB')).toBe(524_288);
    expect(() => bodyLimitBytes('1gb')).toThrow();
  });
});

describe('public routes on the direct lane', () => {
  let server: Server;
  const body = Buffer.from('{"n":1}');
  const headers = (forwardedFor: string) => ({
    'content-type': 'application/json',
    'content-length': String(body.length),
    'x-forwarded-for': forwardedFor,
  });

  beforeAll(async () => {
    const notes = route({ ...things, path: '/v1/public/notes', action: 'public' });
    const limiter = fixedWindowLimiter({
      windowMs: 60_000,
      max: 1,
      clock: fixedClock('2026-01-01T00:00:00Z'),
    });
    const lane = directLane({
      open: () => 'request-1',
      authenticate: () => Promise.resolve(undefined),
      overBudget: () => undefined,
      publicBudgets: new Map([
        [notes.path, addressBudget(limiter, clientAddress(parseTrustProxy('loopback')))],
      ]),
      logger: pino({ level: 'silent' }),
      bodyLimit: 64,
    });
    lane.add(notes, () => Promise.resolve({ status: 201 }));
    server = createServer(lane.listener((_req, res) => res.end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('counts each client a trusted proxy names against its own budget, as express does', async () => {
    const post = (forwardedFor: string) =>
      send(server, { path: '/v1/public/notes', headers: headers(forwardedFor), body });
    expect((await post('203.0.113.5')).status).toBe(201);
    const refused = await post('203.0.113.5');
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.text)).toMatchObject({ code: 'rate-limited' });
    expect((await post('203.0.113.6')).status).toBe(201);
  });
});
