import type { RecordedEvent } from '../../src/shared/eventStore';
import type { SqlValue } from '../db';
import { ledgerFact, paymentRecorded } from '../ledger';
import type { Projection } from '../projection';

type Loose = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Earliest instant per service in this batch, so a busy log costs one write per service. */
function earliest(
  events: readonly RecordedEvent[],
  type: string,
  field: (d: Loose) => [string, string] | undefined,
) {
  const out = new Map<string, string>();
  for (const e of events) {
    if (e.type !== type) continue;
    const pair = field(e.data as Loose);
    if (!pair || !pair[0] || !pair[1]) continue;
    const seen = out.get(pair[0]);
    if (seen === undefined || pair[1] < seen) out.set(pair[0], pair[1]);
  }
  return out;
}

/**
 * Catalogue deadlines (مهلت ارائه خدمت از طریق دفاتر, clause 2): each listed service with its
 * timetable date (offerBy) per catalogue scope and half-year, and when the service was first
 * assigned to an office and first paid for there. Delivered means both have happened.
 */
export function deadlinesProjection(): Projection {
  return {
    name: 'deadlines',
    version: 2,
    eventTypes: [
      'CataloguePublished',
      'ServiceDefined',
      'ServiceLaunchedAtOffices',
      'ServiceAssigned',
      paymentRecorded,
    ],
    tables: ['entries', 'services'],
    schema: (p) => [
      `CREATE TABLE ${p}_entries (
         scope TEXT NOT NULL, period TEXT NOT NULL, service_code TEXT NOT NULL, agency_id TEXT NOT NULL,
         version BIGINT NOT NULL, published_at TEXT NOT NULL, offer_by TEXT NOT NULL,
         PRIMARY KEY (scope, period, service_code))`,
      `CREATE TABLE ${p}_services (
         service_code TEXT PRIMARY KEY, agency_id TEXT NOT NULL DEFAULT '', name_fa TEXT NOT NULL DEFAULT '',
         first_assigned_at TEXT, first_paid_at TEXT, launched_at TEXT)`,
    ],
    async applyBatch(tx, events, p) {
      const upsertService = (column: 'first_assigned_at' | 'first_paid_at' | 'launched_at') =>
        `INSERT INTO ${p}_services (service_code, ${column}) VALUES (?, ?) ON CONFLICT (service_code) DO UPDATE
         SET ${column} = CASE WHEN ${p}_services.${column} IS NULL OR excluded.${column} < ${p}_services.${column} THEN excluded.${column} ELSE ${p}_services.${column} END`;
      for (const e of events) {
        const d = e.data as Loose;
        if (e.type === 'CataloguePublished') {
          const scopeRaw = (d.scope ?? {}) as Loose;
          const scope = scopeRaw.kind === 'provincial' ? str(scopeRaw.province) : 'national';
          await tx.run(`DELETE FROM ${p}_entries WHERE scope = ? AND period = ?`, [
            scope,
            str(d.period),
          ]);
          const entries = Array.isArray(d.entries) ? (d.entries as Loose[]) : [];
          await tx.runMany(
            `INSERT INTO ${p}_entries VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scope, period, service_code) DO NOTHING`,
            entries.map((x): SqlValue[] => [
              scope,
              str(d.period),
              str(x.serviceCode),
              str(x.agencyId),
              Number(d.version ?? 0),
              str(d.publishedAt),
              str(x.offerBy),
            ]),
          );
        } else if (e.type === 'ServiceDefined') {
          await tx.run(
            `INSERT INTO ${p}_services (service_code, agency_id, name_fa) VALUES (?, ?, ?)
             ON CONFLICT (service_code) DO UPDATE SET agency_id = excluded.agency_id, name_fa = excluded.name_fa`,
            [str(d.serviceCode), str(d.agencyId), str(d.nameFa)],
          );
        } else if (e.type === 'ServiceLaunchedAtOffices') {
          await tx.run(upsertService('launched_at'), [str(d.serviceCode), str(d.launchedAt)]);
        }
      }
      const assigned = earliest(events, 'ServiceAssigned', (d) => [
        str(d.serviceCode),
        str(d.assignedAt),
      ]);
      const paid = earliest(events, paymentRecorded, (d) => {
        const f = ledgerFact({ type: paymentRecorded, data: d });
        return f ? [f.serviceCode, f.at] : undefined;
      });
      await tx.runMany(upsertService('first_assigned_at'), [...assigned]);
      await tx.runMany(upsertService('first_paid_at'), [...paid]);
    },
  };
}
