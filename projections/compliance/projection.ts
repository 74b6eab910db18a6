import { PaymentRecorded } from '../../contracts/events/payments';
import { PaymentReassessed, tariffViolationKinds } from '../../contracts/events/reassessment';
import type { SqlTx, SqlValue } from '../db';
import { businessDays } from '../businessDay';
import { decoded } from '../decode';
import { correctionOf, ledgerEventTypes, ledgerFact } from '../ledger';
import type { Projection } from '../projection';

const judgedBy = PaymentRecorded.schema.shape.tariff;
const excessOf = (v: { type: string; excess?: string | bigint }) =>
  v.type === 'overcharge' ? BigInt(v.excess ?? 0) : 0n;

/** Compliance's days are calendar days (روز), cut at midnight whatever the settlement cut-off. */
export const complianceCutoffMinutes = 0;

/**
 * Tariff compliance (رعایت تعرفه) for the regulator: every flagged payment and each of its
 * violations, with the excess collected and how much of it went back to the citizen
 * through a reversal or refund; the rest is still held. A payment judged again against a
 * backdated tariff (`PaymentReassessed`) has its tariff verdict replaced by the new one, with
 * the version that judged it; its other violations stand. What was returned on every payment
 * is kept, so one flagged only by a reassessment counts its earlier reversals and refunds.
 * Both tables are indexed by office, for an office's own record in its monthly statement.
 */
export function complianceProjection(): Projection {
  const dayOf = businessDays(complianceCutoffMinutes);
  return {
    name: 'compliance',
    version: 4,
    eventTypes: [...ledgerEventTypes, PaymentReassessed.type],
    tables: ['flagged', 'violations', 'returns'],
    schema: (p) => [
      `CREATE TABLE ${p}_flagged (
         payment_id TEXT PRIMARY KEY, office_id TEXT NOT NULL, province TEXT NOT NULL, service_code TEXT NOT NULL,
         agency_id TEXT NOT NULL, day TEXT NOT NULL, at TEXT NOT NULL, amount BIGINT NOT NULL, excess BIGINT NOT NULL,
         returned BIGINT NOT NULL, tariff_id TEXT, tariff_version BIGINT)`,
      `CREATE TABLE ${p}_violations (
         payment_id TEXT NOT NULL, type TEXT NOT NULL, office_id TEXT NOT NULL, province TEXT NOT NULL,
         service_code TEXT NOT NULL, day TEXT NOT NULL, excess BIGINT NOT NULL, PRIMARY KEY (payment_id, type))`,
      `CREATE INDEX ${p}_violations_by_day ON ${p}_violations (day)`,
      `CREATE INDEX ${p}_flagged_by_office ON ${p}_flagged (office_id, day)`,
      `CREATE INDEX ${p}_violations_by_office ON ${p}_violations (office_id, day)`,
      `CREATE TABLE ${p}_returns (payment_id TEXT PRIMARY KEY, returned BIGINT NOT NULL)`,
    ],
    async applyBatch(tx, events, p) {
      let flagged: SqlValue[][] = [];
      let violations: SqlValue[][] = [];
      let returned: SqlValue[][] = [];
      const flush = async () => {
        await tx.runMany(
          `INSERT INTO ${p}_flagged VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (payment_id) DO NOTHING`,
          flagged,
        );
        await tx.runMany(
          `INSERT INTO ${p}_violations VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (payment_id, type) DO NOTHING`,
          violations,
        );
        await tx.runMany(
          `UPDATE ${p}_flagged SET returned = returned + ? WHERE payment_id = ?`,
          returned,
        );
        await tx.runMany(
          `INSERT INTO ${p}_returns VALUES (?, ?) ON CONFLICT (payment_id) DO UPDATE SET returned = ${p}_returns.returned + excluded.returned`,
          returned.map(([amount, id]) => [id!, amount!]),
        );
        [flagged, violations, returned] = [[], [], []];
      };
      for (const event of events) {
        if (event.type === PaymentReassessed.type) {
          const d = decoded(event);
          if (d?.type !== 'PaymentReassessed') continue;
          await flush();
          await reassess(tx, p, d.data, dayOf(d.data.transactionTime));
          continue;
        }
        const correction = correctionOf(event);
        if (correction) {
          returned.push([correction.returned, correction.paymentId]);
          continue;
        }
        const f = ledgerFact(event);
        if (!f?.flagged) continue;
        const day = dayOf(f.at);
        const excess = f.violations.reduce((s, v) => s + v.excess, 0n);
        const tariff = judgedBy.safeParse((event.data as { tariff?: unknown }).tariff).data;
        flagged.push([
          f.paymentId,
          f.officeId,
          f.province,
          f.serviceCode,
          f.agencyId,
          day,
          f.at,
          f.amount,
          excess,
          0n,
          tariff?.tariffId ?? null,
          tariff?.version ?? null,
        ]);
        for (const v of f.violations)
          violations.push([
            f.paymentId,
            v.type,
            f.officeId,
            f.province,
            f.serviceCode,
            day,
            v.excess,
          ]);
      }
      await flush();
    },
  };
}

/** Replaces a payment's tariff verdict with a reassessment's; a payment left with no violation is no longer flagged. */
async function reassess(tx: SqlTx, p: string, r: PaymentReassessed, day: string): Promise<void> {
  const kinds = tariffViolationKinds.map(() => '?').join(', ');
  await tx.run(`DELETE FROM ${p}_violations WHERE payment_id = ? AND type IN (${kinds})`, [
    r.paymentId,
    ...tariffViolationKinds,
  ]);
  await tx.runMany(
    `INSERT INTO ${p}_violations VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (payment_id, type) DO NOTHING`,
    r.violations.map((v) => [
      r.paymentId,
      v.type,
      r.officeId,
      r.province,
      r.serviceCode,
      day,
      excessOf(v),
    ]),
  );
  const left = await tx.all<{ excess: unknown }>(
    `SELECT excess FROM ${p}_violations WHERE payment_id = ?`,
    [r.paymentId],
  );
  if (left.length === 0) {
    await tx.run(`DELETE FROM ${p}_flagged WHERE payment_id = ?`, [r.paymentId]);
    return;
  }
  const excess = left.reduce((s, v) => s + BigInt(v.excess as bigint), 0n);
  const changed = await tx.run(
    `UPDATE ${p}_flagged SET excess = ?, tariff_id = ?, tariff_version = ? WHERE payment_id = ?`,
    [excess, r.tariff.tariffId, r.tariff.version, r.paymentId],
  );
  if (changed === 1) return;
  const [back] = await tx.all<{ returned: unknown }>(
    `SELECT returned FROM ${p}_returns WHERE payment_id = ?`,
    [r.paymentId],
  );
  await tx.run(`INSERT INTO ${p}_flagged VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
    r.paymentId,
    r.officeId,
    r.province,
    r.serviceCode,
    r.agencyId ?? '',
    day,
    r.transactionTime,
    BigInt(r.amount),
    excess,
    BigInt((back?.returned as bigint | undefined) ?? 0n),
    r.tariff.tariffId,
    r.tariff.version,
  ]);
}
