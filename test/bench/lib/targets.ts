import { overFloor, type Figures } from './figures';

interface Target {
  figure: string;
  /** The figure it is divided by (or subtracted, with `by: 'difference'`); absent for a bar on the value itself. */
  of?: string;
  by?: 'ratio' | 'difference';
  atLeast?: number;
  atMost?: number;
  /** The issue that sets the bar. */
  issue: string;
}

/** The bars the issues set, checked on every run that has the figures. */
export const targets: readonly Target[] = [
  {
    figure: 'payments.http.single.webhooks_dead.per_s',
    of: 'payments.http.single.webhooks_none.per_s',
    atLeast: 0.9,
    issue: 'integrators (24): payment speed unchanged with a dead webhook endpoint',
  },
  {
    figure: 'append.sqlite.c256.per_s',
    of: 'sqlite.raw_batch_insert.per_s',
    atLeast: 0.5,
    issue: 'event store',
  },
  {
    figure: 'append.sqlite.c1.per_s',
    of: 'peer.emmett.sqlite.c1.per_s',
    atLeast: 10,
    issue: 'event store',
  },
  {
    figure: 'append.postgres.c16.per_s',
    of: 'peer.emmett.postgres.c16.per_s',
    atLeast: 2,
    issue: 'event store',
  },
  {
    figure: 'payments.http.single.per_s',
    of: 'http.echo.per_s',
    atLeast: 0.6,
    issue: 'payment ledger',
  },
  {
    figure: 'payments.http.single.p99_ms',
    of: 'http.echo.p99_ms',
    atMost: 1.5,
    issue: 'payment ledger',
  },
  {
    figure: 'payments.http.batch.per_s',
    of: 'sqlite.raw_batch_insert.per_s',
    atLeast: 0.5,
    issue: 'payment ledger',
  },
  { figure: 'projection.settlement.rebuild.per_s', atLeast: 200_000, issue: 'projections' },
  { figure: 'ledger.seal.per_s', atLeast: 500_000, issue: 'verifiable ledger (23)' },
  { figure: 'report.settlement.month.p95_ms', atMost: 50, issue: 'projections' },
  { figure: 'report.areo.month.p95_ms', atMost: 100, issue: 'party reports (19)' },
  { figure: 'report.office.statement.p95_ms', atMost: 20, issue: 'party reports (19)' },
  { figure: 'report.settlement.xlsx_ms', atMost: 2000, issue: 'party reports (19)' },
  {
    figure: 'scale.startup.1m_s',
    of: 'scale.startup.empty_s',
    atMost: 1.5,
    issue: 'read side on disk (17)',
  },
  {
    figure: 'scale.rss_mb.1m',
    of: 'scale.rss_mb.empty',
    by: 'difference',
    atMost: 64,
    issue: 'read side on disk (17)',
  },
  { figure: 'payments.receipt.p95_ms', atMost: 5, issue: 'read side on disk (17)' },
  { figure: 'payments.list.p95_ms', atMost: 20, issue: 'read side on disk (17)' },
];

/**
 * MET or MISSED for every bar whose figures the run has. A ratio against the figure's own floor
 * is the one the summary of rounds kept (the median of each round's); other bars divide or
 * subtract the two values.
 */
export function describeTargets(figures: Figures): string[] {
  return targets.flatMap((t) => {
    const a = figures[t.figure];
    const b = t.of === undefined ? undefined : figures[t.of];
    if (!a || (t.of !== undefined && !b)) return [];
    const difference = t.by === 'difference';
    const paired = !difference && t.of !== undefined && a.floor === t.of ? overFloor(a) : undefined;
    const measured = paired ?? (b ? (difference ? a.value - b.value : a.value / b.value) : a.value);
    const met =
      (t.atLeast === undefined || measured >= t.atLeast) &&
      (t.atMost === undefined || measured <= t.atMost);
    const bar = [
      ...(t.atLeast !== undefined ? [`>= ${t.atLeast}`] : []),
      ...(t.atMost !== undefined ? [`<= ${t.atMost}`] : []),
    ].join(', ');
    const what = b ? `${t.figure} ${difference ? '-' : '/'} ${t.of}` : t.figure;
    const shown = b && !difference ? measured.toFixed(2) : String(Number(measured.toPrecision(6)));
    return [`${met ? 'MET' : 'MISSED'}  ${what} = ${shown} (target ${bar}; ${t.issue})`];
  });
}
