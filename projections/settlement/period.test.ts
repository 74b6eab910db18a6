import { logMonth, parseLogMonth } from '../../src/shared/eventStore/logMonths';
import { ValidationError } from '../../src/shared/errors';
import {
  foldedPeriodLog,
  postgresPeriodHarness,
  sqlitePeriodHarness,
  type PeriodHarness as Harness,
} from '../../test/support/periodHarness';
import { describeWithPostgres } from '../../test/support/postgres';
import type { ReadModelDb } from '../db';
import { positionBefore } from '../recordedFrom';
import type { ProjectionRunner } from '../runner';
import { verifyProjection } from '../verify';
import { rebuildSettlementPeriod } from './period';
import { lateMehrPayment, months, threeMonthLog } from './periodFixtures';
import { settlementProjection } from './projection';

const projection = settlementProjection();

/** Every row of a month's business days in both tables, as sorted text. */
async function monthRows(db: ReadModelDb, month: string): Promise<string[]> {
  const day = `${month.replace('-', '/')}/%`;
  return db.read(async (tx) => {
    const rows = [
      ...(await tx.all(`SELECT * FROM settlement_v1_lines WHERE day LIKE ?`, [day])),
      ...(await tx.all(`SELECT * FROM settlement_v1_batches WHERE day LIKE ?`, [day])),
    ];
    return rows.map((r) => JSON.stringify(Object.values(r).map(String))).sort();
  });
}

function periodRebuildSpec(name: string, open: () => Promise<Harness> | Harness) {
  describe(`rebuilding one period of settlement (${name})`, () => {
    let h: Harness;
    let early: number;
    let runner: ProjectionRunner;
    const verify = async () => {
      const scratch = await h.scratch();
      try {
        return await verifyProjection({
          store: h.store(),
          db: h.db,
          scratch: scratch.db,
          projection,
        });
      } finally {
        await scratch.close();
      }
    };
    const rebuild = (month = months[1], beforeCommit?: () => Promise<void>) =>
      rebuildSettlementPeriod({
        store: h.store(),
        db: h.db,
        projection,
        month,
        cutoffMinutes: 0,
        pageSize: 7,
        ...(beforeCommit && { beforeCommit }),
      });

    beforeEach(async () => {
      ({ h, runner, early } = await foldedPeriodLog(open, threeMonthLog, projection));
    });
    afterEach(async () => {
      await runner.stop();
      await h.close();
    });

    it("replaces a corrupted month's rows with what a full rebuild gives, late events included, and leaves the other months alone", async () => {
      const [before0, before1, before2] = await Promise.all(
        months.map((m) => monthRows(h.db, m.id)),
      );
      expect(before1?.some((r) => r.includes('"1405/07/21"'))).toBe(true);
      expect(before1?.some((r) => r.includes('"1405/07/10","STL-14050710"'))).toBe(true);
      await h.db.write(async (tx) => {
        await tx.run(`UPDATE settlement_v1_lines SET gross = gross + 7 WHERE day LIKE '1405/07/%'`);
        await tx.run(`DELETE FROM settlement_v1_lines WHERE day = '1405/07/26'`);
        await tx.run(`DELETE FROM settlement_v1_batches WHERE day = '1405/07/10'`);
        await tx.run(
          `INSERT INTO settlement_v1_lines VALUES ('1405/07/02', 'office', 'X', 'IR0', '', 'AG9', 'S9', 'OF9', 1, 5, 0, 0, 0, 0)`,
        );
      });
      expect((await verify()).difference).toBeDefined();

      const r = await rebuild();

      expect(r).toMatchObject({
        period: '1405-07',
        prefix: 'settlement_v1',
        written: { batches: 1 },
      });
      expect(r.from).toBeGreaterThan(0);
      expect(r.from).toBeLessThan(early);
      expect(r.upTo).toBe(await h.store().headPosition());
      expect((await verify()).difference).toBeUndefined();
      expect(await monthRows(h.db, months[0].id)).toEqual(before0);
      expect(await monthRows(h.db, months[1].id)).toEqual(before1);
      expect(await monthRows(h.db, months[2].id)).toEqual(before2);
    });

    it('reads from the month start, not position 0: the months before are not read', async () => {
      const firstMehr = await positionBefore(h.store(), months[1].start);
      expect(firstMehr).toBe(early);
      const r = await rebuild();
      expect(r.from).toBeLessThan(early);
      expect(r.from).toBeGreaterThan((await positionBefore(h.store(), months[0].end)) - 5);
    });

    it('takes what the live runner folds while it reads, and reads keep working meanwhile', async () => {
      await h.db.write((tx) =>
        tx.run(`UPDATE settlement_v1_lines SET payments = payments + 1 WHERE day LIKE '1405/07/%'`),
      );
      let seenDuring: string[] = [];
      const r = await rebuild(months[1], async () => {
        await lateMehrPayment(h.store(), 'during');
        await runner.catchUp();
        seenDuring = await monthRows(h.db, months[1].id);
      });
      expect(seenDuring.length).toBeGreaterThan(0);
      expect(r.upTo).toBe(await h.store().headPosition());
      expect((await verify()).difference).toBeUndefined();
      await lateMehrPayment(h.store(), 'after');
      await runner.catchUp();
      expect((await verify()).difference).toBeUndefined();
    });

    it('a month with no events: nothing replaced, nothing written, every row as before', async () => {
      const before = await Promise.all(months.map((m) => monthRows(h.db, m.id)));
      for (const empty of [logMonth(1405, 10), logMonth(1404, 1)]) {
        const r = await rebuild(empty);
        expect(r).toMatchObject({
          replaced: { lines: 0, batches: 0 },
          written: { lines: 0, batches: 0 },
        });
      }
      expect(await Promise.all(months.map((m) => monthRows(h.db, m.id)))).toEqual(before);
      expect((await verify()).difference).toBeUndefined();
    });

    it('refuses, changing nothing, while a month it would read is archived', async () => {
      const before = await Promise.all(months.map((m) => monthRows(h.db, m.id)));
      const store = h.store();
      const archived = { month: '1405-08', first: early + 20, last: early + 30 };
      await expect(
        rebuildSettlementPeriod({
          store: {
            ...store,
            archivedRanges: async () => [
              { ...archived, count: 11, sha256: '', file: '', dropped: false },
            ],
          },
          db: h.db,
          projection,
          month: months[1],
          cutoffMinutes: 0,
        }),
      ).rejects.toThrow(/log month 1405-08 is archived .* restore it first/);
      expect(await Promise.all(months.map((m) => monthRows(h.db, m.id)))).toEqual(before);
    });
  });
}

periodRebuildSpec('SQLite', sqlitePeriodHarness);
describeWithPostgres('PostgreSQL, monthly partitions', () => {
  periodRebuildSpec('PostgreSQL, monthly partitions', postgresPeriodHarness);
});

describe('a period as typed', () => {
  it.each([
    ['1405-07', '1405-07'],
    ['1405/7', '1405-07'],
    ['۱۴۰۵-۰۷', '1405-07'],
  ])('%s is the Jalali month %s', (input, id) => {
    expect(parseLogMonth(input).id).toBe(id);
  });
  it.each(['2026-10', '1405-13', 'mehr', ''])('%s is refused', (input) => {
    expect(() => parseLogMonth(input)).toThrow(ValidationError);
  });
});
