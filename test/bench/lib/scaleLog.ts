import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  formatJalaliDate,
  jalaliDateOf,
  startOfJalaliDay,
} from '../../../contracts/primitives/jalaliPeriod';
import {
  deterministicUuid,
  fingerprintOf,
  paymentIdOf,
  paymentKeys,
} from '../../../src/payments/identity';
import { loadOrCreateKey, secretBox } from '../../../src/shared/secrets';

/** What the generated log holds, so reads can name payments and office days in it. */
export interface ScaleLog {
  payments: number;
  offices: string[];
  /** Jalali days (`1405/08/01`) the payments fall on, oldest first. */
  days: string[];
  /** The citizen's tracking code of the `i`-th generated payment. */
  trackingCode(i: number): string;
}

interface Template {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

const dayMs = 86_400_000;
const openingMs = 8 * 3_600_000;
const businessMs = 10 * 3_600_000;

/** The PaymentRecorded events the service wrote itself, one per terminal: the shapes to copy. */
function templatesOf(db: Database.Database): Template[] {
  const rows = db
    .prepare("SELECT data, metadata FROM events WHERE type = 'PaymentRecorded' ORDER BY position")
    .all() as { data: string; metadata: string }[];
  if (rows.length === 0) throw new Error('no PaymentRecorded in the log to copy');
  return rows.map((r) => ({
    data: JSON.parse(r.data) as Record<string, unknown>,
    metadata: JSON.parse(r.metadata) as Record<string, unknown>,
  }));
}

/**
 * Appends `count` PaymentRecorded events by raw SQL to the service's SQLite log in `dataDir`
 * (while the service is stopped), 10,000 per transaction. Each copies the event one of the
 * service's terminals recorded (same office, service, tariff, postings and reference
 * positions) with its own RRN, STAN, transaction time, and the payment id, tracking code
 * (keyed with the data dir's secret, as the service derives it), fingerprint and event id the
 * recorder would give it. Terminals take turns; the payments fill `days` business days
 * (08:00–18:00 Tehran) ending yesterday, evenly and in time order.
 */
export function appendPayments(dataDir: string, count: number, days: number): ScaleLog {
  const keys = paymentKeys(secretBox(loadOrCreateKey(undefined, dataDir)));
  const db = new Database(join(dataDir, 'events.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const templates = templatesOf(db);
  const today = startOfJalaliDay(jalaliDateOf(new Date())).getTime();
  const dayStarts = Array.from({ length: days }, (_, d) => today - (days - d) * dayMs);
  const identity = (i: number) => {
    const template = templates[i % templates.length]!;
    const terminalId = template.data.terminalId as string;
    const rrn = String(100_000_000_000 + i);
    const day = Math.floor((i * days) / count);
    const first = Math.ceil((day * count) / days);
    const perDay = Math.ceil(((day + 1) * count) / days) - first;
    const at = new Date(
      dayStarts[day]! + openingMs + Math.floor(((i - first) * businessMs) / perDay),
    );
    return { template, terminalId, rrn, at, paymentId: paymentIdOf(terminalId, rrn, at) };
  };
  const insert = db.prepare(
    'INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at) VALUES (?, 0, ?, ?, ?, ?, ?)',
  );
  const write = db.transaction((start: number, end: number) => {
    for (let i = start; i < end; i++) {
      const { template, terminalId, rrn, at, paymentId } = identity(i);
      const t = template.data;
      const stan = String(i % 1_000_000).padStart(6, '0');
      const transactionTime = at.toISOString();
      const receivedAt = new Date(at.getTime() + 2_000).toISOString();
      const stream = `payment-${paymentId}`;
      const data = {
        ...t,
        paymentId,
        trackingCode: keys.trackingCode(paymentId),
        rrn,
        stan,
        transactionTime,
        receivedAt,
        // The recorder's fingerprint: the normalised request's fields in its order.
        fingerprint: fingerprintOf([
          terminalId,
          rrn,
          stan,
          transactionTime,
          t.serviceCode,
          t.quantity,
          t.occurrence,
          t.amount,
          t.maskedCard,
          t.quoteId ?? null,
          t.customerRef ?? null,
        ]),
      };
      insert.run(
        stream,
        deterministicUuid(`${stream}/recorded`),
        'PaymentRecorded',
        JSON.stringify(data),
        JSON.stringify({ ...template.metadata, attempt: randomUUID() }),
        receivedAt,
      );
    }
  });
  for (let start = 0; start < count; start += 10_000) write(start, Math.min(count, start + 10_000));
  db.close();
  return {
    payments: count,
    offices: templates.map((t) => t.data.officeId as string),
    days: dayStarts.map((start) => formatJalaliDate(jalaliDateOf(new Date(start + openingMs)))),
    trackingCode: (i) => keys.trackingCode(identity(i).paymentId),
  };
}
