import type { ReadModelDb } from '../db';
import { liveBuild } from '../registry';

export interface ComplianceQuery {
  from: string;
  to: string;
  province?: string;
  /** Only the payments of this agency's services (an agency's own report). */
  agencyId?: string;
  /** Only this office's payments (an office's own record). */
  officeId?: string;
}

/** The report's filter on the flagged payments `f`, and its parameters. */
function filterOf(q: ComplianceQuery): { where: string; params: string[] } {
  const conditions = ['f.day BETWEEN ? AND ?'];
  const params = [q.from, q.to];
  for (const [column, value] of [
    ['f.province', q.province],
    ['f.agency_id', q.agencyId],
    ['f.office_id', q.officeId],
  ] as const) {
    if (value === undefined) continue;
    conditions.push(`${column} = ?`);
    params.push(value);
  }
  return { where: conditions.join(' AND '), params };
}

interface GroupRow {
  k: string;
  payments: bigint | string;
  violations: bigint | string;
  excess: bigint | string;
  refunded: bigint | string;
}

/** Rials of an overcharge given back (reversal or refund), at most the excess itself. */
const refundedSql = `CASE WHEN f.returned < f.excess THEN f.returned ELSE f.excess END`;

const view = (r: GroupRow) => {
  const excess = BigInt(r.excess);
  const refunded = BigInt(r.refunded);
  return {
    payments: Number(r.payments),
    violations: Number(r.violations),
    excessCollected: excess.toString(),
    refunded: refunded.toString(),
    stillHeld: (excess - refunded).toString(),
  };
};

/**
 * The regulator's tariff compliance report: violations by type, office, province, service and
 * month, with the excess collected, refunded and still held, and the most offending offices.
 */
export async function complianceReport(db: ReadModelDb, q: ComplianceQuery, topN = 10) {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, 'compliance');
    if (!live) return { position: 0, body: undefined };
    const p = live.prefix;
    const { where, params } = filterOf(q);
    const byFlagged = (key: string | undefined, order = 'k') =>
      tx.all<GroupRow>(
        `SELECT ${key ?? "'all'"} AS k, COUNT(*) AS payments, COALESCE(SUM(v.n), 0) AS violations, COALESCE(SUM(f.excess), 0) AS excess,
                COALESCE(SUM(${refundedSql}), 0) AS refunded
         FROM ${p}_flagged f JOIN (SELECT payment_id, COUNT(*) AS n FROM ${p}_violations GROUP BY payment_id) v ON v.payment_id = f.payment_id
         WHERE ${where}${key ? ` GROUP BY ${key} ORDER BY ${order}` : ''}`,
        params,
      );
    const byType = await tx.all<GroupRow>(
      `SELECT v.type AS k, COUNT(*) AS payments, COUNT(*) AS violations, SUM(v.excess) AS excess,
              SUM(CASE WHEN f.returned < v.excess THEN f.returned ELSE v.excess END) AS refunded
       FROM ${p}_violations v JOIN ${p}_flagged f ON f.payment_id = v.payment_id WHERE ${where} GROUP BY v.type ORDER BY v.type`,
      params,
    );
    const [total] = await byFlagged(undefined);
    const body = {
      totals: view(total!),
      byType: byType.map((r) => ({ type: r.k, ...view(r) })),
      byOffice: (await byFlagged('f.office_id')).map((r) => ({ officeId: r.k, ...view(r) })),
      byProvince: (await byFlagged('f.province')).map((r) => ({ province: r.k, ...view(r) })),
      byService: (await byFlagged('f.service_code')).map((r) => ({ serviceCode: r.k, ...view(r) })),
      byMonth: (await byFlagged('substr(f.day, 1, 7)')).map((r) => ({ month: r.k, ...view(r) })),
      mostOffendingOffices: (await byFlagged('f.office_id', 'violations DESC, excess DESC, k'))
        .slice(0, topN)
        .map((r) => ({ officeId: r.k, ...view(r) })),
    };
    return { position: live.position, body };
  });
}

export interface DrillDown extends ComplianceQuery {
  type?: string;
  officeId?: string;
  serviceCode?: string;
  /** Payment id to continue after. */
  after?: string;
  limit: number;
}

/** The flagged payments behind a compliance figure, in payment-id order, a page at a time. */
export async function flaggedPayments(db: ReadModelDb, q: DrillDown) {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, 'compliance');
    if (!live) return { position: 0, items: [], next: undefined };
    const p = live.prefix;
    const conditions = ['f.day BETWEEN ? AND ?'];
    const params: string[] = [q.from, q.to];
    const eq = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      conditions.push(`${column} = ?`);
      params.push(value);
    };
    eq('f.province', q.province);
    eq('f.office_id', q.officeId);
    eq('f.service_code', q.serviceCode);
    if (q.type) {
      conditions.push(
        `EXISTS (SELECT 1 FROM ${p}_violations x WHERE x.payment_id = f.payment_id AND x.type = ?)`,
      );
      params.push(q.type);
    }
    if (q.after) {
      conditions.push('f.payment_id > ?');
      params.push(q.after);
    }
    const rows = await tx.all<Record<string, string | bigint>>(
      `SELECT f.* FROM ${p}_flagged f WHERE ${conditions.join(' AND ')} ORDER BY f.payment_id LIMIT ${q.limit + 1}`,
      params,
    );
    const page = rows.slice(0, q.limit);
    const ids = page.map((r) => String(r.payment_id));
    const types = new Map<string, string[]>();
    if (ids.length) {
      const found = await tx.all<{ payment_id: string; type: string }>(
        `SELECT payment_id, type FROM ${p}_violations WHERE payment_id IN (${ids.map(() => '?').join(', ')}) ORDER BY type`,
        ids,
      );
      for (const v of found) types.set(v.payment_id, [...(types.get(v.payment_id) ?? []), v.type]);
    }
    const items = page.map((r) => {
      const [excess, returned] = [BigInt(r.excess!), BigInt(r.returned!)];
      const refunded = returned < excess ? returned : excess;
      return {
        paymentId: String(r.payment_id),
        officeId: String(r.office_id),
        province: String(r.province),
        serviceCode: String(r.service_code),
        agencyId: String(r.agency_id),
        day: String(r.day),
        transactionTime: String(r.at),
        amount: String(r.amount),
        violations: types.get(String(r.payment_id)) ?? [],
        excessCollected: excess.toString(),
        refunded: refunded.toString(),
        stillHeld: (excess - refunded).toString(),
        ...(r.tariff_id !== null && r.tariff_id !== undefined
          ? { tariff: { tariffId: String(r.tariff_id), version: Number(r.tariff_version) } }
          : {}),
      };
    });
    return {
      position: live.position,
      items,
      next: rows.length > q.limit ? ids[ids.length - 1] : undefined,
    };
  });
}

/**
 * The totals and the violations by type of one party's flagged payments (an office's or an
 * agency's own record): two queries, through the office indexes for an office, instead of
 * the regulator's seven sections over every flagged payment.
 */
export async function complianceSummary(db: ReadModelDb, q: ComplianceQuery) {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, 'compliance');
    if (!live) return { position: 0, totals: undefined, byType: [] };
    const p = live.prefix;
    const { where, params } = filterOf(q);
    const [totals] = await tx.all<GroupRow>(
      `SELECT 'all' AS k, COUNT(*) AS payments, COALESCE(SUM(f.excess), 0) AS excess,
              COALESCE(SUM(${refundedSql}), 0) AS refunded,
              COALESCE(SUM((SELECT COUNT(*) FROM ${p}_violations x WHERE x.payment_id = f.payment_id)), 0) AS violations
       FROM ${p}_flagged f WHERE ${where}`,
      params,
    );
    const byType = await tx.all<GroupRow>(
      `SELECT v.type AS k, COUNT(*) AS payments, COUNT(*) AS violations, SUM(v.excess) AS excess,
              SUM(CASE WHEN f.returned < v.excess THEN f.returned ELSE v.excess END) AS refunded
       FROM ${p}_violations v JOIN ${p}_flagged f ON f.payment_id = v.payment_id
       WHERE v.day BETWEEN ? AND ?${q.officeId === undefined ? '' : ' AND v.office_id = ?'} AND ${where}
       GROUP BY v.type ORDER BY v.type`,
      [q.from, q.to, ...(q.officeId === undefined ? [] : [q.officeId]), ...params],
    );
    return {
      position: live.position,
      totals: view(totals!),
      byType: byType.map((r) => ({ type: r.k, ...view(r) })),
    };
  });
}
