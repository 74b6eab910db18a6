import type { EventStore } from '../../src/shared/eventStore';
import { businessDays } from '../businessDay';
import type { ReadModelDb, SqlTx } from '../db';
import { ledgerEntry, paymentRecorded } from '../ledger';
import { rialsOf } from '../rials';
import { liveBuild } from '../registry';

/** One business day as the ledger itself counts it, beside what the settlement read model holds. */
export interface DayAgreement {
  day: string;
  /** The settlement read model's checkpoint, and the position the ledger was counted to. */
  position: number;
  ledger: { payments: number; postings: number; gross: string };
  settlement: { postings: number; gross: string };
  agrees: boolean;
}

const pageSize = 5000;

/** A summed BIGINT column: a bigint from SQLite, a decimal string from PostgreSQL. */
type Sum = bigint | string | number | null;

const ddl = [
  `CREATE TABLE IF NOT EXISTS ledger_days (
     day TEXT PRIMARY KEY, payments BIGINT NOT NULL, postings BIGINT NOT NULL, gross BIGINT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ledger_days_state (
     singleton TEXT PRIMARY KEY, cutoff BIGINT NOT NULL, position BIGINT NOT NULL)`,
];

/** Another node moved the count first; this round's page was rolled back. */
class CountMovedError extends Error {}

/**
 * The ledger's own count of every business day's payments (روزشمار دفتر کل): how many
 * payments, how many non-zero postings and how many rials, folded from `PaymentRecorded`
 * events read page by page through the store port, with its own checkpoint, apart from the
 * projection runner. A settlement day agrees with the ledger when, at the same log position,
 * its lines hold exactly those postings and rials. Payments only: corrections are checked by
 * `pishkhan projections verify`.
 */
export function ledgerDayCount(options: {
  store: EventStore;
  db: ReadModelDb;
  cutoffMinutes: number;
  /**
   * Who folds the count: by default this thread; a node with a projection thread has that
   * thread fold it (on a million-payment log the first count reads the whole log).
   */
  countTo?: (target: number) => Promise<void>;
}) {
  const { store, db, cutoffMinutes } = options;
  const dayOf = businessDays(cutoffMinutes);
  let ready: Promise<void> | undefined;

  /** The count is kept for one cut-off: another cut-off regroups every payment, so it starts over. */
  function init(): Promise<void> {
    ready ??= db.write(async (tx) => {
      for (const statement of ddl) await tx.run(statement);
      const [state] = await tx.all<{ cutoff: unknown }>(
        `SELECT cutoff FROM ledger_days_state WHERE singleton = 'ledger'`,
      );
      if (state && Number(state.cutoff) === cutoffMinutes) return;
      await tx.run(`DELETE FROM ledger_days`);
      await tx.run(`DELETE FROM ledger_days_state`);
      await tx.run(`INSERT INTO ledger_days_state VALUES ('ledger', ?, 0)`, [cutoffMinutes]);
    });
    return ready;
  }

  const positionIn = async (tx: SqlTx) =>
    Number(
      (await tx.all<{ position: unknown }>(`SELECT position FROM ledger_days_state`))[0]!.position,
    );

  /** Folds one page of payments after the count's checkpoint, no further than `target`. */
  async function step(target: number): Promise<number> {
    const from = await db.read(positionIn);
    if (from >= target) return from;
    const page = await store.readAll({
      after: from,
      filter: { eventTypes: [paymentRecorded] },
      limit: pageSize,
    });
    const upTo =
      page.length < pageSize ? target : Math.min(target, page[page.length - 1]!.position);
    const days = new Map<string, { payments: number; postings: number; gross: bigint }>();
    for (const event of page) {
      if (event.position > upTo) break;
      const entry = ledgerEntry(event);
      if (!entry?.at) continue;
      const day = dayOf(entry.at);
      let sums = days.get(day);
      if (!sums) days.set(day, (sums = { payments: 0, postings: 0, gross: 0n }));
      sums.payments += 1;
      sums.postings += entry.postings.filter((p) => BigInt(p.amount) !== 0n).length;
      sums.gross += BigInt(rialsOf((event.data as { amount?: unknown }).amount));
    }
    await db.write(async (tx) => {
      const moved = await tx.run(`UPDATE ledger_days_state SET position = ? WHERE position = ?`, [
        upTo,
        from,
      ]);
      if (moved !== 1) throw new CountMovedError();
      await tx.runMany(
        `INSERT INTO ledger_days VALUES (?, ?, ?, ?) ON CONFLICT (day) DO UPDATE SET
           payments = ledger_days.payments + excluded.payments,
           postings = ledger_days.postings + excluded.postings,
           gross = ledger_days.gross + excluded.gross`,
        [...days].map(([day, s]) => [day, s.payments, s.postings, s.gross]),
      );
    });
    return upTo;
  }

  /** Brings the count to exactly `target`, unless it is there or past it already. */
  async function countTo(target: number): Promise<void> {
    await init();
    for (let at = 0; at < target;) {
      try {
        at = await step(target);
      } catch (error) {
        if (!(error instanceof CountMovedError)) throw error;
        at = await db.read(positionIn);
      }
    }
  }

  /**
   * Compares settlement days with the ledger's count at the settlement read model's own
   * checkpoint. Undefined while the two cannot be put at one position (no live settlement
   * build yet, or the count is already past it): the next round compares.
   */
  async function compare(days: readonly string[]): Promise<DayAgreement[] | undefined> {
    await init();
    const marks = days.map(() => '?').join(', ');
    const snapshot = await db.read(async (tx) => {
      const live = await liveBuild(tx, 'settlement');
      if (!live) return undefined;
      const rows = days.length
        ? await tx.all<{ day: string; postings: Sum; gross: Sum }>(
            `SELECT day, SUM(payments) AS postings, SUM(gross) AS gross FROM ${live.prefix}_lines
             WHERE day IN (${marks}) GROUP BY day`,
            days,
          )
        : [];
      return { position: live.position, rows };
    });
    if (!snapshot) return undefined;
    await (options.countTo ?? countTo)(snapshot.position);
    const counted = await db.read(async (tx) => ({
      position: await positionIn(tx),
      rows: days.length
        ? await tx.all<{ day: string; payments: Sum; postings: Sum; gross: Sum }>(
            `SELECT * FROM ledger_days WHERE day IN (${marks})`,
            days,
          )
        : [],
    }));
    if (counted.position !== snapshot.position) return undefined;
    return days.map((day) => {
      const l = counted.rows.find((r) => r.day === day);
      const s = snapshot.rows.find((r) => r.day === day);
      const ledger = {
        payments: Number(l?.payments ?? 0),
        postings: Number(l?.postings ?? 0),
        gross: String(l?.gross ?? 0),
      };
      const settlement = { postings: Number(s?.postings ?? 0), gross: String(s?.gross ?? 0) };
      return {
        day,
        position: snapshot.position,
        ledger,
        settlement,
        agrees: ledger.postings === settlement.postings && ledger.gross === settlement.gross,
      };
    });
  }

  /** The closed settlement days since `sinceDay` (inclusive), by the live settlement build. */
  async function closedDays(sinceDay: string): Promise<string[]> {
    return db.read(async (tx) => {
      const live = await liveBuild(tx, 'settlement');
      if (!live) return [];
      const rows = await tx.all<{ day: string }>(
        `SELECT day FROM ${live.prefix}_batches WHERE day >= ? ORDER BY day`,
        [sinceDay],
      );
      return rows.map((r) => r.day);
    });
  }

  return { countTo, compare, closedDays };
}

export type LedgerDayCount = ReturnType<typeof ledgerDayCount>;
