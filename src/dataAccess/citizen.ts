import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { dataAccessRoutes as c } from '../../contracts/dataAccess';
import { attempts } from '../../projections/dataAccess/queries';
import { AccessRefusedError } from '../shared/errors';
import { commandHandler } from '../shared/eventStore';
import { mount } from '../shared/http/mount';
import { instant } from '../shared/jalali';
import { consentCodes, consentStream, consentTtlMs, newConsentCode } from './consent';
import { consentDecider, consentVerdict } from './consent.decide';
import type { DataAccessDeps } from './deps';

/** Most look-ups one citizen's history answer lists, newest last. */
const historyLimit = 1000;

/**
 * A citizen's view of who read their data (شفافیت): a one-time code is sent through the
 * exchange center to the mobile registered for the national id; with it, the national id and
 * the request id, the granted look-ups of their data are listed once.
 */
export function citizenRouter(deps: DataAccessDeps): Router {
  const router = Router();
  const consents = commandHandler(deps.store, consentDecider);
  const codes = consentCodes(deps.secrets);

  mount(router, c.historyCode, async ({ body }) => {
    const now = deps.clock.now();
    const requestId = randomUUID();
    const code = newConsentCode();
    const sent = await deps.exchange.sendCode(
      { channel: 'nix', agencyId: '' },
      { nationalId: body.nationalId, code, purpose: 'history', requestId },
    );
    const expiresAt = new Date(now.getTime() + consentTtlMs);
    await consents(consentStream(requestId), {
      type: 'IssueConsent',
      issued: {
        consentId: requestId,
        purpose: 'history',
        customerRef: deps.lookups.customerRef(body.nationalId),
        codeHash: codes.hash(requestId, code),
        expiresAt: expiresAt.toISOString(),
        maxLookups: 1,
        providerReference: sent.reference,
        issuedAt: now.toISOString(),
        issuedBy: 'citizen',
      },
    });
    return {
      status: 202,
      headers: { 'Cache-Control': 'no-store' },
      body: { requestId, expiresAt: instant(expiresAt) },
    };
  });

  mount(router, c.history, async ({ body }) => {
    const now = deps.clock.now();
    const presenter = {
      customerRef: deps.lookups.customerRef(body.nationalId),
      codeHash: codes.hash(body.requestId, body.code),
    };
    const r = await consents(consentStream(body.requestId), {
      type: 'UseHistoryCode',
      presenter,
      now,
    });
    if (
      r.state.status !== 'issued' ||
      r.state.issued.purpose !== 'history' ||
      !r.state.used ||
      !r.newEvents
    ) {
      const rule = consentVerdict(r.state, presenter, now) ?? 'consent-expired';
      throw new AccessRefusedError(rule, 'the code does not open this history');
    }
    await deps.reporting.runner.waitFor('dataAccess');
    const rows = await attempts(deps.reporting.db, {
      customerRef: presenter.customerRef,
      outcome: 'granted',
      limit: historyLimit,
    });
    return {
      status: 200,
      headers: { 'Cache-Control': 'no-store' },
      body: {
        items: rows.map((a) => ({
          at: instant(new Date(a.at)),
          officeId: a.officeId,
          ...(a.province ? { province: a.province } : {}),
          ...(a.agencyId ? { agencyId: a.agencyId } : {}),
          serviceCode: a.serviceCode,
          items: a.items,
        })),
      },
    };
  });

  return router;
}
