import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { TestApp } from '../../support/app';
import { signedPost } from './httpLoad';
import { paymentBody } from './paymentBody';
import { licensedOffice, paymentWorld, services, type Terminal } from '../../support/payments';

/** The bootstrap regulator's header, from the token the service wrote on its first start. */
export function regulatorOf(dataDir: string): string {
  return `Bearer ${readFileSync(join(dataDir, 'regulator-token'), 'utf8').trim()}`;
}

/**
 * The API tests' fixture over a running service's HTTP API: supertest takes a base URL as well
 * as an app, and credentials are issued by the bootstrap regulator through `POST /v1/credentials`.
 */
function remoteApp(baseUrl: string, regulator: string): TestApp {
  const fixture = {
    app: baseUrl,
    async tokenFor(role: string, scope = {}) {
      const res = await request(baseUrl)
        .post('/v1/credentials')
        .set('Authorization', regulator)
        .send({ role, scope, label: `bench ${role}`, expiresInDays: 30 })
        .expect(201);
      const body = res.body as { credentialId: string; token: string; signingSecret?: string };
      return { ...body, authorization: `Bearer ${body.token}` };
    },
  };
  // paymentWorld and licensedOffice only use `app` and `tokenFor` of a TestApp.
  return fixture as unknown as TestApp;
}

/** One payment through the terminal's signed API, so the log holds one the service itself wrote. */
async function recordOne(baseUrl: string, terminal: Terminal, rrn: string): Promise<void> {
  const path = '/v1/payments';
  const body = JSON.stringify(paymentBody(rrn, rrn.slice(-6)));
  const { method, headers } = signedPost(terminal, path, body);
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
  if (res.status !== 201)
    throw new Error(`payment on ${terminal.terminalId}: ${res.status} ${await res.text()}`);
}

/**
 * The reference facts a payment log stands on, written through the running service's API:
 * the payment tests' world (agency, services, catalogue, tariffs, licenses, offices) plus
 * offices up to `offices`, each with a terminal that records one real payment. Those payments
 * are the templates the generated log copies. Answers the payments' terminals.
 */
export async function scaleWorld(
  baseUrl: string,
  dataDir: string,
  offices: number,
): Promise<Terminal[]> {
  const t = remoteApp(baseUrl, regulatorOf(dataDir));
  const world = await paymentWorld(t);
  const terminals = [world.good];
  for (let i = 1; i < offices; i++) {
    const n = String(i).padStart(3, '0');
    const office = await licensedOffice(t, world.a, `OF-B${n}`, `TB000${n}`, `000000000100${n}`, [
      services.good,
    ]);
    terminals.push(office.terminal);
  }
  for (const [i, terminal] of terminals.entries())
    await recordOne(baseUrl, terminal, String(900000000000 + i));
  return terminals;
}
