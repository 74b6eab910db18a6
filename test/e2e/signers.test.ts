import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { signedFetch, signedHeaders } from '../../contracts/signers/sign';
import { seedDemoWorld, type DemoSigner, type DemoWorld } from '../../src/cli/demoWorld';
import { repoRoot, startServer, type RunningServer } from '../support/server';

jest.setTimeout(120_000);

const run = promisify(execFile);
const signers = join(repoRoot, 'contracts', 'signers');

interface Answer {
  status: number;
  body: string;
}

/** One reference signer, driven the way an integrator would run it. */
interface Signer {
  name: string;
  /** Why it cannot run here, or undefined. */
  missing(): string | undefined;
  prepare?(dir: string): Promise<void>;
  send(who: DemoSigner, method: string, url: string, body?: string): Promise<Answer>;
  /** The timestamp and signature headers for these bytes, as the signer prints them. */
  headers(who: DemoSigner, method: string, path: string, body: string): Promise<Headers>;
}

const absent = (command: string, args: string[]) => {
  const probe = spawnSync(command, args, { stdio: 'ignore' });
  return probe.error || probe.status !== 0 ? `${command} is not installed` : undefined;
};

/** Runs a signer's command line: `send` prints the status, then the body. */
function commandLine(command: string, prefix: () => string[]): Pick<Signer, 'send' | 'headers'> {
  const env = (who: DemoSigner) => ({
    ...process.env,
    PISHKHAN_TOKEN: who.token,
    PISHKHAN_SECRET: who.secret,
  });
  const exec = async (who: DemoSigner, args: string[]) => {
    try {
      return (await run(command, [...prefix(), ...args], { env: env(who) })).stdout;
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      if (failed.code === 1 && failed.stdout) return failed.stdout;
      throw error;
    }
  };
  return {
    async send(who, method, url, body) {
      const out = await exec(who, ['send', method, url, ...(body === undefined ? [] : [body])]);
      const [status, ...rest] = out.split('\n');
      return { status: Number(status), body: rest.join('\n') };
    },
    async headers(who, method, path, body) {
      const out = await exec(who, ['headers', method, path, body]);
      const headers = new Headers();
      for (const line of out.trim().split('\n')) {
        const [name, value] = line.split(': ');
        headers.set(name!, value!);
      }
      return headers;
    },
  };
}

let javaClasses = '';
const all: Signer[] = [
  {
    name: 'TypeScript (sign.ts)',
    missing: () => undefined,
    async send(who, method, url, body) {
      const res = await signedFetch(who, method, url, body);
      return { status: res.status, body: await res.text() };
    },
    async headers(who, method, path, body) {
      const signed = signedHeaders(who, method, path, body);
      return new Headers({
        'x-pishkhan-timestamp': signed['x-pishkhan-timestamp']!,
        'x-pishkhan-signature': signed['x-pishkhan-signature']!,
      });
    },
  },
  {
    name: 'Python (sign.py)',
    missing: () => absent('python3', ['--version']),
    ...commandLine('python3', () => [join(signers, 'sign.py')]),
  },
  {
    name: 'Java (Sign.java)',
    missing: () => absent('javac', ['-version']) ?? absent('java', ['-version']),
    async prepare(dir) {
      javaClasses = join(dir, 'java');
      await run('javac', ['-d', javaClasses, join(signers, 'Sign.java')]);
    },
    ...commandLine('java', () => ['-cp', javaClasses, 'Sign']),
  },
  {
    name: 'bash + curl + openssl (sign.sh)',
    missing: () =>
      absent('bash', ['--version']) ??
      absent('curl', ['--version']) ??
      absent('openssl', ['version']),
    ...commandLine('bash', () => [join(signers, 'sign.sh')]),
  },
];

let server: RunningServer;
let dataDir: string;
let world: DemoWorld;
let rrn = 0;

/** A payment priced exactly at the tariff, a new RRN each time; a PSP names its terminal. */
function paymentBody(who: DemoSigner, asPsp: boolean): string {
  rrn += 1;
  return JSON.stringify({
    ...(asPsp ? { terminalId: who.terminalId } : {}),
    rrn: String(rrn).padStart(12, '0'),
    stan: String(rrn).padStart(6, '0'),
    transactionTime: new Date().toISOString(),
    serviceCode: world.payment.serviceCode,
    quantity: 1,
    occurrence: 1,
    amount: world.payment.amount,
    maskedCard: '603799******4321',
  });
}

async function regulatorGet(path: string) {
  const res = await fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${world.tokens.regulator}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pishkhan-signers-'));
  server = await startServer({ DATA_DIR: dataDir });
  const token = readFileSync(join(dataDir, 'regulator-token'), 'utf8').trim();
  world = await seedDemoWorld(server.url, token, new Date());
});

afterAll(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
  rmSync(dataDir, { recursive: true, force: true });
});

describe.each(all)('the reference signer in $name', (signer) => {
  const missing = signer.missing();
  if (missing && process.env.CI !== 'true') {
    it.skip(`skipped: ${missing}, so this signer cannot run here`, () => undefined);
    return;
  }

  beforeAll(async () => {
    expect(missing).toBeUndefined();
    await signer.prepare?.(dataDir);
  });

  for (const [as, asPsp] of [
    ['a terminal gateway', false],
    ['a PSP naming its terminal', true],
  ] as const) {
    it(`posts a payment as ${as} through the real server (201), then reads it back signed`, async () => {
      const who = asPsp ? world.psp : world.terminal;
      const posted = await signer.send(
        who,
        'POST',
        `${server.url}/v1/payments`,
        paymentBody(who, asPsp),
      );
      expect(posted.status).toBe(201);
      const result = JSON.parse(posted.body) as { paymentId: string; status: string };
      expect(result.status).toBe('recorded');

      const read = await signer.send(who, 'GET', `${server.url}/v1/payments/${result.paymentId}`);
      expect(read.status).toBe(200);
      expect(JSON.parse(read.body)).toMatchObject({
        paymentId: result.paymentId,
        terminalId: who.terminalId,
        amount: world.payment.amount,
      });
      expect((await regulatorGet(`/v1/payments/${result.paymentId}`)).status).toBe(200);
    });
  }

  it('signs a query string as part of the path', async () => {
    const who = world.terminal;
    // One limit per signer: the signers share a terminal and sign with whole-second timestamps,
    // so the same GET from the next signer within the second would be a replay (401).
    const limit = all.indexOf(signer) + 1;
    const listed = await signer.send(who, 'GET', `${server.url}/v1/payments?limit=${limit}`);
    expect(listed.status).toBe(200);
    const items = (JSON.parse(listed.body) as { items: unknown[] }).items;
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items.length).toBeLessThanOrEqual(limit);
  });

  it('a body changed after signing is refused 401 and records nothing; the untouched body then passes', async () => {
    const who = world.terminal;
    const body = paymentBody(who, false);
    const signed = await signer.headers(who, 'POST', '/v1/payments', body);
    const tampered = body.replace(`"amount":"${world.payment.amount}"`, '"amount":"1"');
    expect(tampered).not.toBe(body);
    const post = (raw: string) =>
      fetch(`${server.url}/v1/payments`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${who.token}`,
          'content-type': 'application/json',
          'x-pishkhan-timestamp': signed.get('x-pishkhan-timestamp')!,
          'x-pishkhan-signature': signed.get('x-pishkhan-signature')!,
        },
        body: raw,
      });
    const refused = await post(tampered);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { detail: string }).detail).toBe('Bad signature');

    // The same RRN with other details would be 422 had the tampered body been recorded.
    const genuine = await post(body);
    expect(genuine.status).toBe(201);
    const paymentId = ((await genuine.json()) as { paymentId: string }).paymentId;
    const stored = await regulatorGet(`/v1/payments/${paymentId}`);
    expect(stored.body.amount).toBe(world.payment.amount);
  });

  it('with the wrong secret the server answers 401', async () => {
    const who = { ...world.terminal, secret: `${world.terminal.secret}x` };
    const refused = await signer.send(
      who,
      'POST',
      `${server.url}/v1/payments`,
      paymentBody(who, false),
    );
    expect(refused.status).toBe(401);
  });
});

describe('the curl + openssl example in docs/integrators.md', () => {
  it('posts a payment through the real server as it is written (201, recorded)', async () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'integrators.md'), 'utf8');
    const block =
      /<!-- test\/e2e\/signers\.test\.ts runs this block[^>]*-->\n```sh\n([\s\S]*?)```/.exec(
        doc,
      )?.[1];
    expect(block).toContain('openssl dgst -sha256 -hmac');
    expect(block).toContain(`"amount":"${world.payment.amount}"`);
    const { stdout } = await run('bash', ['-c', block!], {
      env: {
        ...process.env,
        PISHKHAN_URL: server.url,
        PISHKHAN_TOKEN: world.terminal.token,
        PISHKHAN_SECRET: world.terminal.secret,
      },
    });
    const answer = JSON.parse(stdout) as { paymentId: string; status: string };
    expect(answer.status).toBe('recorded');
    expect((await regulatorGet(`/v1/payments/${answer.paymentId}`)).body).toMatchObject({
      rrn: '000000004711',
      terminalId: world.terminal.terminalId,
    });
  });
});
