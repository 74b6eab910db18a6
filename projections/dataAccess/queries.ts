import type { ReadModelDb, SqlTx, SqlValue } from '../db';
import { paymentsTable } from '../payments/projection';
import { liveBuild } from '../registry';

/** One access attempt as the audit shows it. */
export interface AttemptRow {
  accessId: string;
  position: number;
  at: string;
  outcome: string;
  rule: string | null;
  agencyId: string | null;
  officeId: string;
  province: string | null;
  serviceCode: string;
  items: string[];
  instructionVersion: number | null;
  channel: string | null;
  providerReference: string | null;
  digest: string | null;
  credentialId: string;
  operator: string;
  outsideHours: boolean;
}

export interface AttemptFilter {
  /** An agency sees only attempts at its own services' data. */
  agencyId?: string;
  officeId?: string;
  province?: string;
  serviceCode?: string;
  outcome?: string;
  customerRef?: string;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string;
  to?: string;
  /** Log position of the last row of the previous page. */
  after?: number;
  limit: number;
}

async function onLive<T>(
  db: ReadModelDb,
  name: string,
  empty: T,
  work: (tx: SqlTx, p: string) => Promise<T>,
) {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, name);
    return live ? work(tx, live.prefix) : empty;
  });
}

type Raw = Record<string, unknown>;
const toRow = (r: Raw): AttemptRow => ({
  accessId: String(r.access_id),
  position: Number(r.position),
  at: String(r.at),
  outcome: String(r.outcome),
  rule: (r.rule as string | null) ?? null,
  agencyId: (r.agency_id as string | null) ?? null,
  officeId: String(r.office_id),
  province: (r.province as string | null) ?? null,
  serviceCode: String(r.service_code),
  items: JSON.parse(String(r.items)) as string[],
  instructionVersion: r.instruction_version === null ? null : Number(r.instruction_version),
  channel: (r.channel as string | null) ?? null,
  providerReference: (r.provider_reference as string | null) ?? null,
  digest: (r.digest as string | null) ?? null,
  credentialId: String(r.credential_id),
  operator: String(r.operator),
  outsideHours: Number(r.outside_hours) === 1,
});

const columns: Array<[keyof AttemptFilter, string, string]> = [
  ['agencyId', 'agency_id', '='],
  ['officeId', 'office_id', '='],
  ['province', 'province', '='],
  ['serviceCode', 'service_code', '='],
  ['outcome', 'outcome', '='],
  ['customerRef', 'customer_ref', '='],
  ['from', 'at', '>='],
  ['to', 'at', '<'],
];

/** Attempts matching the filter, in log order, up to `limit` after position `after`. */
export const attempts = (db: ReadModelDb, f: AttemptFilter) =>
  onLive(db, 'dataAccess', [] as AttemptRow[], async (tx, p) => {
    const where = ['position > ?'];
    const params: SqlValue[] = [f.after ?? -1];
    for (const [key, column, op] of columns) {
      const value = f[key];
      if (value === undefined) continue;
      where.push(`${column} ${op} ?`);
      params.push(value);
    }
    const rows = await tx.all<Raw>(
      `SELECT * FROM ${p}_attempts WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`,
      [...params, f.limit],
    );
    return rows.map(toRow);
  });

/** An office's pattern the regulator should look at (ناهنجاری). */
export interface Anomaly {
  kind: 'lookups-exceed-payments' | 'outside-hours' | 'consent-failures';
  officeId: string;
  serviceCode?: string;
  count: number;
  payments?: number;
}

/** Thresholds of the anomaly list; see docs/data-access.md. */
export const anomalyThresholds = {
  lookupsOverPayments: 3,
  lookupsPerPayment: 2,
  consentFailures: 3,
};

/**
 * Offices whose look-ups in the period far exceed their recorded payments for the same services
 * (more than twice the payments and three more), that looked up outside usual hours, or whose
 * customers' codes failed repeatedly. Payments are counted from the `payments` read model by
 * Jalali day; look-ups by instant.
 */
export const anomalies = (
  db: ReadModelDb,
  period: { from: string; to: string; fromDay: string; toDay: string },
) =>
  db.read(async (tx) => {
    const live = await liveBuild(tx, 'dataAccess');
    if (!live) return [] as Anomaly[];
    const p = live.prefix;
    const span = [period.from, period.to];
    const granted = await tx.all<Raw>(
      `SELECT office_id, service_code, COUNT(*) AS n FROM ${p}_attempts
       WHERE outcome = 'granted' AND at >= ? AND at < ? GROUP BY office_id, service_code`,
      span,
    );
    const payments = await liveBuild(tx, 'payments');
    const paid = new Map<string, number>();
    if (payments)
      for (const r of await tx.all<Raw>(
        `SELECT office_id, service_code, COUNT(*) AS n FROM ${payments.prefix}_${paymentsTable}
         WHERE day >= ? AND day <= ? GROUP BY office_id, service_code`,
        [period.fromDay, period.toDay],
      ))
        paid.set(`${String(r.office_id)} ${String(r.service_code)}`, Number(r.n));
    const t = anomalyThresholds;
    const found: Anomaly[] = [];
    for (const r of granted) {
      const n = Number(r.n);
      const officeId = String(r.office_id);
      const serviceCode = String(r.service_code);
      const payed = paid.get(`${officeId} ${serviceCode}`) ?? 0;
      if (n > payed * t.lookupsPerPayment + t.lookupsOverPayments)
        found.push({
          kind: 'lookups-exceed-payments',
          officeId,
          serviceCode,
          count: n,
          payments: payed,
        });
    }
    const counted = async (kind: Anomaly['kind'], where: string, min: number) => {
      const rows = await tx.all<Raw>(
        `SELECT office_id, COUNT(*) AS n FROM ${p}_attempts WHERE ${where} AND at >= ? AND at < ?
         GROUP BY office_id HAVING COUNT(*) >= ?`,
        [...span, min],
      );
      for (const r of rows) found.push({ kind, officeId: String(r.office_id), count: Number(r.n) });
    };
    await counted('outside-hours', 'outside_hours = 1', 1);
    await counted('consent-failures', `rule = 'consent-wrong'`, t.consentFailures);
    return found.sort((a, b) =>
      a.officeId === b.officeId ? a.kind.localeCompare(b.kind) : a.officeId < b.officeId ? -1 : 1,
    );
  });
