import type { SqlValue } from '../db';
import { businessDays } from '../businessDay';
import { correctionOf, ledgerEventTypes, ledgerFact } from '../ledger';
import type { Projection } from '../projection';

/**
 * Tariff compliance (رعایت تعرفه) for the regulator: every flagged payment and each of its
 * violations, with the excess collected and how much of it went back to the citizen
 * through a reversal or refund; the rest is still held. Version 3 indexes both tables by office,
 * for an office's own record in its monthly statement.
 */
export function complianceProjection(): Projection {
  const dayOf = businessDays(0);
  return {
    name: 'compliance',
    version: 3,
    eventTypes: ledgerEventTypes,
    tables: ['flagged', 'violations'],
    schema: (p) => [
      `CREATE TABLE ${p}_flagged (
         payment_id TEXT PRIMARY KEY, office_id TEXT NOT NULL, province TEXT NOT NULL, service_code TEXT NOT NULL,
         agency_id TEXT NOT NULL, day TEXT NOT NULL, at TEXT NOT NULL, amount BIGINT NOT NULL, excess BIGINT NOT NULL,
         returned BIGINT NOT NULL)`,
      `CREATE TABLE ${p}_violations (
         payment_id TEXT NOT NULL, type TEXT NOT NULL, office_id TEXT NOT NULL, province TEXT NOT NULL,
         service_code TEXT NOT NULL, day TEXT NOT NULL, excess BIGINT NOT NULL, PRIMARY KEY (payment_id, type))`,
      `CREATE INDEX ${p}_violations_by_day ON ${p}_violations (day)`,
      `CREATE INDEX ${p}_flagged_by_office ON ${p}_flagged (office_id, day)`,
      `CREATE INDEX ${p}_violations_by_office ON ${p}_violations (office_id, day)`,
    ],
    async applyBatch(tx, events, p) {
      const flagged: SqlValue[][] = [];
      const violations: SqlValue[][] = [];
      const returned: SqlValue[][] = [];
      for (const event of events) {
        const correction = correctionOf(event);
        if (correction) {
          returned.push([correction.returned, correction.paymentId]);
          continue;
        }
        const f = ledgerFact(event);
        if (!f?.flagged) continue;
        const day = dayOf(f.at);
        const excess = f.violations.reduce((s, v) => s + v.excess, 0n);
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
      await tx.runMany(
        `INSERT INTO ${p}_flagged VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (payment_id) DO NOTHING`,
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
    },
  };
}
