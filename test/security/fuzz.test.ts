import fc from 'fast-check';
import { z } from 'zod';
import { allRoutes, type RouteContract } from '../../contracts';
import { permissions, roles, type Role } from '../../src/shared/http/policy';
import { sign } from '../../src/shared/http/auth';
import { matrixKey } from '../../src/shared/http/policy.matrix';
import type { TestApp } from '../support/app';
import { send, startTwoTenantApp, type World } from '../support/tenants';
import { requests, type RouteRequest } from './requests';

/** Cases per route; `FUZZ_RUNS=500 npx jest test/security/fuzz` for a long run. */
const runsPerRoute = Number(process.env.FUZZ_RUNS ?? 12);

// ---------------------------------------------------------------- values that break parsers
const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const specials: unknown[] = [
  -1,
  -1e30,
  1e30,
  1e308,
  -0,
  0.5,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 64,
  '-1',
  '1e30',
  '1E30',
  '-1720733',
  '0x10',
  ' 1',
  '1 ',
  '1.5',
  '',
  ' ',
  '00',
  '+1',
  '\u0000',
  'a\u0000b',
  '1720733\u0000',
  '\u202e',
  '\ufeff',
  '\ud800',
  '%00',
  '%',
  '۱۲۳۴۵۶',
  '١٢٣٤٥٦',
  '۱۷۲۰۷۳۳',
  '٠٤٩٩٣٧٠٨٩٩',
  '۰۹۱۲۱۲۳۴۵۶۷',
  '１２３',
  '__proto__',
  'constructor',
  'toString',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  'x'.repeat(70_000),
  '9'.repeat(400),
  '۹'.repeat(5000),
  '1'.repeat(31),
  null,
  true,
  [],
  {},
  [[[]]],
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
];
const nasty: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...specials) },
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);
const nastyString: fc.Arbitrary<string> = nasty.map((v) =>
  typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined'),
);

// ---------------------------------------------------------------- mutations of a valid request
type Path = Array<string | number>;
function leafPaths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value))
    return [prefix, ...value.flatMap((v, i) => leafPaths(v, [...prefix, i]))];
  if (value && typeof value === 'object')
    return [prefix, ...Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]))];
  return [prefix];
}
function setAt(value: unknown, path: Path, replacement: unknown, remove = false): unknown {
  if (path.length === 0) return replacement;
  const copy = (
    Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }
  ) as Record<string | number, unknown>;
  const [head, ...rest] = path as [string | number, ...Path];
  if (rest.length === 0 && remove) delete copy[head];
  else copy[head] = setAt(copy[head], rest, replacement, remove);
  return copy;
}
const shapeKeys = (schema: z.ZodType | undefined): string[] =>
  schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];

type BodyMutation =
  | { kind: 'set'; pick: number; value: unknown }
  | { kind: 'remove'; pick: number }
  | { kind: 'unknown-field'; key: string; value: unknown }
  | { kind: 'replace'; value: unknown }
  | { kind: 'duplicate-key'; pick: number; value: unknown }
  | { kind: 'raw'; text: string };
const bodyMutation: fc.Arbitrary<BodyMutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('set' as const), pick: fc.nat(), value: nasty }),
  },
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('unknown-field' as const),
    key: fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.constantFrom('__proto__', 'constructor', 'role', 'officeId', 'terminalId', 'agencyId'),
    ),
    value: nasty,
  }),
  fc.record({ kind: fc.constant('replace' as const), value: nasty }),
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('duplicate-key' as const),
      pick: fc.nat(),
      value: nasty,
    }),
  },
  fc.record({
    kind: fc.constant('raw' as const),
    text: fc.oneof(
      fc.integer({ min: 10, max: 100_000 }).map(deepArray),
      fc.integer({ min: 10, max: 50_000 }).map(deepObject),
      fc.constantFrom(
        '',
        '{',
        '{"a":}',
        'null',
        '"x"',
        '[]',
        '1e30',
        'NaN',
        '{"a":1}garbage',
        '\u0000',
        '{"__proto__":{"polluted":true}}',
        '\ufeff{}',
      ),
      fc.string({ unit: 'binary', maxLength: 200 }),
    ),
  }),
);

type QueryMutation = { key: string; value: string; repeat: boolean } | { drop: number };
type PathMutation = { segment: number; value: string; raw: boolean };
type HeaderMutation =
  | { kind: 'content-type'; value: string }
  | { kind: 'authorization'; value: string }
  | {
      kind: 'signature';
      how: 'wrong' | 'stale' | 'future' | 'letters' | 'missing' | 'upper' | 'other-body';
    }
  | { kind: 'content-encoding'; value: string }
  | { kind: 'other'; name: string; value: string };
const headerMutation: fc.Arbitrary<HeaderMutation> = fc.oneof(
  fc.record({
    kind: fc.constant('content-type' as const),
    value: fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-16',
      'application/json; charset=koi8-r',
      'multipart/form-data; boundary=x',
      'application/merge-patch+json',
      '',
    ),
  }),
  fc.record({
    kind: fc.constant('authorization' as const),
    value: fc.constantFrom(
      'Bearer',
      'Bearer  ',
      'Basic dXNlcjpwYXNz',
      'Bearer a b',
      `Bearer ${'x'.repeat(8000)}`,
      'Bearer pk_00000000000000000000000000000000',
      'bearer pk_%00',
    ),
  }),
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('signature' as const),
      how: fc.constantFrom(
        'wrong',
        'stale',
        'future',
        'letters',
        'missing',
        'upper',
        'other-body',
      ) as fc.Arbitrary<'wrong'>,
    }),
  },
  fc.record({
    kind: fc.constant('content-encoding' as const),
    value: fc.constantFrom('gzip', 'deflate', 'br', 'identity, gzip', 'x-unknown'),
  }),
  fc.record({
    kind: fc.constant('other' as const),
    name: fc.constantFrom(
      'idempotency-key',
      'x-request-id',
      'if-match',
      'accept',
      'x-forwarded-for',
    ),
    value: nastyString.map((s) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?').slice(0, 8000)),
  }),
);

interface Mutation {
  body?: BodyMutation;
  query?: QueryMutation;
  path?: PathMutation;
  header?: HeaderMutation;
}
const mutation: fc.Arbitrary<Mutation> = fc
  .record(
    {
      body: bodyMutation,
      query: fc.oneof(
        fc.record({
          key: fc.oneof(
            fc.string({ maxLength: 8 }),
            fc.constantFrom(
              'limit',
              'cursor',
              'province',
              'officeId',
              'agencyId',
              'from',
              'to',
              'at',
              'period',
              'day',
              'status',
            ),
          ),
          value: nastyString,
          repeat: fc.boolean(),
        }),
        fc.record({ drop: fc.nat() }),
      ),
      path: fc.record({ segment: fc.nat(), value: nastyString, raw: fc.boolean() }),
      header: headerMutation,
    },
    { requiredKeys: [] },
  )
  .filter((m) => Object.keys(m).length > 0);

// ---------------------------------------------------------------- turning a mutation into bytes
function mutatedBody(
  base: unknown,
  m: BodyMutation | undefined,
  contract: RouteContract,
): string | undefined {
  if (!m) return base === undefined ? undefined : JSON.stringify(base);
  const start = base ?? {};
  const paths = leafPaths(start).filter((p) => p.length > 0);
  const keys = [
    ...new Set([
      ...paths.map((p) => JSON.stringify(p)),
      ...shapeKeys(contract.body).map((k) => JSON.stringify([k])),
    ]),
  ].map((p) => JSON.parse(p) as Path);
  const pick = <T>(list: T[], n: number) => list[n % Math.max(1, list.length)];
  switch (m.kind) {
    case 'set': {
      const p = pick(keys, m.pick);
      return JSON.stringify(p ? setAt(start, p, m.value) : m.value);
    }
    case 'remove': {
      const p = pick(keys, m.pick);
      return JSON.stringify(p ? setAt(start, p, undefined, true) : {});
    }
    case 'unknown-field':
      return JSON.stringify(start)
        .replace(/^\{/, `{${JSON.stringify(m.key)}:${JSON.stringify(m.value) ?? 'null'},`)
        .replace(/,}$/, '}');
    case 'replace':
      return JSON.stringify(m.value) ?? 'null';
    case 'duplicate-key': {
      // JSON.stringify cannot write a key twice: splice the second occurrence into the text.
      const key = pick(Object.keys(start), m.pick) ?? 'amount';
      const text = JSON.stringify(start);
      return text.endsWith('}')
        ? `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}${JSON.stringify(key)}:${JSON.stringify(m.value) ?? 'null'}}`
        : text;
    }
    case 'raw':
      return m.text;
  }
}

/** Percent-encodes like a client would; a lone surrogate becomes its (malformed) UTF-8 bytes, as a hostile client could send. */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return s
      .replace(/[\ud800-\udfff]/g, '%ED%A0%80')
      .replace(/[^%\w.~-]/g, (c) => encodeURIComponent(c));
  }
};
/** Node's HTTP parser refuses request lines and headers over 16 kB before the app sees them (a bare 431). */
const maxUrlPart = 4000;

function mutatedUrl(r: RouteRequest, m: Mutation): string {
  let path = r.path;
  if (m.path) {
    const value = m.path.value.slice(0, 600);
    const segments = path.split('/');
    const i = 2 + (m.path.segment % Math.max(1, segments.length - 2));
    segments[i] = (m.path.raw ? value.replace(/[/?#\s]/g, '%') : enc(value)).slice(0, maxUrlPart);
    path = segments.join('/');
  }
  const pairs: Array<[string, string]> = Object.entries(r.query ?? {});
  if (m.query && 'drop' in m.query) pairs.splice(m.query.drop % Math.max(1, pairs.length), 1);
  else if (m.query) {
    const { key, value, repeat } = m.query;
    if (!repeat)
      for (let i = pairs.length - 1; i >= 0; i--) if (pairs[i]![0] === key) pairs.splice(i, 1);
    pairs.push([key, value]);
  }
  const qs = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`.slice(0, maxUrlPart)).join('&');
  return qs ? `${path}?${qs}` : path;
}

/**
 * A refused customer-data look-up is the one 4xx that records something: the audit record of
 * the refused attempt (and a wrong code counted on its consent), as clause 5's audit requires.
 */
const auditedRefusal = (code: string | undefined, appended: Array<{ type: string }>) =>
  code === 'access-refused' &&
  appended.every((e) => ['CustomerDataAccessRefused', 'ConsentCodeRejected'].includes(e.type));

// ---------------------------------------------------------------- the property
const allowedRole = (route: RouteContract): Role | undefined =>
  route.action === 'public'
    ? undefined
    : (roles.find((r) =>
        (permissions[route.action as keyof typeof permissions] as readonly Role[]).includes(r),
      ) ?? undefined);

describe('input fuzzing: every route, from its contract, mutated (fast-check)', () => {
  let t: TestApp;
  let w: World;
  let cases = 0;
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    ({ t, w } = await startTwoTenantApp(100_000));
    // main.ts runs the projections once before it listens; do the same here.
    await t.reporting.runner.catchUp();
  }, 60_000);

  afterAll(async () => {
    const seen = [...statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    console.log(
      `input fuzzing: ${cases} cases over ${allRoutes.length} routes (${runsPerRoute} per route); answers ${seen}`,
    );
    await t.close();
  });

  for (const route of allRoutes) {
    const key = matrixKey(route);
    it(`${key}: never 5xx, every 4xx is problem+json, a refused request records nothing`, async () => {
      const build = requests[key];
      if (!build) throw new Error(`no request for ${key}`);
      const role = allowedRole(route);
      const as = role ? w.A.auth[role] : undefined;
      await fc.assert(
        fc.asyncProperty(mutation, async (m) => {
          cases += 1;
          const base = build(w, w.A, t);
          const raw = mutatedBody(base.body, m.body, route);
          const url = mutatedUrl(base, m);
          const headers: Record<string, string> = {};
          let principal = as;
          if (m.header?.kind === 'content-type') headers['content-type'] = m.header.value;
          if (m.header?.kind === 'content-encoding') headers['content-encoding'] = m.header.value;
          if (m.header?.kind === 'other') headers[m.header.name] = m.header.value;
          if (m.header?.kind === 'authorization') principal = { authorization: m.header.value };
          const head = await t.store.headPosition();
          let res;
          if (m.header?.kind === 'signature' && as?.secret) {
            const ts = Math.floor(t.clock.now().getTime() / 1000);
            const how = m.header.how;
            const timestamp =
              how === 'stale'
                ? String(ts - 3600)
                : how === 'future'
                  ? String(ts + 3600)
                  : how === 'letters'
                    ? 'abc'
                    : String(ts);
            const good = sign(as.secret, timestamp, route.method, url, raw ?? '');
            const signature =
              how === 'wrong'
                ? good.replace(/^./, (c) => (c === '0' ? '1' : '0'))
                : how === 'upper'
                  ? good.toUpperCase()
                  : how === 'other-body'
                    ? sign(as.secret, timestamp, route.method, url, `${raw ?? ''} `)
                    : good;
            const signed: Record<string, string> =
              how === 'missing'
                ? {}
                : { 'x-pishkhan-timestamp': timestamp, 'x-pishkhan-signature': signature };
            res = await send(t, route.method, url, { authorization: as.authorization }, raw, {
              ...signed,
              ...headers,
            });
          } else {
            res = await send(t, route.method, url, principal, raw, headers);
          }
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const where = `${route.method.toUpperCase()} ${url.slice(0, 200)} ${JSON.stringify(m).slice(0, 300)} → ${res.status} ${(res.text ?? '').slice(0, 300)}`;
          if (res.status >= 500)
            throw new Error(
              `5xx: ${where}\n${t.logs
                .filter((l) => l.includes('"level":50') && !l.includes('request errored'))
                .slice(-1)
                .join('')
                .slice(0, 1500)}`,
            );
          if (res.status >= 400) {
            if (!String(res.headers['content-type']).startsWith('application/problem+json'))
              throw new Error(`not problem+json: ${where}`);
            const p = res.body as { status?: number; code?: string; type?: string };
            if (p.status !== res.status || !p.code || p.type !== `/problems/${p.code}`)
              throw new Error(`malformed problem: ${where}`);
            if (
              (await t.store.headPosition()) !== head &&
              !auditedRefusal(p.code, await t.store.readAll({ after: head, limit: 10 }))
            )
              throw new Error(`refused, yet the log moved: ${where}`);
          }
        }),
        {
          numRuns: runsPerRoute,
          seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined,
        },
      );
    });
  }
});
