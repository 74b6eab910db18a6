import { randomBytes } from 'node:crypto';
import type { RecordedEvent } from '../../src/shared/eventStore';
import { businessDays } from '../businessDay';
import type { SqlTx } from '../db';
import { ledgerFact } from '../ledger';
import {
  lockedCheckpoint,
  periodReader,
  periodStart,
  type PeriodRebuildOf,
  type PeriodRebuildOptions,
} from '../period';
import { complianceCutoffMinutes } from './projection';

export type CompliancePeriodRebuild = PeriodRebuildOf<'flagged' | 'violations' | 'returns'>;

/**
 * Rebuilds one Jalali month's rows of the live compliance (رعایت تعرفه) build in place: the
 * flagged payments and violations of its days, and what was returned on each of its payments.
 * The log is read from the month's first position (as settlement's month is, `periodStart`)
 * up to the live build's checkpoint and folded with the projection's own `applyBatch` into
 * scratch tables beside the build, page by page in their own transactions, so that memory
 * does not grow with the month's payments. A scratch table keeps the ids of the payments whose
 * business day is in the month: `returns` has no day, and its rows of the month are those.
 * Corrections and reassessments of earlier months' payments read in the window are folded too
 * but left out, by day or by that table. As for settlement, no lease is taken and reads go on
 * from the committed snapshot: one write transaction locks the build's registry row, folds what
 * the runner folded since, replaces the month's rows and drops the scratch tables.
 */
export async function rebuildCompliancePeriod(
  options: PeriodRebuildOptions,
): Promise<CompliancePeriodRebuild> {
  const { store, db, projection, month } = options;
  const start = await periodStart({ ...options, cutoffMinutes: complianceCutoffMinutes });
  const { live, days, from } = start;
  const scratch = `${live.prefix}_period_${randomBytes(4).toString('hex')}`;
  const payments = `${scratch}_payments`;
  const dayOf = businessDays(complianceCutoffMinutes);
  const ctx = { readStream: (s: string) => store.readStream(s) };
  const reader = periodReader(store, projection, start, options.pageSize ?? 5000);
  const fold = (tx: SqlTx) => async (events: RecordedEvent[]) => {
    await projection.applyBatch(tx, events, scratch, ctx);
    const ofMonth = events.flatMap((e) => {
      const f = ledgerFact(e);
      return f && days.keep(dayOf(f.at)) ? [[f.paymentId]] : [];
    });
    await tx.runMany(
      `INSERT INTO ${payments} VALUES (?) ON CONFLICT (payment_id) DO NOTHING`,
      ofMonth,
    );
  };
  const drop = async (tx: SqlTx) => {
    for (const t of [...projection.tables, 'payments'])
      await tx.run(`DROP TABLE IF EXISTS ${scratch}_${t}`);
  };
  await db.write(async (tx) => {
    for (const s of projection.schema(scratch)) await tx.run(s);
    await tx.run(`CREATE TABLE ${payments} (payment_id TEXT PRIMARY KEY)`);
  });
  try {
    await reader.readTo(live.position, (events) => db.write((tx) => fold(tx)(events)));
    await options.beforeCommit?.();
    return await db.write(async (tx) => {
      const upTo = await lockedCheckpoint(tx, db.kind, live.prefix);
      await reader.readTo(upTo, fold(tx));
      const byDay = async (table: 'flagged' | 'violations') => ({
        replaced: await tx.run(
          `DELETE FROM ${live.prefix}_${table} WHERE ${days.where}`,
          days.bounds,
        ),
        written: await tx.run(
          `INSERT INTO ${live.prefix}_${table} SELECT * FROM ${scratch}_${table} WHERE ${days.where}`,
          days.bounds,
        ),
      });
      const flagged = await byDay('flagged');
      const violations = await byDay('violations');
      const ofPayments = `payment_id IN (SELECT payment_id FROM ${payments})`;
      const returns = {
        replaced: await tx.run(`DELETE FROM ${live.prefix}_returns WHERE ${ofPayments}`),
        written: await tx.run(
          `INSERT INTO ${live.prefix}_returns SELECT * FROM ${scratch}_returns WHERE ${ofPayments}`,
        ),
      };
      await drop(tx);
      return {
        period: month.id,
        prefix: live.prefix,
        from,
        upTo,
        events: reader.events,
        replaced: {
          flagged: flagged.replaced,
          violations: violations.replaced,
          returns: returns.replaced,
        },
        written: {
          flagged: flagged.written,
          violations: violations.written,
          returns: returns.written,
        },
      };
    });
  } catch (error) {
    await db.write(drop).catch((dropping: unknown) => {
      throw new AggregateError(
        [error, dropping],
        `the period rebuild failed and its scratch tables ${scratch}_* could not be dropped`,
      );
    });
    throw error;
  }
}
