import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { seedDemoWorld, type DemoWorld } from './demoWorld';

/**
 * A ready-to-paste shell command that posts one payment as the terminal's gateway: it signs at
 * paste time with openssl (a signature is valid for 5 minutes and used once), and takes the RRN
 * from the clock and `$RANDOM`, so each paste is a new payment.
 */
export function signedCurl(url: string, world: DemoWorld): string {
  const { terminal, payment } = world;
  const body =
    `{"rrn":"%06d%06d","stan":"%06d","transactionTime":"%s","serviceCode":"${payment.serviceCode}",` +
    `"quantity":1,"occurrence":1,"amount":"${payment.amount}","maskedCard":"603799******1234"}`;
  return [
    `TOKEN='${terminal.token}' SECRET='${terminal.secret}'`,
    `TS=$(date +%s)`,
    `BODY=$(printf '${body}' $((TS % 1000000)) $RANDOM $((TS % 1000000)) "$(date -u +%Y-%m-%dT%H:%M:%SZ)")`,
    `SIG=$(printf '%s\\nPOST\\n/v1/payments\\n%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | awk '{print $NF}')`,
    `curl -sS -X POST ${url}/v1/payments -H "Authorization: Bearer $TOKEN" -H "X-Pishkhan-Timestamp: $TS" -H "X-Pishkhan-Signature: $SIG" -H 'Content-Type: application/json' --data-binary "$BODY"`,
  ].join('\n');
}

function banner(url: string, dataDir: string, w: DemoWorld): string {
  return [
    '',
    `Pishkhan Ledger demo is listening on ${url} (store: sqlite, data: ${dataDir})`,
    `  API docs: ${url}/docs`,
    `  Seeded: 3 agencies, 5 services, the national catalogue ${w.period}, approved tariffs,`,
    `  licensed offices in Tehran, Isfahan and Razavi Khorasan, their terminals, and the PSP ${w.psp.pspId}.`,
    '',
    'Credentials (demo only: each is shown here once):',
    `  regulator token:   ${w.tokens.regulator}`,
    `  areo token:        ${w.tokens.areo}`,
    `  commission token:  ${w.tokens.commission}`,
    `  agency token:      ${w.tokens.agency}   (agency traffic)`,
    `  office token:      ${w.tokens.office}   (office ${w.terminal.officeId})`,
    `  terminal:          ${w.terminal.terminalId} (office ${w.terminal.officeId})`,
    `  terminal token:    ${w.terminal.token}`,
    `  terminal secret:   ${w.terminal.secret}`,
    `  psp:               ${w.psp.pspId}, terminal ${w.psp.terminalId} (office ${w.psp.officeId})`,
    `  psp token:         ${w.psp.token}`,
    `  psp key:           ${w.psp.secret}`,
    '',
    `Post a payment as terminal ${w.terminal.terminalId} (${w.payment.serviceCode}, ${w.payment.amount} rials), signed:`,
    '',
    signedCurl(url, w),
    '',
    `Then: curl -H "Authorization: Bearer ${w.tokens.regulator}" ${url}/v1/payments`,
    'Signers in TypeScript, Python, Java and bash: contracts/signers/ (docs/integrators.md#signers).',
    'Ctrl-C stops the service; the data directory stays.',
    '',
  ].join('\n');
}

/** The service's entry point beside this file: `src/main.ts` under tsx, `dist/src/main.js` when built. */
function serviceCommand(): string[] {
  const main = resolve(__dirname, '..', `main${extname(__filename)}`);
  return [process.execPath, ...process.execArgv, main];
}

async function runDemo(): Promise<void> {
  const dataDir = process.env.DATA_DIR
    ? resolve(process.env.DATA_DIR)
    : mkdtempSync(join(tmpdir(), 'pishkhan-demo-'));
  mkdirSync(dataDir, { recursive: true });
  if (readdirSync(dataDir).length > 0)
    throw new Error(`The demo seeds a fresh data directory; ${dataDir} is not empty`);

  const [command, ...args] = serviceCommand();
  const child = spawn(command!, args, {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      EVENT_STORE: 'sqlite',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number>((done) => child.on('exit', (code) => done(code ?? 1)));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));

  const url = await new Promise<string>((listening, failed) => {
    const lines = createInterface({ input: child.stdout });
    let found = '';
    lines.on('line', (line) => {
      found ||= /listening on (http:\/\/\S+)/.exec(line)?.[1] ?? '';
      if (found && line.includes('Try:')) {
        lines.removeAllListeners('line');
        lines.on('line', (rest) => process.stdout.write(`${rest}\n`));
        listening(found);
      }
    });
    void exited.then((code) => failed(new Error(`the service exited with ${code}`)));
  });
  const tokenFile = join(dataDir, 'regulator-token');
  if (!existsSync(tokenFile)) throw new Error(`no regulator token in ${dataDir}`);
  try {
    const world = await seedDemoWorld(url, readFileSync(tokenFile, 'utf8').trim(), new Date());
    await nextWholeSecond();
    process.stdout.write(banner(url, dataDir, world) + '\n');
  } catch (error) {
    child.kill('SIGTERM');
    await exited;
    throw error;
  }
  process.exitCode = await exited;
}

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'start the service on a fresh data directory (DATA_DIR, or a new temporary one) seeded with a small country, and print credentials and a signed curl',
    )
    .action(runDemo);
}

/**
 * The printed curl writes its transaction time to the second, and a terminal is active from the
 * instant it was registered: a paste within the second of the seeding would name a time just
 * before its terminal existed (403). The banner waits for the next whole second.
 */
const nextWholeSecond = () =>
  new Promise<void>((resolve) => setTimeout(resolve, 1001 - (Date.now() % 1000)));
