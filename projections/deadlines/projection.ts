import type { RecordedEvent } from '../../src/shared/eventStore';
import type { SqlValue } from '../db';
import { decoded } from '../decode';
import { ledgerFact, paymentRecorded } from '../ledger';
import type { Projection } from '../projection';

type Loose = Record<string, unknown>;

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
    keepEarliest(out, pair[0], pair[1]);
  }
  return out;
}

function keepEarliest(out: Map<string, string>, key: string, at: string) {
  const seen = out.get(key);
  if (seen === undefined || at < seen) out.set(key, at);
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
      const assigned = new Map<string, string>();
      for (const e of events) {
        if (e.type === paymentRecorded) continue;
        const d = decoded(e);
        if (d?.type === 'CataloguePublished') {
          const { scope: s, period, version, publishedAt, entries } = d.data;
          const scope = s.kind === 'provincial' ? s.province : 'national';
          await tx.run(`DELETE FROM ${p}_entries WHERE scope = ? AND period = ?`, [scope, period]);
          await tx.runMany(
            `INSERT INTO ${p}_entries VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scope, period, service_code) DO NOTHING`,
            entries.map((x): SqlValue[] => [
              scope,
              period,
              x.serviceCode,
              x.agencyId,
              version,
              publishedAt,
              x.offerBy,
            ]),
          );
        } else if (d?.type === 'ServiceDefined') {
          await tx.run(
            `INSERT INTO ${p}_services (service_code, agency_id, name_fa) VALUES (?, ?, ?)
             ON CONFLICT (service_code) DO UPDATE SET agency_id = excluded.agency_id, name_fa = excluded.name_fa`,
            [d.data.serviceCode, d.data.agencyId, d.data.nameFa],
          );
        } else if (d?.type === 'ServiceLaunchedAtOffices') {
          await tx.run(upsertService('launched_at'), [d.data.serviceCode, d.data.launchedAt]);
        } else if (d?.type === 'ServiceAssigned') {
          keepEarliest(assigned, d.data.serviceCode, d.data.assignedAt);
        }
      }
      const paid = earliest(events, paymentRecorded, (d) => {
        const f = ledgerFact({ type: paymentRecorded, data: d });
        return f ? [f.serviceCode, f.at] : undefined;
      });
      await tx.runMany(upsertService('first_assigned_at'), [...assigned]);
      await tx.runMany(upsertService('first_paid_at'), [...paid]);
    },
  };
}
