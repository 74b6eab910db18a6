import type { Command } from 'commander';
import { openReadModelDb, sqliteLogOf, startReporting, type Reporting } from '../../projections';
import { stderrProgress } from '../../projections/progress';
import { loadConfig } from '../config';
import { openEventStore } from '../shared/eventStore/open';

async function withReporting<T>(work: (r: Reporting) => Promise<T>): Promise<T> {
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
    );
  } finally {
    await db.close();
    await store.close();
  }
}

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
    .command('rebuild <name>')
    .description('build a new version beside the live one, then switch over once it has caught up')
    .action(async (name: string) => {
      const build = await withReporting((r) => r.runner.rebuild(name, stderrProgress()));
      process.stdout.write(
        `${build.name}: ${build.prefix} is live at position ${build.position}\n`,
      );
    });
}
