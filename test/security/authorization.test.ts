import { allRoutes } from '../../contracts';
import { permissions, roles, type Role } from '../../src/shared/http/policy';
import {
  authorizationMatrix,
  expectationFor,
  matrixKey,
} from '../../src/shared/http/policy.matrix';
import type { TestApp } from '../support/app';
import { send, startTwoTenantApp, type Tenant, type World } from '../support/tenants';
import { matrixWebhooks, pspUpload, requests, type RouteRequest } from './requests';

type Outcome = 'allowed' | 'unauthenticated' | 'forbidden' | 'hidden' | 'limited' | 'error';
const outcomeOf = (status: number): Outcome =>
  status >= 500
    ? 'error'
    : status === 401
      ? 'unauthenticated'
      : status === 403
        ? 'forbidden'
        : status === 404
          ? 'hidden'
          : status === 429
            ? 'limited'
            : 'allowed';

const url = (r: RouteRequest) =>
  r.query ? `${r.path}?${new URLSearchParams(r.query).toString()}` : r.path;

/** What of tenant B a caller of tenant A must never see, by the dimension its role is scoped on. */
function markersOfOther(role: Role, other: Tenant): string[] {
  switch (role) {
    case 'provincial_mpo':
    case 'working_group':
      return [
        other.license,
        other.spareLicense,
        other.application,
        other.officeId,
        other.onlineApplication,
        other.spareOnlineApplication,
      ];
    case 'applicant':
      return [
        other.onlineApplication,
        other.spareOnlineApplication,
        other.license,
        other.heldLicense,
        other.holderRequest,
        other.transferRequest,
      ];
    case 'agency':
      return [
        other.agencyId,
        other.serviceCode,
        other.officeId,
        other.terminalId,
        other.paymentId,
        other.complaintId,
        other.serviceComplaintId,
      ];
    case 'office':
    case 'gateway':
      return [other.officeId, other.terminalId, other.paymentId, other.complaintId, other.license];
    case 'psp':
      return [other.pspId, other.officeId, other.terminalId, other.paymentId];
    default:
      return [];
  }
}

describe('authorization matrix: every route × every role × own and other tenant', () => {
  let t: TestApp;
  let w: World;
  let requestsSent = 0;
  let cells = 0;

  beforeAll(async () => {
    ({ t, w } = await startTwoTenantApp(1000));
    await send(t, 'POST', '/v1/settlement/batches', w.A.auth.regulator, {
      day: '1405/09/07',
    }).expect(201);
    for (const x of [w.A, w.B])
      await send(t, 'POST', '/v1/psp-settlements', w.A.auth.regulator, pspUpload(x)).expect(201);
    for (const { as, body } of matrixWebhooks(w))
      await send(t, 'POST', '/v1/webhooks', as, body).expect(201);
  }, 60_000);

  afterAll(async () => {
    console.log(
      `authorization matrix: ${allRoutes.length} routes × ${roles.length} roles × 2 tenants = ${cells} cells (+ ${allRoutes.length} anonymous), ${requestsSent} requests`,
    );
    await t.close();
  });

  it('every route of allRoutes has a row in the matrix and a request here; no row names a route that is gone', () => {
    const keys = allRoutes.map(matrixKey);
    expect(keys.filter((k) => authorizationMatrix[k] === undefined)).toEqual([]);
    expect(keys.filter((k) => requests[k] === undefined)).toEqual([]);
    expect(Object.keys(authorizationMatrix).filter((k) => !keys.includes(k))).toEqual([]);
    expect(Object.keys(requests).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('the matrix grants exactly what the permissions table grants, and public rows are the public routes', () => {
    for (const route of allRoutes) {
      const row = authorizationMatrix[matrixKey(route)];
      const action = route.action;
      if (action === 'public') {
        expect([matrixKey(route), row]).toEqual([matrixKey(route), 'public']);
        continue;
      }
      const granted = roles.filter((r) => expectationFor(route, r) !== 'deny');
      expect([matrixKey(route), granted]).toEqual([
        matrixKey(route),
        roles.filter((r) => (permissions[action] as readonly Role[]).includes(r)),
      ]);
    }
  });

  for (const route of allRoutes) {
    const key = matrixKey(route);
    it(`${key}`, async () => {
      const build = requests[key];
      if (!build) throw new Error(`no request for ${key}`);
      const failures: string[] = [];
      const call = async (
        as: { authorization?: string; secret?: string } | undefined,
        target: Tenant,
      ) => {
        const r = build(w, target, t);
        requestsSent += 1;
        const head = await t.store.headPosition();
        const res = await send(t, route.method, url(r), as, r.body);
        if ([401, 403, 404].includes(res.status) && (await t.store.headPosition()) !== head)
          failures.push(`${res.status} but the log moved`);
        if (
          res.status >= 400 &&
          !String(res.headers['content-type']).startsWith('application/problem+json')
        ) {
          failures.push(`${res.status} without problem+json`);
        }
        return {
          outcome: outcomeOf(res.status),
          status: res.status,
          text: res.text ?? (Buffer.isBuffer(res.body) ? res.body.toString('latin1') : ''),
          code: (res.body as { code?: string; detail?: string })?.detail,
        };
      };

      const anonymous = await call(undefined, w.A);
      const expectAnonymous: Outcome =
        authorizationMatrix[key] === 'public' ? 'allowed' : 'unauthenticated';
      if (anonymous.outcome !== expectAnonymous)
        failures.push(
          `anonymous: expected ${expectAnonymous}, got ${anonymous.status} ${anonymous.code ?? ''}`,
        );

      for (const role of roles) {
        const expectation = expectationFor(route, role);
        const as = w.A.auth[role];
        cells += 2;
        const own = await call(as, w.A);
        const other = await call(as, w.B);
        const markers = markersOfOther(role, w.B);
        const leaks = (text: string) => markers.filter((m) => text.includes(m));
        const want = (which: string, got: typeof own, ok: Outcome[]) => {
          if (!ok.includes(got.outcome))
            failures.push(
              `${role} ${which}: expected ${ok.join('|')}, got ${got.status} ${got.code ?? ''}`,
            );
        };
        switch (expectation) {
          case 'public':
          case 'any':
            want('own', own, ['allowed']);
            want('other', other, ['allowed']);
            break;
          case 'deny':
            want('own', own, ['forbidden']);
            want('other', other, ['forbidden']);
            break;
          case 'own':
            want('own', own, ['allowed']);
            want('other', other, ['hidden']);
            if (leaks(own.text).length)
              failures.push(`${role} own: shows ${leaks(own.text).join(', ')}`);
            break;
          case 'ownCreate':
            want('own', own, ['allowed']);
            want('other', other, ['forbidden', 'hidden']);
            break;
          case 'filtered':
            want('own', own, ['allowed']);
            want('other', other, ['allowed', 'hidden']);
            for (const [which, got] of [
              ['own', own],
              ['other', other],
            ] as const) {
              if (got.outcome === 'allowed' && leaks(got.text).length)
                failures.push(`${role} ${which}: shows ${leaks(got.text).join(', ')}`);
            }
            break;
          case undefined:
            failures.push(`${role}: no row`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
