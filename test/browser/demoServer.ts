import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedFetch } from '../../contracts/signers/sign';
import { seedDemoWorld, type DemoWorld } from '../../src/cli/demoWorld';
import { repoRoot, startServer, type RunningServer } from '../support/server';

/** An API answer as the browser tests read it: the status and the parsed JSON body. */
export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface DemoServer {
  server: RunningServer;
  world: DemoWorld;
  /** The regulator's bootstrap token the server wrote to its data dir (it may mint credentials). */
  regulator: string;
  /** Calls the API with `token` as the bearer (none when undefined), `body` as JSON when given. */
  api(token: string | undefined, method: string, path: string, body?: unknown): Promise<ApiAnswer>;
  /**
   * Posts the `n`th payment of the demo's service from the Tehran office's terminal, signed;
   * `amount` (whole rials) defaults to the tariff.
   */
  pay(n: number, maskedCard?: string, amount?: string): Promise<Response>;
  /**
   * An online application by `applicant` (a bearer token) for an urban office in Tehran,
   * walked through to an issued license over the API: drafted with every document, submitted,
   * forwarded, three working-group votes, issued as `licenseNumber`. Answers the license id.
   */
  onlineLicense(applicant: string, licenseNumber: string, holderName: string): Promise<string>;
  /**
   * Walks a submitted application through to an issued license over the API: forwarded by the
   * regulator, three working-group votes, issued as `licenseNumber`. Answers the license id and
   * the issue's answer.
   */
  issue(
    applicationId: string,
    licenseNumber: string,
  ): Promise<{ licenseId: string; issued: Record<string, unknown> }>;
  stop(): Promise<void>;
}

/**
 * The world seeded by a server whose clock reads `seededAt`, then that server stopped: the
 * same data dir is served again on the machine's clock, so what was seeded is in the past.
 */
async function seedInThePast(env: Record<string, string>, seededAt: Date) {
  const shift = seededAt.getTime() - Date.now();
  const shifted = await startServer({ ...env, PISHKHAN_TEST_CLOCK_SHIFT_MS: String(shift) }, [
    process.execPath,
    '--import',
    'tsx',
    '--import',
    './test/browser/clockShift.ts',
    'src/main.ts',
  ]);
  const realNow = Date.now.bind(Date);
  // Signed requests carry the signer's clock, which must agree with the server's.
  const signerClock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + shift);
  try {
    const regulator = readFileSync(join(env.DATA_DIR!, 'regulator-token'), 'utf8').trim();
    return await seedDemoWorld(shifted.url, regulator, seededAt);
  } finally {
    signerClock.mockRestore();
    shifted.child.kill('SIGTERM');
    await shifted.exited;
  }
}

/**
 * The real server (src/main.ts) on the SQLite store in a fresh data dir, seeded as `npm run demo`
 * seeds it, with the console built if it is not; `env` adds settings (e.g. the SMS provider's).
 * With `seededAt` (in the past), the world is seeded as of then and served now.
 */
export async function startDemoServer(
  env: Record<string, string> = {},
  { seededAt }: { seededAt?: Date } = {},
): Promise<DemoServer> {
  if (!existsSync(join(repoRoot, 'dist', 'console', 'index.html')))
    execFileSync('npm', ['run', 'console:build', '--silent'], { cwd: repoRoot });
  const dataDir = mkdtempSync(join(tmpdir(), 'pishkhan-browser-'));
  const past = seededAt && (await seedInThePast({ ...env, DATA_DIR: dataDir }, seededAt));
  const server = await startServer({ ...env, DATA_DIR: dataDir });
  const regulator = readFileSync(join(dataDir, 'regulator-token'), 'utf8').trim();
  const world = past ?? (await seedDemoWorld(server.url, regulator, new Date()));
  const api: DemoServer['api'] = async (token, method, path, body) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  /** Calls the API and expects `status`, naming the call when it is not. */
  const must = async (status: number, ...call: Parameters<typeof api>) => {
    const answer = await api(...call);
    expect([call[2], answer.status]).toEqual([call[2], status]);
    return answer.body;
  };
  const voters: string[] = [];
  const issue: DemoServer['issue'] = async (applicationId, licenseNumber) => {
    const forwarded = await must(
      200,
      regulator,
      'POST',
      `/v1/applications/${applicationId}/forward`,
      {},
    );
    const licenseId = forwarded.licenseId as string;
    if (voters.length === 0)
      for (const memberBody of ['areo', 'ict', 'governorate'])
        voters.push(
          (
            await must(201, regulator, 'POST', '/v1/credentials', {
              role: 'working_group',
              scope: { province: 'IR-23', memberBody },
              label: `IR-23 ${memberBody}`,
            })
          ).token as string,
        );
    for (const voter of voters)
      await must(200, voter, 'POST', `/v1/licenses/${licenseId}/votes`, {
        vote: 'approve',
        reason: 'ok',
      });
    const issued = await must(200, regulator, 'POST', `/v1/licenses/${licenseId}/issue`, {
      licenseNumber,
      validityYears: 1,
    });
    return { licenseId, issued };
  };
  return {
    server,
    world,
    regulator,
    api,
    async onlineLicense(applicant, licenseNumber, holderName) {
      const drafted = await must(201, applicant, 'POST', '/v1/applications', {
        holder: { kind: 'legal', legalId: '10380284790', name: holderName },
        province: 'IR-23',
        officeKind: 'urban',
        location: { localityKind: 'city', locality: 'تهران', address: 'خیابان آزادی، پلاک ۱' },
        contact: { phone: '02112345678' },
      });
      const id = drafted.applicationId as string;
      const contentBase64 = Buffer.from('%PDF-1.7\nholder\n%%EOF\n').toString('base64');
      for (const kind of ['identity', 'premises', 'clearance', 'degree', 'articles'])
        await must(200, applicant, 'PUT', `/v1/applications/${id}/documents/${kind}`, {
          contentType: 'application/pdf',
          contentBase64,
        });
      await must(200, applicant, 'POST', `/v1/applications/${id}/submit`, {});
      return (await issue(id, licenseNumber)).licenseId;
    },
    issue,
    pay: (n, maskedCard = '603799******1234', amount = world.payment.amount) =>
      signedFetch(
        world.terminal,
        'POST',
        `${server.url}/v1/payments`,
        JSON.stringify({
          rrn: `${String(Date.now()).slice(-9)}${n}00`,
          stan: `00421${n}`,
          transactionTime: new Date().toISOString(),
          serviceCode: world.payment.serviceCode,
          quantity: 1,
          occurrence: 1,
          amount,
          maskedCard,
        }),
      ),
    async stop() {
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
