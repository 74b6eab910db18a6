import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { repoRoot } from '../support/server';

jest.setTimeout(120_000);

const run = promisify(execFile);

/** What `npm run demo` runs, started the same way (node with tsx) on a free port. */
function startDemo(dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'demo'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const printed = new Promise<string[]>((done, failed) => {
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (line.startsWith('Ctrl-C stops the service')) done(lines);
    });
    void exited.then((code) => failed(new Error(`the demo exited with ${code}: ${stderr}`)));
  });
  return { child, exited, printed, stderr: () => stderr };
}

const field = (lines: string[], label: string) => {
  const line = lines.find((l) => l.trimStart().startsWith(`${label}:`));
  if (!line) throw new Error(`the demo printed no "${label}"`);
  return line
    .slice(line.indexOf(':') + 1)
    .trim()
    .split(/\s+/)[0]!;
};

describe('npm run demo', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pishkhan-demo-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is the demo subcommand of the CLI', () => {
    const scripts = (
      JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.demo).toBe('tsx src/cli/main.ts demo');
  });

  it('seeds a fresh data dir and prints credentials and a signed curl that records a payment', async () => {
    const demo = startDemo(dataDir);
    const lines = await demo.printed;
    const url = /listening on (http:\/\/\S+)/.exec(lines.join('\n'))?.[1];
    expect(url).toBeDefined();
    const regulator = field(lines, 'regulator token');
    const agency = field(lines, 'agency token');
    const terminalId = field(lines, 'terminal');

    const start = lines.findIndex((l) => l.startsWith('Post a payment as terminal'));
    const end = lines.findIndex((l) => l.startsWith('Then:'));
    const script = lines
      .slice(start + 1, end)
      .join('\n')
      .trim();
    expect(script).toMatch(/^TOKEN='pk_/);
    expect(script).toContain('openssl dgst -sha256 -hmac');
    const file = join(dataDir, '..', `${dataDir.split('/').pop()}-curl.sh`);
    writeFileSync(file, script);
    try {
      const { stdout } = await run('bash', [file]);
      const answer = JSON.parse(stdout) as { paymentId: string; status: string; amount: string };
      expect([answer.status, stdout]).toEqual(['recorded', stdout]);

      const read = (token: string, path: string) =>
        fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const stored = await read(regulator, `/v1/payments/${answer.paymentId}`);
      expect(stored.status).toBe(200);
      expect(await stored.json()).toMatchObject({
        paymentId: answer.paymentId,
        terminalId,
        officeId: 'OF-23-0001',
        serviceCode: 'vehicle-transfer',
        amount: answer.amount,
        status: 'recorded',
        violations: [],
      });
      const forAgency = await read(agency, `/v1/payments/${answer.paymentId}`);
      expect(forAgency.status).toBe(200);

      const again = JSON.parse((await run('bash', [file])).stdout) as typeof answer;
      expect(again.status).toBe('recorded');
      expect(again.paymentId).not.toBe(answer.paymentId);
    } finally {
      rmSync(file, { force: true });
      demo.child.kill('SIGTERM');
    }
    expect(await demo.exited).toBe(0);
  });

  it('refuses a data directory that is not empty, and starts nothing', async () => {
    writeFileSync(join(dataDir, 'events.sqlite'), '');
    const demo = startDemo(dataDir);
    await expect(demo.printed).rejects.toThrow(/not empty/);
    expect(await demo.exited).toBe(1);
  });
});
