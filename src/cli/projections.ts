import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { Client } from 'pg';
import {
  allProjections,
  cutoffMinutes,
  openReadModelDb,
  postgresReadModelDb,
  sqliteLogOf,
  sqliteReadModelDb,
  startReporting,
  type ReadModelDb,
  type Reporting,
} from '../../projections';
import { rebuildCompliancePeriod } from '../../projections/compliance/period';
import { complianceProjection } from '../../projections/compliance/projection';
import { stderrProgress } from '../../projections/progress';
import { rebuildSettlementPeriod } from '../../projections/settlement/period';
import { settlementProjection } from '../../projections/settlement/projection';
import { verifyProjection, type Verification } from '../../projections/verify';
import { loadConfig, type Config } from '../config';
import type { EventStore } from '../shared/eventStore';
import { parseLogMonth, type LogMonth } from '../shared/eventStore/logMonths';
import { openEventStore } from '../shared/eventStore/open';

export async function withReporting<T>(
  work: (r: Reporting, store: EventStore, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const store = await openEventStore(config);
  const db = openReadModelDb(config);
  try {
    return await work(
      startReporting({
        store,
        db,
        cutoff: config.SETTLEMENT_CUTOFF,
        sqliteLog: sqliteLogOf(config),
      }),
      store,
      config,
    );
  } finally {
    await db.close();
    await store.close();
  }
}

/**
 * A throw-away read-model database of the live one's kind, for a rebuild to compare with:
 * a temporary SQLite file, or a temporary schema in the same PostgreSQL database.
 */
async function withScratch<T>(config: Config, work: (db: ReadModelDb) => Promise<T>): Promise<T> {
  if (config.EVENT_STORE !== 'postgres') {
    const dir = mkdtempSync(join(tmpdir(), 'pishkhan-verify-'));
    const db = sqliteReadModelDb(join(dir, 'scratch.sqlite'));
    try {
      return await work(db);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const schema = `pishkhan_verify_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: config.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const db = postgresReadModelDb({ connectionString: config.DATABASE_URL!, schema });
  try {
    return await work(db);
  } finally {
    await db.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

const describeVerification = (v: Verification) =>
  v.difference
    ? [
        `${v.name}: ${v.prefix} DIFFERS from a rebuild at position ${v.position}; first differing row of table ${v.difference.table}:`,
        `  live:    ${v.difference.live ?? '(none)'}`,
        `  rebuilt: ${v.difference.rebuilt ?? '(none)'}`,
      ].join('\n')
    : `${v.name}: ${v.prefix} equals a rebuild at position ${v.position} (${v.rows} rows)`;

/**
 * The projections one Jalali month of which can be rebuilt in place (بازسازی یک ماه), each
 * answering its one-line summary given the time taken.
 */
const periodRebuilds = new Map<
  string,
  (store: EventStore, r: Reporting, month: LogMonth) => Promise<(ms: number) => string>
>([
  [
    'settlement',
    async (store, reporting, month) => {
      const r = await rebuildSettlementPeriod({
        store,
        db: reporting.db,
        projection: settlementProjection({ cutoffMinutes: reporting.cutoffMinutes }),
        month,
        cutoffMinutes: reporting.cutoffMinutes,
      });
      return (ms) =>
        `settlement: ${r.prefix} period ${r.period} rebuilt from positions ${r.from}..${r.upTo} (${r.events} events read): ${r.written.lines} lines and ${r.written.batches} batches replace ${r.replaced.lines} and ${r.replaced.batches} in ${ms} ms`;
    },
  ],
  [
    'compliance',
    async (store, reporting, month) => {
      const r = await rebuildCompliancePeriod({
        store,
        db: reporting.db,
        projection: complianceProjection(),
        month,
      });
      return (ms) =>
        `compliance: ${r.prefix} period ${r.period} rebuilt from positions ${r.from}..${r.upTo} (${r.events} events read): ${r.written.flagged} flagged, ${r.written.violations} violations and ${r.written.returns} returns replace ${r.replaced.flagged}, ${r.replaced.violations} and ${r.replaced.returns} in ${ms} ms`;
    },
  ],
]);

export function projectionCommands(program: Command): void {
  const projections = program
    .command('projections')
    .description('SQL read models behind the reports: status, rebuild');

  projections
    .command('status')
    .description("each projection build's checkpoint, the log head and the lag between them")
    .action(async () => {
      const rows = await withReporting((r) => r.runner.status());
      const lines = rows.map(
        (s) =>
          `${s.name.padEnd(12)} ${s.prefix.padEnd(16)} ${s.state.padEnd(8)} v${s.codeVersion}  position ${s.position}  head ${s.head}  lag ${s.lag}`,
      );
      process.stdout.write(`${lines.join('\n') || 'no projections yet'}\n`);
    });

  projections
    .command('verify [name]')
    .option('--all', 'every projection')
    .description(
      "compare a projection's live build with a rebuild from the log at the same position; exits 1 on a difference",
    )
    .action(async (name: string | undefined, options: { all?: boolean }) => {
      const failed = await withReporting(async (r, store, config) => {
        const known = allProjections({ cutoffMinutes: cutoffMinutes(config.SETTLEMENT_CUTOFF) });
        const chosen = options.all ? known : known.filter((p) => p.name === name);
        if (chosen.length === 0)
          throw new Error(
            `name a projection or give --all; known: ${known.map((p) => p.name).join(', ')}`,
          );
        await r.runner.start();
        let differing = 0;
        for (const projection of chosen) {
          const v = await withScratch(config, (scratch) =>
            verifyProjection({ store, db: r.db, scratch, projection }),
          );
          if (v.difference) differing += 1;
          process.stdout.write(`${describeVerification(v)}\n`);
        }
        return differing;
      });
      if (failed > 0) process.exitCode = 1;
    });

  projections
    .command('rebuild <name>')
    .option(
      '--period <month>',
      "only this Jalali month's rows, e.g. 1405-08 (Persian digits accepted; settlement and compliance only)",
    )
    .description(
      'build a new version beside the live one, then switch over once it has caught up; with --period, replace one month of the live build in place',
    )
    .action(async (name: string, options: { period?: string }) => {
      if (options.period !== undefined) {
        const month = parseLogMonth(options.period);
        const rebuild = periodRebuilds.get(name);
        if (!rebuild)
          throw new Error(
            `--period rebuilds ${[...periodRebuilds.keys()].join(' and ')} only (keyed by business day), not ${name}`,
          );
        const summary = await withReporting(async (reporting, store) => {
          await reporting.runner.start();
          const began = Date.now();
          const done = await rebuild(store, reporting, month);
          return done(Date.now() - began);
        });
        process.stdout.write(`${summary}\n`);
        return;
      }
      const build = await withReporting((r) => r.runner.rebuild(name, stderrProgress()));
      process.stdout.write(
        `${build.name}: ${build.prefix} is live at position ${build.position}\n`,
      );
    });
}
