import { PaymentRecorded, paymentReversedV1 } from '../../contracts/events';
import { businessDays } from '../businessDay';
import type { SqlTx, SqlValue } from '../db';

const paymentFields = PaymentRecorded.schema.pick({
  paymentId: true,
  officeId: true,
  province: true,
  serviceCode: true,
  transactionTime: true,
  amount: true,
  status: true,
  violations: true,
});

/** Both versions of a reversal name the payment, which is all supervision needs of it. */
const reversedPayment = paymentReversedV1.pick({ paymentId: true });

/** Rials by which a payment missed the tariff, either way: its overcharge or undercharge. */
const missedBy = (violations: PaymentRecorded['violations']) =>
  violations.reduce(
    (sum, v) =>
      sum +
      (v.type === 'overcharge'
        ? BigInt(v.excess)
        : v.type === 'undercharge'
          ? BigInt(v.shortfall)
          : 0n),
    0n,
  );

/** What one office's payments of one Jalali day add up to; reversed ones leave revenue and delivered. */
interface DayTotals {
  volume: number;
  revenue: bigint;
  delivered: number;
  violations: number;
  violationAmount: bigint;
  reversals: number;
}

const none = (): DayTotals => ({
  volume: 0,
  revenue: 0n,
  delivered: 0,
  violations: 0,
  violationAmount: 0n,
  reversals: 0,
});

/**
 * A batch's payments and reversals, folded into one row per payment and into the totals of
 * each office's day (روز) and of each service it delivered that day, so that a half-year's
 * measures add up a few hundred rows per office instead of every payment. Days are Jalali
 * days in Asia/Tehran, and a half-year begins and ends at a Tehran midnight, so a payment's
 * day is in the half-year exactly when its transaction time is.
 */
export function officeDays() {
  const dayOf = businessDays(0);
  const rows: SqlValue[][] = [];
  const reversals: string[] = [];
  /** Each office's province as its latest payment in the batch states it. */
  const provinces = new Map<string, string>();
  const days = new Map<string, { officeId: string; day: string; t: DayTotals }>();
  const services = new Map<
    string,
    { officeId: string; day: string; serviceCode: string; delivered: number }
  >();
  const totals = (officeId: string, day: string) => {
    const key = `${officeId}\u0000${day}`;
    let d = days.get(key);
    if (!d) days.set(key, (d = { officeId, day, t: none() }));
    return d.t;
  };
  const deliver = (officeId: string, day: string, serviceCode: string, n: number) => {
    const key = `${officeId}\u0000${day}\u0000${serviceCode}`;
    const s = services.get(key) ?? { officeId, day, serviceCode, delivered: 0 };
    s.delivered += n;
    services.set(key, s);
  };

  return {
    /**
     * A recorded payment; one that does not decode is skipped. The store refuses a second
     * `PaymentRecorded` of one payment id, so each is added once.
     */
    paid(data: unknown): void {
      const parsed = paymentFields.safeParse(data);
      if (!parsed.success) return;
      const d = parsed.data;
      const day = dayOf(d.transactionTime);
      const [amount, flagged, missed] = [
        BigInt(d.amount),
        d.status === 'flagged',
        missedBy(d.violations),
      ];
      rows.push([d.paymentId, d.officeId, day, d.serviceCode, amount, 0]);
      provinces.set(d.officeId, d.province);
      const t = totals(d.officeId, day);
      t.volume += 1;
      t.revenue += amount;
      t.delivered += 1;
      if (flagged) {
        t.violations += 1;
        t.violationAmount += missed;
      }
      deliver(d.officeId, day, d.serviceCode, 1);
    },
    reversed(data: unknown): void {
      const r = reversedPayment.safeParse(data);
      if (r.success) reversals.push(r.data.paymentId);
    },
    /** Writes the batch: payments first, so a reversal finds a payment recorded in the same batch. */
    async write(tx: SqlTx, p: string): Promise<void> {
      await tx.runMany(
        `INSERT INTO ${p}_payments VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (payment_id) DO NOTHING`,
        rows,
      );
      for (const paymentId of reversals) {
        const [hit] = await tx.all<{
          office_id: string;
          day: string;
          service_code: string;
          amount: SqlValue;
        }>(
          `UPDATE ${p}_payments SET reversed = 1 WHERE payment_id = ? AND reversed = 0
           RETURNING office_id, day, service_code, amount`,
          [paymentId],
        );
        if (!hit) continue;
        const t = totals(hit.office_id, hit.day);
        t.revenue -= BigInt(hit.amount!);
        t.delivered -= 1;
        t.reversals += 1;
        deliver(hit.office_id, hit.day, hit.service_code, -1);
      }
      const add = (column: string) => `${column} = ${p}_office_days.${column} + excluded.${column}`;
      await tx.runMany(
        `INSERT INTO ${p}_office_days VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (office_id, day) DO UPDATE SET
         ${['volume', 'revenue', 'delivered', 'violations', 'violation_amount', 'reversals'].map(add).join(', ')}`,
        [...days.values()].map(({ officeId, day, t }) => [
          officeId,
          day,
          t.volume,
          t.revenue,
          t.delivered,
          t.violations,
          t.violationAmount,
          t.reversals,
        ]),
      );
      await tx.runMany(
        `INSERT INTO ${p}_office_day_services VALUES (?, ?, ?, ?) ON CONFLICT (office_id, day, service_code)
         DO UPDATE SET delivered = ${p}_office_day_services.delivered + excluded.delivered`,
        [...services.values()].map((s) => [s.officeId, s.day, s.serviceCode, s.delivered]),
      );
      await tx.runMany(
        `INSERT INTO ${p}_offices (office_id, payment_province) VALUES (?, ?) ON CONFLICT (office_id)
         DO UPDATE SET payment_province = excluded.payment_province`,
        [...provinces],
      );
    },
  };
}

/**
 * DDL of the payment rows (what a reversal takes back out of its day's totals, found by
 * payment id) and the per-day totals.
 */
export const officeDaysSchema = (p: string) => [
  `CREATE TABLE ${p}_payments (
     payment_id TEXT PRIMARY KEY, office_id TEXT NOT NULL, day TEXT NOT NULL, service_code TEXT NOT NULL,
     amount BIGINT NOT NULL, reversed INTEGER NOT NULL)`,
  `CREATE TABLE ${p}_office_days (
     office_id TEXT NOT NULL, day TEXT NOT NULL, volume BIGINT NOT NULL, revenue BIGINT NOT NULL,
     delivered BIGINT NOT NULL, violations BIGINT NOT NULL, violation_amount BIGINT NOT NULL,
     reversals BIGINT NOT NULL, PRIMARY KEY (office_id, day))`,
  `CREATE INDEX ${p}_office_days_by_day ON ${p}_office_days (day)`,
  `CREATE TABLE ${p}_office_day_services (
     office_id TEXT NOT NULL, day TEXT NOT NULL, service_code TEXT NOT NULL, delivered BIGINT NOT NULL,
     PRIMARY KEY (office_id, day, service_code))`,
  `CREATE INDEX ${p}_office_day_services_by_day ON ${p}_office_day_services (day)`,
];
