import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { checkProof } from '../../contracts/ledger/proof';
import { isLedgerDay } from '../../contracts/ledger/days';
import { ledgerSealer, readChain, verifyLedger, type LedgerVerification } from '../ledger';
import { systemClock } from '../shared/clock';
import { withReporting } from './projections';

const describe = (v: LedgerVerification): string => {
  const d = v.discrepancy;
  const archived = v.archived ? `; ${v.archived} sealed days archived (not recomputed)` : '';
  if (!d)
    return `ledger verified: ${v.days} sealed days, ${v.events} events agree with their seals${archived}`;
  const event = d.event
    ? `; first differing event: position ${d.event.position} (${d.event.change})`
    : '';
  return `ledger DIFFERS on day ${d.day} (${d.check} check): ${d.detail}${event}\n${v.days} earlier days agreed`;
};

export function ledgerCommands(program: Command): void {
  const ledger = program
    .command('ledger')
    .description('daily seals of the log: print, seal, verify, check a receipt proof offline');

  ledger
    .command('seal-root <day>')
    .description("print a sealed day's seal (ISO date, e.g. 2026-03-21), for publishing")
    .action(async (day: string) => {
      if (!isLedgerDay(day)) throw new Error('give the day as an ISO date such as 2026-03-21');
      const seal = await withReporting(async (_r, store) =>
        (await readChain(store)).find((s) => s.day === day),
      );
      if (!seal) {
        process.stderr.write(`${day} is not sealed yet\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`${JSON.stringify(seal, null, 2)}\n`);
    });

  ledger
    .command('seal')
    .description('seal every ended day not sealed yet (what the scheduled sealer does)')
    .option('--grace <minutes>', 'minutes after a day ends before it is sealed', '10')
    .action(async (options: { grace: string }) => {
      const seals = await withReporting((_r, store) =>
        ledgerSealer({
          store,
          now: () => systemClock.now(),
          graceMinutes: Number(options.grace),
        }).runOnce(),
      );
      for (const s of seals)
        process.stdout.write(`${s.day} ${s.jalaliDay} ${s.count} events root ${s.root}\n`);
      if (seals.length === 0) process.stdout.write('nothing to seal\n');
    });

  ledger
    .command('verify')
    .description(
      'recompute every seal from the stored events and check the chain; exits 1 naming the first day and event that differ',
    )
    .option('--from <day>', 'start at this sealed day (ISO date), trusting the chain before it')
    .action(async (options: { from?: string }) => {
      if (options.from !== undefined && !isLedgerDay(options.from))
        throw new Error('give --from as an ISO date such as 2026-03-21');
      const result = await withReporting(async (r, store) => {
        await r.runner.catchUp();
        return verifyLedger({
          store,
          leaves: { db: r.db, prefix: await r.runner.livePrefix('seals') },
          ...(options.from ? { from: options.from } : {}),
        });
      });
      process.stdout.write(`${describe(result)}\n`);
      if (result.discrepancy) process.exitCode = 1;
    });

  ledger
    .command('verify-proof <file>')
    .description(
      'check a receipt proof (JSON from GET /v1/receipts/{code}/proof) against a published root, offline',
    )
    .requiredOption('--root <hex>', "the day's published seal root")
    .action((file: string, options: { root: string }) => {
      const check = checkProof(JSON.parse(readFileSync(file, 'utf8')), options.root);
      if (check.ok) {
        process.stdout.write('proof verified: the payment is in the sealed day\n');
      } else {
        process.stdout.write(`proof REFUSED: ${check.reason}\n`);
        process.exitCode = 1;
      }
    });
}
