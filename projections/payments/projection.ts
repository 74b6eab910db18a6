import {
  PaymentConsumed,
  PaymentRecorded,
  PaymentRefunded,
  PaymentReversed,
  paymentRefundedV1,
  paymentReversedV1,
} from '../../contracts/events/payments';
import { decodeWith, versionOf } from '../../contracts/events/contract';
import { terminalRegistered } from '../../contracts/events/offices';
import type { RecordedEvent } from '../../src/shared/eventStore';
import { formatJalaliDate, jalaliDateOf } from '../../src/shared/jalaliPeriod';
import type { SqlTx, SqlValue } from '../db';
import { paymentRecorded, paymentRefunded, paymentReversed } from '../ledger';
import type { Projection } from '../projection';
import { paymentStatusOf, type StoredCorrection } from './status';

/**
 * The payment register (دفتر پرداخت‌ها) on disk: one row per payment with the event it was
 * recorded by, every correction since and the agency's consumption, indexed for the list
 * filters, the receipt's tracking code and an agency's look-up by RRN. Receipts, lists,
 * verifications and an office's day are answered from here; a node keeps no payment in memory.
 * `psp_id` is the registered PSP that ran the terminal, from the terminals' registrations
 * folded here too (`terminals`), so a PSP's list is one indexed range.
 */
export const paymentsTable = 'payments';
export const paymentTerminalsTable = 'terminals';

const columns = `payment_id, tracking_code, position, revision, office_id, terminal_id, service_code,
  agency_id, day, status, attempt, recorded, corrections, rrn, psp_id`;

function schema(prefix: string): string[] {
  const t = `${prefix}_${paymentsTable}`;
  return [
    `CREATE TABLE ${t} (
       payment_id TEXT PRIMARY KEY, tracking_code TEXT NOT NULL, position BIGINT NOT NULL,
       revision BIGINT NOT NULL, office_id TEXT NOT NULL, terminal_id TEXT NOT NULL,
       service_code TEXT NOT NULL, agency_id TEXT, day TEXT NOT NULL, status TEXT NOT NULL,
       attempt TEXT, recorded TEXT NOT NULL, corrections TEXT NOT NULL, rrn TEXT NOT NULL,
       psp_id TEXT, consumption TEXT, consumed_day TEXT, consumed_amount BIGINT)`,
    `CREATE UNIQUE INDEX ${t}_position ON ${t} (position)`,
    `CREATE INDEX ${t}_rrn ON ${t} (rrn)`,
    `CREATE INDEX ${t}_psp ON ${t} (psp_id, position)`,
    `CREATE INDEX ${t}_consumed ON ${t} (agency_id, consumed_day)`,
    `CREATE TABLE ${prefix}_${paymentTerminalsTable} (terminal_id TEXT PRIMARY KEY, psp_id TEXT)`,
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
    p.rrn,
    p.terminalId,
  ];
}

async function applyConsumption(tx: SqlTx, t: string, e: RecordedEvent): Promise<void> {
  const parsed = PaymentConsumed.schema.safeParse(e.data);
  if (!parsed.success) return;
  const c = e.data as PaymentConsumed;
  await tx.run(
    `UPDATE ${t} SET consumption = ?, consumed_day = ?, consumed_amount = ?, revision = ?
     WHERE payment_id = ? AND consumption IS NULL`,
    [JSON.stringify(c), tehranDay(c.consumedAt), c.amount, e.revision, c.paymentId],
  );
}

async function applyTerminal(tx: SqlTx, prefix: string, e: RecordedEvent): Promise<void> {
  let pspId: string | undefined;
  try {
    pspId = (decodeWith(terminalRegistered, e.data, e.metadata).data as { pspId?: string }).pspId;
  } catch {
    return;
  }
  if (pspId === undefined) return;
  await tx.run(
    `INSERT INTO ${prefix}_${paymentTerminalsTable} (terminal_id, psp_id) VALUES (?, ?)
     ON CONFLICT (terminal_id) DO NOTHING`,
    [(e.data as { terminalId: string }).terminalId, pspId],
  );
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
    version: 2,
    eventTypes: [
      paymentRecorded,
      paymentReversed,
      paymentRefunded,
      PaymentConsumed.type,
      terminalRegistered.type,
    ],
    tables: [paymentsTable, paymentTerminalsTable],
    schema,
    async applyBatch(tx, events, prefix) {
      const t = `${prefix}_${paymentsTable}`;
      const insert = `INSERT INTO ${t} (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
        (SELECT psp_id FROM ${prefix}_${paymentTerminalsTable} WHERE terminal_id = ?))
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
        if (e.type === PaymentConsumed.type) await applyConsumption(tx, t, e);
        else if (e.type === terminalRegistered.type) await applyTerminal(tx, prefix, e);
        else await applyCorrection(tx, t, e);
      }
      await flush();
    },
  };
}
