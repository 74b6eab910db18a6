import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config';
import { IllegalStateError } from '../shared/errors';
import {
  archiveMonth,
  listPartitions,
  restoreArchive,
  verifyArchive,
  type LogDatabase,
} from '../shared/eventStore/archive/archive';
import { parseLogMonth } from '../shared/eventStore/logMonths';
import { systemClock } from '../shared/clock';

function logDatabase(config: Config): LogDatabase {
  if (config.EVENT_STORE !== 'postgres' || !config.DATABASE_URL)
    throw new IllegalStateError(
      'log partitions and archives exist only with EVENT_STORE=postgres (DATABASE_LAYOUT=monthly)',
    );
  return { connectionString: config.DATABASE_URL, schema: config.DATABASE_SCHEMA };
}

/** `pishkhan log …`: the monthly partitions of the PostgreSQL log, archived and restored (docs/log-archive.md). */
export function logCommands(program: Command): void {
  const log = program
    .command('log')
    .description(
      'monthly partitions of the PostgreSQL log: list, archive, verify an archive, restore',
    );

  log
    .command('partitions')
    .description('list the log months: attached partitions and archived months')
    .action(async () => {
      for (const p of await listPartitions(logDatabase(loadConfig()))) {
        const a = p.archive;
        process.stdout.write(
          `${p.month.id} ${p.state}${a ? ` positions ${a.first}..${a.last} (${a.count} events) ${a.file}${a.dropped ? ' table dropped' : ''}` : ''}\n`,
        );
      }
    });

  log
    .command('archive')
    .description('export a closed log month to a checked archive file, then detach its partition')
    .requiredOption('--month <month>', 'the Jalali month, e.g. 1405-08 (Persian digits accepted)')
    .option('--out <dir>', 'folder for the archive file (default: DATA_DIR/archive)')
    .option('--drop', 'drop the detached table instead of keeping it for a fast restore')
    .action(async (options: { month: string; out?: string; drop?: boolean }) => {
      const config = loadConfig();
      const result = await archiveMonth(logDatabase(config), {
        month: parseLogMonth(options.month),
        dir: options.out ?? join(config.dataDir, 'archive'),
        now: systemClock.now(),
        minAgeDays: config.LOG_ARCHIVE_MIN_AGE_DAYS,
        drop: options.drop === true,
      });
      process.stdout.write(
        `archived ${options.month}: ${result.count} events, positions ${result.first}..${result.last}, sha256 ${result.sha256}\n` +
          `file ${result.file}; partition ${result.dropped ? 'dropped' : 'detached and kept'}\n`,
      );
    });

  log
    .command('verify-archive <file>')
    .description(
      'read an archive file through and check its count, range and SHA-256; exits 1 if not',
    )
    .action(async (file: string) => {
      try {
        const { header, footer } = await verifyArchive(file);
        process.stdout.write(
          `archive verified: ${header.month}, ${footer.count} events, positions ${footer.first}..${footer.last}, sha256 ${footer.sha256}\n`,
        );
      } catch (error) {
        process.stdout.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      }
    });

  log
    .command('restore <file>')
    .description(
      're-attach an archived month: its kept table, or else the checked file loaded again',
    )
    .action(async (file: string) => {
      const r = await restoreArchive(logDatabase(loadConfig()), file);
      process.stdout.write(`restored ${r.month}: ${r.count} events from the ${r.from}\n`);
    });
}
