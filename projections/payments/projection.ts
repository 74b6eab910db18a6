import {
  PaymentRecorded,
  PaymentRefunded,
  PaymentReversed,
  paymentRefundedV1,
  paymentReversedV1,
} from '../../contracts/events/payments';
import { versionOf } from '../../contracts/events/contract';
import type { RecordedEvent } from '../../src/shared/eventStore';
import { formatJalaliDate, jalaliDateOf } from '../../src/shared/jalaliPeriod';
import type { SqlTx, SqlValue } from '../db';
import { paymentRecorded, paymentRefunded, paymentReversed } from '../ledger';
import type { Projection } from '../projection';
import { paymentStatusOf, type StoredCorrection } from './status';

/**
 * The payment register (دفتر پرداخت‌ها) on disk: one row per payment with the event it was
 * recorded by and every correction since, indexed for the list filters and the receipt's
 * tracking code. Receipts, lists and an office's day are answered from here; a node keeps
 * no payment in memory.
 */
export const paymentsTable = 'payments';

const columns = `payment_id, tracking_code, position, revision, office_id, terminal_id, service_code,
  agency_id, day, status, attempt, recorded, corrections`;

function schema(prefix: string): string[] {
  const t = `${prefix}_${paymentsTable}`;
  return [
    `CREATE TABLE ${t} (
       payment_id TEXT PRIMARY KEY, tracking_code TEXT NOT NULL, position BIGINT NOT NULL,
       revision BIGINT NOT NULL, office_id TEXT NOT NULL, terminal_id TEXT NOT NULL,
       service_code TEXT NOT NULL, agency_id TEXT, day TEXT NOT NULL, status TEXT NOT NULL,
       attempt TEXT, recorded TEXT NOT NULL, corrections TEXT NOT NULL)`,
    `CREATE UNIQUE INDEX ${t}_position ON ${t} (position)`,
    `CREATE INDEX ${t}_tracking ON ${t} (tracking_code)`,
    `CREATE INDEX ${t}_office_day ON ${t} (office_id, day, position)`,
    `CREATE INDEX ${t}_terminal ON ${t} (terminal_id, position)`,
    `CREATE INDEX ${t}_agency ON ${t} (agency_id, position)`,
    `CREATE INDEX ${t}_day ON ${t} (day, position)`,
  ];
}

/** The Jalali day (روز) of a transaction in Tehran, `1405/09/08`: what lists filter on. */
export const tehranDay = (transactionTime: string) =>
  formatJalaliDate(jalaliDateOf(new Date(transactionTime)));

function recordedRow(e: RecordedEvent): SqlValue[] | undefined {
  const parsed = PaymentRecorded.schema.safeParse(e.data);
  if (!parsed.success) return undefined;
  const p = e.data as PaymentRecorded;
  const attempt = e.metadata.attempt;
  return [
    p.paymentId,
    p.trackingCode,
    e.position,
    e.revision,
    p.officeId,
    p.terminalId,
    p.serviceCode,
    p.agencyId ?? null,
    tehranDay(p.transactionTime),
    paymentStatusOf(p, []),
    typeof attempt === 'string' ? attempt : null,
    JSON.stringify(p),
    '[]',
  ];
}

function correctionOf(e: RecordedEvent): StoredCorrection | undefined {
  const reversal = e.type === paymentReversed;
  const v2 = versionOf(e.metadata) >= 2;
  const schema = reversal
    ? v2
      ? PaymentReversed.schema
      : paymentReversedV1
    : v2
      ? PaymentRefunded.schema
      : paymentRefundedV1;
  return schema.safeParse(e.data).success ? (e.data as StoredCorrection) : undefined;
}

async function applyCorrection(tx: SqlTx, t: string, e: RecordedEvent): Promise<void> {
  const c = correctionOf(e);
  if (!c) return;
  const [row] = await tx.all<{ recorded: string; corrections: string }>(
    `SELECT recorded, corrections FROM ${t} WHERE payment_id = ?`,
    [c.paymentId],
  );
  if (!row) return;
  const corrections = [...(JSON.parse(row.corrections) as StoredCorrection[]), c];
  const status = paymentStatusOf(JSON.parse(row.recorded) as PaymentRecorded, corrections);
  await tx.run(`UPDATE ${t} SET corrections = ?, status = ?, revision = ? WHERE payment_id = ?`, [
    JSON.stringify(corrections),
    status,
    e.revision,
    c.paymentId,
  ]);
}

export function paymentsProjection(): Projection {
  return {
    name: 'payments',
    version: 1,
    eventTypes: [paymentRecorded, paymentReversed, paymentRefunded],
    tables: [paymentsTable],
    schema,
    async applyBatch(tx, events, prefix) {
      const t = `${prefix}_${paymentsTable}`;
      const insert = `INSERT INTO ${t} (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (payment_id) DO NOTHING`;
      let rows: SqlValue[][] = [];
      const flush = async () => {
        if (rows.length) await tx.runMany(insert, rows);
        rows = [];
      };
      for (const e of events) {
        if (e.type === paymentRecorded) {
          const row = recordedRow(e);
          if (row) rows.push(row);
          continue;
        }
        await flush();
        await applyCorrection(tx, t, e);
      }
      await flush();
    },
  };
}
