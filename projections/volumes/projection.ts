import { PaymentRecorded } from '../../contracts/events/payments';
import type { RecordedEvent } from '../../src/shared/eventStore';
import { businessDays } from '../businessDay';
import type { SqlTx, SqlValue } from '../db';
import { decoded } from '../decode';
import { ledgerEntry, ledgerEventTypes, originsOf, paymentRecorded } from '../ledger';
import type { Projection } from '../projection';
import { sums } from '../settlement/lines';

export const monthKeyColumns = [
  'month',
  'agency_id',
  'service_code',
  'province',
  'office_kind',
  'office_id',
] as const;
export const monthSums = [...sums, 'office_fees', 'vat'] as const;

const place = PaymentRecorded.schema.pick({ province: true, officeKind: true });
const correctionPlace = PaymentRecorded.schema.pick({ province: true }).partial();

type Sums = bigint[];

/** Where a payment's office stood (province, urban or rural) as its latest payment stated it. */
interface Place {
  province: string;
  kind: string;
}

async function storedPlace(tx: SqlTx, p: string, officeId: string): Promise<Place | undefined> {
  const [row] = await tx.all<{ province: string; office_kind: string }>(
    `SELECT province, office_kind FROM ${p}_offices WHERE office_id = ?`,
    [officeId],
  );
  return row ? { province: row.province, kind: row.office_kind } : undefined;
}

/**
 * Volumes (حجم تراکنش‌ها) for the parties' reports: per Jalali month of the business day, agency,
 * service, province, office kind and office, the payments, reversals and refunds in rials and
 * the office fees (کارمزد دفتر) and VAT among them, net of corrections; each office's place as
 * its latest payment states it (a correction is booked where its office stands then); and the
 * payout instructions of every closed settlement batch, by beneficiary, for the offices'
 * statements. Months are small (offices × services rows each), so a national month is read
 * whole in a few milliseconds.
 */
export function volumesProjection(options: { cutoffMinutes?: number } = {}): Projection {
  const dayOf = businessDays(options.cutoffMinutes ?? 0);
  return {
    name: 'volumes',
    version: 1,
    eventTypes: [...ledgerEventTypes, 'SettlementBatchClosed'],
    tables: ['months', 'offices', 'payouts'],
    schema: (p) => [
      `CREATE TABLE ${p}_months (
         ${monthKeyColumns.map((c) => `${c} TEXT NOT NULL`).join(', ')},
         ${monthSums.map((c) => `${c} BIGINT NOT NULL`).join(', ')},
         PRIMARY KEY (${monthKeyColumns.join(', ')}))`,
      `CREATE INDEX ${p}_months_by_office ON ${p}_months (office_id, month)`,
      `CREATE INDEX ${p}_months_by_agency ON ${p}_months (agency_id, month)`,
      `CREATE TABLE ${p}_offices (office_id TEXT PRIMARY KEY, province TEXT NOT NULL, office_kind TEXT NOT NULL)`,
      `CREATE TABLE ${p}_payouts (
         day TEXT NOT NULL, end_to_end_id TEXT NOT NULL, batch_id TEXT NOT NULL, kind TEXT NOT NULL,
         beneficiary_id TEXT NOT NULL, iban TEXT NOT NULL, amount BIGINT NOT NULL, closed_at TEXT NOT NULL,
         PRIMARY KEY (day, end_to_end_id))`,
      `CREATE INDEX ${p}_payouts_by_beneficiary ON ${p}_payouts (kind, beneficiary_id, day)`,
    ],
    async applyBatch(tx, events, p, ctx) {
      const origins = await originsOf(events, (s) => ctx.readStream(s));
      const places = new Map<string, Place>();
      const placeOf = async (officeId: string) => {
        let found = places.get(officeId);
        if (!found) {
          found = await storedPlace(tx, p, officeId);
          if (found) places.set(officeId, found);
        }
        return found;
      };
      const months = new Map<string, { key: string[]; sums: Sums }>();
      const payouts: SqlValue[][] = [];
      for (const event of events) {
        if (event.type === 'SettlementBatchClosed') {
          payouts.push(...payoutRows(event));
          continue;
        }
        const entry = ledgerEntry(event, origins.get(event.stream));
        if (!entry) continue;
        let where: Place | undefined;
        if (entry.kind === 'payment') {
          const stated = place.safeParse(event.data);
          if (!stated.success) continue;
          where = { province: stated.data.province, kind: stated.data.officeKind };
          places.set(entry.officeId, where);
        } else {
          const known = await placeOf(entry.officeId);
          const origin = origins.get(event.stream);
          const stated = correctionPlace.safeParse(origin ?? event.data);
          const province = (stated.success ? stated.data.province : undefined) ?? known?.province;
          if (!province) continue;
          where = { province, kind: known?.kind ?? 'unknown' };
        }
        const month = dayOf(entry.at).slice(0, 7);
        const key = [
          month,
          entry.agencyId,
          entry.serviceCode,
          where.province,
          where.kind,
          entry.officeId,
        ];
        const joined = key.join('\u0000');
        let row = months.get(joined);
        if (!row) months.set(joined, (row = { key, sums: monthSums.map(() => 0n) }));
        const total = entry.postings.reduce((s, x) => s + BigInt(x.amount), 0n);
        const s = row.sums;
        if (entry.kind === 'payment') {
          s[0]! += 1n;
          s[1]! += total;
        } else if (entry.kind === 'reversal') {
          s[2]! += 1n;
          s[3]! -= total;
        } else {
          s[4]! += 1n;
          s[5]! -= total;
        }
        for (const x of entry.postings) {
          if (x.kind === 'office') s[6]! += BigInt(x.amount);
          else if (x.kind === 'vat') s[7]! += BigInt(x.amount);
        }
      }
      await writeMonths(tx, p, [...months.values()]);
      await tx.runMany(
        `INSERT INTO ${p}_offices VALUES (?, ?, ?) ON CONFLICT (office_id) DO UPDATE
         SET province = excluded.province, office_kind = excluded.office_kind`,
        events
          .filter((e) => e.type === paymentRecorded)
          .flatMap((e) => {
            const officeId = (e.data as { officeId?: unknown }).officeId;
            const at = typeof officeId === 'string' ? places.get(officeId) : undefined;
            return at ? [[officeId as string, at.province, at.kind]] : [];
          }),
      );
      await tx.runMany(
        `INSERT INTO ${p}_payouts VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (day, end_to_end_id) DO NOTHING`,
        payouts,
      );
    },
  };
}

async function writeMonths(tx: SqlTx, p: string, rows: Array<{ key: string[]; sums: Sums }>) {
  const columns = [...monthKeyColumns, ...monthSums];
  await tx.runMany(
    `INSERT INTO ${p}_months (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
     ON CONFLICT (${monthKeyColumns.join(', ')}) DO UPDATE SET ${monthSums.map((c) => `${c} = ${p}_months.${c} + excluded.${c}`).join(', ')}`,
    rows.map((r) => [...r.key, ...r.sums]),
  );
}

/** A closed batch's payout instructions (دستور پرداخت), one row each; a batch that does not decode gives none. */
function payoutRows(event: Pick<RecordedEvent, 'type' | 'data' | 'metadata'>): SqlValue[][] {
  const d = decoded(event);
  if (d?.type !== 'SettlementBatchClosed') return [];
  const b = d.data;
  return b.instructions.map((i) => [
    b.day,
    i.endToEndId,
    b.batchId,
    i.kind,
    i.beneficiaryId,
    i.iban,
    BigInt(i.amount),
    b.closedAt,
  ]);
}
