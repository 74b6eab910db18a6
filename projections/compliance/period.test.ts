import type { LogMonth } from '../../src/shared/eventStore/logMonths';
import {
  foldedPeriodLog,
  postgresPeriodHarness,
  sqlitePeriodHarness,
  type PeriodHarness,
} from '../../test/support/periodHarness';
import { describeWithPostgres } from '../../test/support/postgres';
import type { ReadModelDb } from '../db';
import { PeriodRebuildError } from '../period';
import type { ProjectionRunner } from '../runner';
import { months } from '../settlement/periodFixtures';
import { dumpBuild, rebuildTo, verifyProjection, type BuildRows } from '../verify';
import { rebuildCompliancePeriod } from './period';
import { complianceThreeMonthLog, lateFlaggedMehrPayment } from './periodFixtures';
import { complianceProjection } from './projection';

const projection = complianceProjection();
const prefix = 'compliance_v1';

/**
 * A month's rows of a build: flagged payments and violations of its days, and the returns of
 * its payments (the fixture's payment ids of month `m` of `months` begin `C<m>-`).
 */
function monthOf(rows: BuildRows, m: 0 | 1 | 2) {
  const day = `"${months[m].id.replace('-', '/')}/`;
  return {
    flagged: rows.flagged!.filter((r) => r.includes(day)),
    violations: rows.violations!.filter((r) => r.includes(day)),
    returns: rows.returns!.filter((r) => r.startsWith(`["C${m}-`)),
  };
}

/** Tables a period rebuild left behind (its scratch tables are dropped on every path). */
async function leftovers(db: ReadModelDb): Promise<string[]> {
  const sql =
    db.kind === 'sqlite'
      ? `SELECT name FROM sqlite_master WHERE name LIKE '%period%'`
      : `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE '%period%'`;
  return db.read(async (tx) => (await tx.all<{ name: string }>(sql)).map((r) => r.name));
}

function compliancePeriodSpec(name: string, open: () => Promise<PeriodHarness> | PeriodHarness) {
  describe(`rebuilding one period of compliance (${name})`, () => {
    let h: PeriodHarness;
    let early: number;
    let runner: ProjectionRunner;
    const live = () => dumpBuild(h.db, projection, prefix);
    const fresh = async (position: number) => {
      const scratch = await h.scratch();
      try {
        return await rebuildTo(h.store(), scratch.db, projection, position);
      } finally {
        await scratch.close();
      }
    };
    const rebuild = (month: LogMonth = months[1], beforeCommit?: () => Promise<void>) =>
      rebuildCompliancePeriod({
        store: h.store(),
        db: h.db,
        projection,
        month,
        pageSize: 5,
        ...(beforeCommit && { beforeCommit }),
      });
    const corrupt = () =>
      h.db.write(async (tx) => {
        await tx.run(
          `UPDATE ${prefix}_flagged SET returned = returned + 5 WHERE day LIKE '1405/07/%'`,
        );
        await tx.run(`DELETE FROM ${prefix}_violations WHERE payment_id = 'C1-1'`);
        await tx.run(`DELETE FROM ${prefix}_returns WHERE payment_id = 'C1-5'`);
        await tx.run(`INSERT INTO ${prefix}_returns VALUES ('C1-6', 99)`);
        await tx.run(
          `INSERT INTO ${prefix}_violations VALUES ('C1-6', 'overcharge', 'OF2', 'IR-23', 'S0', '1405/07/19', 5)`,
        );
        await tx.run(`UPDATE ${prefix}_flagged SET excess = excess + 1 WHERE day LIKE '1405/06/%'`);
        await tx.run(`DELETE FROM ${prefix}_returns WHERE payment_id = 'C0-2'`);
        await tx.run(`DELETE FROM ${prefix}_violations WHERE day LIKE '1405/08/%'`);
      });

    beforeEach(async () => {
      ({ h, runner, early } = await foldedPeriodLog(open, complianceThreeMonthLog, projection));
    });
    afterEach(async () => {
      await runner.stop();
      await h.close();
    });

    it("replaces a corrupted month's rows with a whole rebuild's, late corrections and reassessments included, and leaves the other months as they were", async () => {
      const head = await h.store().headPosition();
      const whole = await fresh(head);
      const mehr = monthOf(whole, 1);
      expect(mehr.flagged.some((r) => r.startsWith('["C1-5",') && r.includes('"120000"'))).toBe(
        true,
      );
      expect(mehr.flagged.some((r) => r.startsWith('["C1-3",'))).toBe(false);
      expect(mehr.flagged.filter((r) => /^\["C1-(early|late)",/.test(r))).toHaveLength(2);
      expect(mehr.violations.some((r) => r.startsWith('["C1-1","undercharge"'))).toBe(true);
      expect(mehr.returns).toHaveLength(6);
      expect(monthOf(whole, 0).flagged.some((r) => r.startsWith('["C0-1",'))).toBe(true);
      expect(monthOf(whole, 0).returns).toHaveLength(3);
      expect(await live()).toEqual(whole);

      await corrupt();
      const corrupted = await live();
      expect(monthOf(corrupted, 1)).not.toEqual(mehr);

      const r = await rebuild();

      const after = await live();
      expect(monthOf(after, 1)).toEqual(mehr);
      expect(monthOf(after, 0)).toEqual(monthOf(corrupted, 0));
      expect(monthOf(after, 2)).toEqual(monthOf(corrupted, 2));
      expect(monthOf(after, 0)).not.toEqual(monthOf(whole, 0));
      expect(monthOf(after, 2)).not.toEqual(monthOf(whole, 2));
      expect(r).toMatchObject({
        period: '1405-07',
        prefix,
        upTo: head,
        replaced: {
          flagged: monthOf(corrupted, 1).flagged.length,
          violations: mehr.violations.length - 1,
          returns: mehr.returns.length,
        },
        written: {
          flagged: mehr.flagged.length,
          violations: mehr.violations.length,
          returns: mehr.returns.length,
        },
      });
      expect(r.from).toBeGreaterThan(0);
      expect(r.from).toBeLessThan(early);
      expect(await leftovers(h.db)).toEqual([]);
    });

    it('a month rebuilt with nothing corrupted is what it was, and the whole build still verifies', async () => {
      const before = await live();
      const r = await rebuild();
      expect(await live()).toEqual(before);
      expect(r.written).toEqual(r.replaced);
      const scratch = await h.scratch();
      try {
        const v = await verifyProjection({
          store: h.store(),
          db: h.db,
          scratch: scratch.db,
          projection,
        });
        expect(v.difference).toBeUndefined();
      } finally {
        await scratch.close();
      }
    });

    it('takes what the live runner folds between its read and its commit', async () => {
      await corrupt();
      const corrupted = await live();
      const r = await rebuild(months[1], async () => {
        await lateFlaggedMehrPayment(h.store(), 'C1-during');
        await runner.catchUp();
      });
      const head = await h.store().headPosition();
      expect(r.upTo).toBe(head);
      const mehr = monthOf(await live(), 1);
      expect(mehr).toEqual(monthOf(await fresh(head), 1));
      expect(mehr.flagged.some((row) => row.startsWith('["C1-during",'))).toBe(true);
      expect(monthOf(await live(), 0)).toEqual(monthOf(corrupted, 0));
      expect(await leftovers(h.db)).toEqual([]);
    });

    it('refuses, changing nothing, while a month it would read is archived', async () => {
      await corrupt();
      const before = await live();
      const store = h.store();
      await expect(
        rebuildCompliancePeriod({
          store: {
            ...store,
            archivedRanges: async () => [
              {
                month: '1405-08',
                first: early + 20,
                last: early + 30,
                count: 11,
                sha256: '',
                file: '',
                dropped: false,
              },
            ],
          },
          db: h.db,
          projection,
          month: months[1],
        }),
      ).rejects.toThrow(/log month 1405-08 is archived .* restore it first/);
      expect(await live()).toEqual(before);
      expect(await leftovers(h.db)).toEqual([]);
    });

    it('refuses, changing nothing, a build of another version, no live build, or a build that stops being live', async () => {
      await corrupt();
      const before = await live();
      const refused = (p: typeof projection, beforeCommit?: () => Promise<void>) =>
        rebuildCompliancePeriod({
          store: h.store(),
          db: h.db,
          projection: p,
          month: months[1],
          ...(beforeCommit && { beforeCommit }),
        });
      await expect(refused({ ...projection, version: projection.version + 1 })).rejects.toThrow(
        /compliance_v1 was built by version 4 and this code folds version 5: rebuild it whole/,
      );
      await expect(refused({ ...projection, name: 'elsewhere' })).rejects.toThrow(
        /projection elsewhere has no live build yet/,
      );
      await runner.stop();
      const retire = (state: string) =>
        h.db.write(async (tx) => {
          await tx.run(`UPDATE projection_builds SET state = ? WHERE prefix = ?`, [state, prefix]);
        });
      const stopped = refused(projection, () => retire('retired'));
      await expect(stopped).rejects.toThrow(PeriodRebuildError);
      await expect(stopped).rejects.toThrow(/compliance_v1 stopped being live during the rebuild/);
      await retire('live');
      expect(await live()).toEqual(before);
      expect(await leftovers(h.db)).toEqual([]);
    });
  });
}

compliancePeriodSpec('SQLite', sqlitePeriodHarness);
describeWithPostgres('PostgreSQL, monthly partitions', () => {
  compliancePeriodSpec('PostgreSQL, monthly partitions', postgresPeriodHarness);
});
