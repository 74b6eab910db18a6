import { Router } from 'express';
import { pspRoutes as c } from '../../contracts/psps';
import {
  issueCredential,
  revokeCredential,
  rotationAnswer,
  type CredentialRegistry,
} from '../credentials';
import type { Clock } from '../shared/clock';
import { IllegalStateError, NotFoundError } from '../shared/errors';
import { commandHandler, type EventStore } from '../shared/eventStore';
import { mount } from '../shared/http/mount';
import { assertInScope, inScope, type Principal } from '../shared/http/policy';
import { instant } from '../shared/jalali';
import type { SecretBox } from '../shared/secrets';
import { pspStream, type PspRecord } from './psp';
import { pspDecider } from './psp.decide';
import type { PspRegistry } from './registry';

export interface PspsDeps {
  store: EventStore;
  clock: Clock;
  secrets: SecretBox;
  psps: PspRegistry;
  credentials: CredentialRegistry;
  officeExists(officeId: string): boolean;
}

const at = (iso: string) => instant(new Date(iso));

/** Whether the caller sees a PSP's credential and offices: the regulator, or the PSP itself. */
const seesDetails = (principal: Principal, pspId: string) =>
  principal.role === 'regulator' || (principal.role === 'psp' && principal.pspId === pspId);

function pspView(p: PspRecord, principal: Principal) {
  const r = p.registered;
  return {
    pspId: r.pspId,
    nameFa: r.nameFa,
    nameEn: r.nameEn,
    registeredAt: at(r.registeredAt),
    ...(seesDetails(principal, r.pspId)
      ? {
          credentialId: r.credentialId,
          offices: Object.entries(p.offices)
            .map(([officeId, o]) => ({
              officeId,
              byRole: o.byRole,
              ...(o.writtenConsent !== undefined ? { writtenConsent: o.writtenConsent } : {}),
              chosenAt: at(o.chosenAt),
            }))
            .sort((a, b) => (a.officeId < b.officeId ? -1 : 1)),
        }
      : {}),
  };
}

/**
 * Payment service providers (پرداخت‌یارها): the regulator registers one with one credential and
 * signing key; offices choose it; it rotates its own key. Its terminals are registered through
 * `POST /v1/terminals` and its payments posted through the payment routes, naming the terminal.
 */
export function pspsRouter(deps: PspsDeps): Router {
  const router = Router();
  const handle = commandHandler(deps.store, pspDecider);
  const credentialDeps = { store: deps.store, clock: deps.clock, secrets: deps.secrets };

  mount(router, c.register, async ({ body, principal }) => {
    if (deps.psps.get(body.pspId) ?? (await deps.store.readStream(pspStream(body.pspId))).length)
      throw new IllegalStateError(`PSP ${body.pspId} is already registered`, {
        currentState: 'registered',
      });
    const issued = await issueCredential(
      credentialDeps,
      {
        role: 'psp',
        scope: { pspId: body.pspId },
        label: `PSP ${body.pspId} (${body.nameEn})`,
        expiresInDays: body.expiresInDays,
      },
      principal.credentialId,
    );
    try {
      const result = await handle(
        pspStream(body.pspId),
        {
          type: 'RegisterPsp',
          pspId: body.pspId,
          nameFa: body.nameFa,
          nameEn: body.nameEn,
          credentialId: issued.credentialId,
          now: deps.clock.now(),
          actor: principal.credentialId,
        },
        'no_stream',
      );
      await Promise.all([
        deps.psps.ensure(result.append?.position ?? 0),
        deps.credentials.ensure(issued.position),
      ]);
    } catch (error) {
      await revokeCredential(
        credentialDeps,
        issued.credentialId,
        'PSP registration failed',
        principal.credentialId,
      );
      throw error;
    }
    return {
      status: 201,
      headers: { 'Cache-Control': 'no-store', Location: `/v1/psps/${body.pspId}` },
      body: {
        psp: pspView(deps.psps.get(body.pspId)!, principal),
        token: issued.token,
        signingSecret: issued.signingSecret!,
        expiresAt: instant(issued.expiresAt),
      },
    };
  });

  mount(router, c.list, async ({ principal }) => ({
    status: 200,
    body: {
      items: deps.psps
        .list()
        .filter((p) => principal.role !== 'psp' || principal.pspId === p.registered.pspId)
        .sort((a, b) => (a.registered.pspId < b.registered.pspId ? -1 : 1))
        .map((p) => pspView(p, principal)),
    },
  }));

  mount(router, c.rotateKey, async ({ params, body, principal }) => {
    const psp = deps.psps.get(params.pspId);
    if (!psp) throw new NotFoundError('PSP not found');
    assertInScope(principal, { pspId: params.pspId }, 'PSP');
    return rotationAnswer(
      { ...credentialDeps, credentials: deps.credentials },
      psp.registered.credentialId,
      body.graceHours,
      principal.credentialId,
    );
  });

  mount(router, c.choose, async ({ params, body, principal }) => {
    const officeExists = deps.officeExists(params.officeId);
    if (!officeExists || !inScope(principal, { officeId: params.officeId }))
      throw new NotFoundError('office not found');
    const result = await handle(pspStream(body.pspId), {
      type: 'RecordOfficeChoice',
      pspId: body.pspId,
      officeId: params.officeId,
      officeExists,
      byRole: principal.role === 'office' ? 'office' : 'regulator',
      ...(body.writtenConsent !== undefined ? { writtenConsent: body.writtenConsent } : {}),
      now: deps.clock.now(),
      actor: principal.credentialId,
    });
    if (result.append) await deps.psps.ensure(result.append.position);
    if (result.state.status === 'none') throw new NotFoundError('PSP not found');
    const choice = result.state.offices[params.officeId]!;
    return {
      status: result.newEvents ? 201 : 200,
      body: {
        pspId: body.pspId,
        officeId: params.officeId,
        byRole: choice.byRole,
        ...(choice.writtenConsent !== undefined ? { writtenConsent: choice.writtenConsent } : {}),
        chosenAt: at(choice.chosenAt),
      },
    };
  });

  return router;
}
