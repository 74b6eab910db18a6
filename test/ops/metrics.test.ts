import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { StoreUnavailableError } from '../../src/shared/errors';
import type { EventStore } from '../../src/shared/eventStore';
import { startTestApp, type TestApp } from '../support/app';
import { ids } from '../support/licensing';
import { payment, paymentWorld, signedPost } from '../support/payments';
import { repoRoot } from '../support/server';

/**
 * Metrics the alerts and dashboards read that another exporter serves, with their labels:
 * Prometheus itself (`up`) and node_exporter on each node (disk). Listed in ops/README.md.
 */
const external: Record<string, string[]> = {
  up: [],
  node_filesystem_avail_bytes: ['mountpoint', 'fstype', 'device'],
  node_filesystem_size_bytes: ['mountpoint', 'fstype', 'device'],
};
/** Labels Prometheus adds to every scraped series. */
const targetLabels = ['instance', 'job'];

const promqlWords = new Set(
  (
    'sum min max avg count stddev stdvar topk bottomk quantile count_values group by without on ' +
    'ignoring group_left group_right and or unless bool offset rate irate increase delta idelta ' +
    'deriv predict_linear histogram_quantile abs absent absent_over_time ceil floor round clamp ' +
    'clamp_min clamp_max changes resets time vector scalar sort sort_desc label_replace label_join ' +
    'avg_over_time min_over_time max_over_time sum_over_time count_over_time last_over_time ' +
    'quantile_over_time'
  ).split(' '),
);

interface Query {
  where: string;
  metrics: Map<string, string[]>;
  grouping: string[];
  /** Labels read from the result: `{{ $labels.x }}` in an alert, `{{x}}` in a legend. */
  shown: string[];
}

/** The metric names and label names a PromQL expression uses. */
function readQuery(where: string, expr: string, shown: string[] = []): Query {
  let e = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\$\w+/g, '')
    .replace(/\[[^\]]*\]/g, '');
  const grouping: string[] = [];
  e = e.replace(
    /\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g,
    (_all, list: string) => {
      grouping.push(
        ...list
          .split(',')
          .map((l) => l.trim())
          .filter(Boolean),
      );
      return ' ';
    },
  );
  const metrics = new Map<string, string[]>();
  e = e.replace(
    /([a-zA-Z_:][\w:]*)?\s*\{([^}]*)\}/g,
    (_all, name: string | undefined, body: string) => {
      const labels = body
        .split(',')
        .map((matcher) => /^\s*(\w+)/.exec(matcher)?.[1])
        .filter((l): l is string => !!l);
      const key = (name ?? labels.includes('__name__')) ? '' : '';
      if (name) metrics.set(name, [...(metrics.get(name) ?? []), ...labels]);
      return key;
    },
  );
  for (const [word] of e.matchAll(/\b[a-zA-Z_:][\w:]*\b/g))
    if (!promqlWords.has(word) && !metrics.has(word)) metrics.set(word, []);
  return { where, metrics, grouping, shown };
}

const labelsIn = (text: string | undefined, pattern: RegExp) =>
  [...(text ?? '').matchAll(pattern)].map((m) => m[1]!);

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  annotations?: Record<string, string>;
}
const rules = (
  parse(readFileSync(join(repoRoot, 'ops/prometheus/rules.yml'), 'utf8')) as {
    groups: { rules: Rule[] }[];
  }
).groups.flatMap((g) => g.rules);

const dashboards = readdirSync(join(repoRoot, 'ops/grafana'))
  .filter((f) => f.endsWith('.json'))
  .map(
    (f) =>
      [f, JSON.parse(readFileSync(join(repoRoot, 'ops/grafana', f), 'utf8'))] as [
        string,
        { panels: { title: string; targets?: { expr: string; legendFormat?: string }[] }[] },
      ],
  );

const queries: Query[] = [
  ...rules.map((r) =>
    readQuery(
      `rules.yml ${r.alert ?? r.record}`,
      r.expr,
      Object.values(r.annotations ?? {}).flatMap((a) => labelsIn(a, /\$labels\.(\w+)/g)),
    ),
  ),
  ...dashboards.flatMap(([file, d]) =>
    d.panels.flatMap((p) =>
      (p.targets ?? []).map((t) =>
        readQuery(`${file} "${p.title}"`, t.expr, labelsIn(t.legendFormat, /\{\{\s*(\w+)\s*\}\}/g)),
      ),
    ),
  ),
];

/** Metric name → label names, from the text a scrape of /metrics answers. */
function exposed(text: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s/.exec(line);
    if (!sample) continue;
    const labels = found.get(sample[1]!) ?? new Set<string>();
    for (const name of labelsIn(sample[2], /(\w+)="/g)) labels.add(name);
    found.set(sample[1]!, labels);
  }
  return found;
}

/** A store whose appends can be made to fail as a lost database would, or to hang. */
function faultyStore(inner: EventStore) {
  let mode: 'ok' | 'failing' | 'stuck' = 'ok';
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const fn = (value as (...a: unknown[]) => unknown).bind(target);
      if (prop !== 'append') return fn;
      return async (...args: unknown[]) => {
        if (mode === 'failing') throw new StoreUnavailableError('connection reset');
        if (mode === 'stuck') await new Promise(() => undefined);
        return fn(...args);
      };
    },
  });
  return { store, set: (m: typeof mode) => (mode = m) };
}

describe('ops/ matches the metrics the app exposes', () => {
  let t: TestApp;
  let scraped: Map<string, Set<string>>;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-19T08:00:00Z', reporting: {} });
    const w = await paymentWorld(t);
    t.clock.set('2026-11-29T08:00:00Z');
    const body = payment(t);
    await signedPost(t, w.good, '/v1/payments', body, { 'Idempotency-Key': 'ops-1' }).expect(201);
    await signedPost(t, w.good, '/v1/payments', body, { 'Idempotency-Key': 'ops-1' }).expect(201);
    await signedPost(t, w.good, '/v1/payments', payment(t, { amount: '1' })).expect(201);
    await t.reporting.runner.catchUp();
    await signedPost(t, w.good, '/v1/payments', payment(t)).expect(201);
    await t.reporting.runner.catchUp();
    const res = await request(t.app).get('/metrics').expect(200);
    scraped = exposed(res.text);
  });
  afterAll(async () => t.close());

  it('reads some queries from every file', () => {
    expect(rules.length).toBeGreaterThan(5);
    expect(dashboards.length).toBeGreaterThan(0);
    expect(queries.filter((q) => q.where.startsWith('pishkhan-ledger.json')).length).toBe(6);
  });

  it('every metric name and label in rules.yml and ops/grafana/*.json exists', () => {
    const recorded = new Map(
      rules
        .filter((r) => r.record)
        .map((r) => [r.record!, new Set(readQuery(r.record!, r.expr).grouping)]),
    );
    const labelsOf = (metric: string) =>
      scraped.get(metric) ??
      recorded.get(metric) ??
      (external[metric] ? new Set(external[metric]) : undefined);
    const missing: string[] = [];
    for (const q of queries) {
      const available = new Set(targetLabels);
      for (const [metric, labels] of q.metrics) {
        const known = labelsOf(metric);
        if (!known) {
          missing.push(`${q.where}: metric ${metric}`);
          continue;
        }
        for (const l of known) available.add(l);
        for (const l of labels)
          if (!known.has(l) && !targetLabels.includes(l))
            missing.push(`${q.where}: label ${l} of ${metric}`);
      }
      for (const l of [...q.grouping, ...q.shown])
        if (!available.has(l)) missing.push(`${q.where}: label ${l}`);
    }
    expect(missing).toEqual([]);
  });

  it('every alert links a runbook that exists', () => {
    for (const r of rules.filter((rule) => rule.alert)) {
      const url = r.annotations?.runbook_url;
      expect({ alert: r.alert, url }).toEqual({
        alert: r.alert,
        url: expect.stringMatching(/^ops\/runbooks\/[\w-]+\.md$/),
      });
      expect({ alert: r.alert, exists: existsSync(join(repoRoot, url!)) }).toEqual({
        alert: r.alert,
        exists: true,
      });
    }
  });

  it('alerts on projection lag, event-loop lag, disk space and the flagged-payment ratio', () => {
    const reads = (metric: string) =>
      queries.some((q) => q.where.startsWith('rules.yml') && q.metrics.has(metric));
    expect(
      [
        'projection_lag_events',
        'nodejs_eventloop_lag_p99_seconds',
        'node_filesystem_avail_bytes',
      ].map(reads),
    ).toEqual([true, true, true]);
    const flagged = rules.find((r) => r.alert === 'PishkhanFlaggedPaymentsHigh');
    expect(flagged?.expr).toMatch(/outcome="flagged"/);
  });
});

describe('PishkhanStoreUnavailable counts store failures only', () => {
  const storeErrors = async (t: TestApp) => {
    const text = (await request(t.app).get('/metrics').expect(200)).text;
    return Number(/^pishkhan_store_errors_total (\d+)/m.exec(text)?.[1]);
  };
  const agency = (agencyId: string) => ({
    agencyId,
    nameFa: 'سازمان',
    nameEn: 'Agency',
    legalId: ids.legalA,
    treasuryIban: ids.iban,
    fees: [],
  });

  it('its expression reads the store-error counter, not 503 answers', () => {
    const rule = rules.find((r) => r.alert === 'PishkhanStoreUnavailable');
    expect(rule?.expr).toMatch(/pishkhan_store_errors_total/);
    expect(rule?.expr).not.toMatch(/status/);
  });

  it('a failed append counts; a request timeout does not', async () => {
    const inner = (await startTestApp()).store;
    const faulty = faultyStore(inner);
    const t = await startTestApp({ store: faulty.store, deps: { requestTimeoutMs: 300 } });
    try {
      const regulator = (await t.tokenFor('regulator')).authorization;
      const post = (id: string) =>
        request(t.app)
          .post('/v1/agencies')
          .timeout(10_000)
          .set('Authorization', regulator)
          .send(agency(id));
      expect(await storeErrors(t)).toBe(0);

      faulty.set('stuck');
      const timedOut = await post('slow');
      expect([timedOut.status, timedOut.body.code]).toEqual([503, 'request-timeout']);
      expect(await storeErrors(t)).toBe(0);

      faulty.set('failing');
      const failed = await post('lost');
      expect([failed.status, failed.body.code]).toEqual([503, 'store-unavailable']);
      expect(await storeErrors(t)).toBe(1);
    } finally {
      faulty.set('ok');
      await t.close();
    }
  });
});
