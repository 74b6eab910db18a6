#!/usr/bin/env node
import { Command } from 'commander';
import { ConfigError } from '../config';
import { ValidationError } from '../shared/errors';
import { demoCommand } from './demo';
import { ledgerCommands } from './ledger';
import { logCommands } from './log';
import { projectionCommands } from './projections';
import { tokenCommands } from './token';

/** The `pishkhan` command; it reads the same environment as the server (EVENT_STORE, DATA_DIR, …). */
const program = new Command('pishkhan').description('Pishkhan Ledger operations');
tokenCommands(program);
projectionCommands(program);
ledgerCommands(program);
demoCommand(program);
logCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ValidationError) {
    process.stderr.write(
      `${error.message}\n${error.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}\n`,
    );
  } else if (error instanceof ConfigError || error instanceof Error) {
    process.stderr.write(`${error.message}\n`);
  }
  process.exit(1);
});
