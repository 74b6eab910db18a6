import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { applicantStream } from '../../contracts/events/applicants';
import { holderRequestStream } from '../../contracts/events/holders';
import { holderRoutes as c } from '../../contracts/holders';
import type { ApplicantSignedUp, ApplicationRegistry } from '../applicants';
import {
  licenseCommand,
  licenseView,
  statusAt,
  type LicenseRecord,
  type LicenseRegistry,
} from '../licensing';
import type { Clock } from '../shared/clock';
import { ConcurrencyError, NotFoundError } from '../shared/errors';
import { commandHandler, type EventStore } from '../shared/eventStore';
import { mount } from '../shared/http/mount';
import { paginate } from '../shared/http/page';
import type { Principal } from '../shared/http/policy';
import { instant } from '../shared/jalali';
import { completeEffect } from './effects';
import { reserveOpenRequest } from './openRequests';
import type { HolderRequestRegistry } from './registry';
import {
  decideHolderRequest,
  holderRequestDecider,
  licenseCommandOf,
  openAlready,
  type HolderRequestCommand,
  type HolderRequestRecord,
} from './request';

const replayed = { 'Idempotent-Replayed': 'true' };

export interface HoldersDeps {
  store: EventStore;
  clock: Clock;
  licenses: LicenseRegistry;
  applications: ApplicationRegistry;
  requests: HolderRequestRegistry;
  /** The applicant account a national id signs up as (its keyed hash). */
  applicantIdOf(nationalId: string): string;
}

/**
 * The applicant account that holds a license (دارنده پروانه): the receiver of its last approved
 * transfer, else the account whose online application became the license.
 */
export function holderAccount(
  deps: Pick<HoldersDeps, 'applications' | 'requests'>,
  licenseId: string,
): string | undefined {
  return (
    deps.requests.transferredTo(licenseId) ??
    deps.applications.byLicense(licenseId)?.state.draft.applicantId
  );
}

/** An account's mobile, sealed as it signed up with it; undefined when it never did. */
export async function sealedMobileOf(store: EventStore, applicantId: string) {
  const signedUp = (await store.readStream(applicantStream(applicantId)))
    .map((e) => e.data as ApplicantSignedUp)
    .at(0);
  return signedUp?.mobile;
}

export function requestView(r: HolderRequestRecord) {
  const { filed, decision, acceptedAt } = r.state;
  return {
    requestId: r.requestId,
    licenseId: filed.licenseId,
    kind: filed.kind,
    status: r.state.status,
    ...(filed.reason !== undefined ? { reason: filed.reason } : {}),
    ...(filed.validityYears !== undefined ? { validityYears: filed.validityYears } : {}),
    ...(filed.address !== undefined ? { address: filed.address } : {}),
    ...(filed.to ? { to: filed.to } : {}),
    filedAt: instant(new Date(filed.filedAt)),
    ...(acceptedAt ? { acceptedAt: instant(new Date(acceptedAt)) } : {}),
    ...(decision
      ? {
          decision: {
            outcome: decision.outcome,
            reason: decision.reason,
            at: instant(new Date(decision.decidedAt)),
          },
        }
      : {}),
    revision: r.revision,
  };
}

/** Holders act on their license: their requests, the receiver's acceptance, the regulator's decision. */
export function holdersRouter(deps: HoldersDeps): Router {
  const router = Router();
  const handle = commandHandler(deps.store, holderRequestDecider);
  const onLicense = licenseCommand(deps);
  const complete = completeEffect(deps);
  const holderOf = (licenseId: string) => holderAccount(deps, licenseId);

  const current = async () => {
    const head = await deps.store.headPosition();
    await Promise.all([
      deps.requests.ensure(head),
      deps.applications.ensure(head),
      deps.licenses.ensure(head),
    ]);
  };

  /** A license the caller holds; any other does not exist for them. */
  function held(p: Principal, licenseId: string): LicenseRecord {
    const r = deps.licenses.get(licenseId);
    if (!r || !('terms' in r.state) || holderOf(licenseId) !== p.applicantId)
      throw new NotFoundError('license not found');
    return r;
  }

  /** The regulator sees every request; an applicant those they filed or are to receive. */
  const mine = (p: Principal, r: HolderRequestRecord) =>
    p.role === 'regulator' ||
    r.state.filed.applicantId === p.applicantId ||
    r.state.filed.receiverApplicantId === p.applicantId;

  function visible(p: Principal, requestId: string): HolderRequestRecord {
    const r = deps.requests.get(requestId);
    if (!r || !mine(p, r)) throw new NotFoundError('request not found');
    return r;
  }

  async function run(requestId: string, command: HolderRequestCommand, expected?: 'no_stream') {
    const result = await handle(holderRequestStream(requestId), command, expected);
    await deps.requests.ensure(result.append?.position ?? 0);
    return deps.requests.get(requestId)!;
  }

  mount(router, c.licenses, async ({ query, principal }) => {
    await current();
    const now = deps.clock.now();
    const rows = deps.licenses
      .list()
      .filter((r) => 'terms' in r.state && holderOf(r.licenseId) === principal.applicantId);
    const page = paginate(rows, (r) => r.licenseId, query.cursor, query.limit);
    return {
      status: 200,
      body: {
        ...page,
        items: page.items.map((r) => licenseView(r, now)),
        position: deps.licenses.position,
      },
    };
  });

  mount(router, c.license, async ({ params, principal }) => {
    await current();
    return { status: 200, body: licenseView(held(principal, params.licenseId), deps.clock.now()) };
  });

  mount(router, c.file, async ({ params, body, principal }) => {
    await current();
    const license = held(principal, params.licenseId);
    const now = deps.clock.now();
    const requestId = randomUUID();
    const filed = {
      requestId,
      licenseId: params.licenseId,
      applicantId: principal.applicantId!,
      ...(body.kind === 'transfer'
        ? {
            kind: body.kind,
            reason: body.reason,
            receiverApplicantId: deps.applicantIdOf(body.receiverNationalId),
            to: body.to,
          }
        : body),
    };
    const command: HolderRequestCommand = {
      type: 'FileHolderRequest',
      filed,
      license: {
        status: statusAt(license.state, now),
        ...('terms' in license.state ? { validUntil: license.state.terms.validUntil } : {}),
      },
      openOfSameKind: deps.requests
        .list()
        .some(
          (r) =>
            r.state.filed.licenseId === params.licenseId &&
            r.state.filed.kind === body.kind &&
            (r.state.status === 'pending' || r.state.status === 'awaiting_receiver'),
        ),
      now,
      actor: principal.credentialId,
    };
    const [event] = decideHolderRequest(command, { status: 'none' });
    if (event?.type === 'HolderRequestFiled')
      await onLicense(
        params.licenseId,
        licenseCommandOf(event, 'holder request'),
        principal.credentialId,
        {
          dryRun: true,
        },
      );
    const refused = openAlready(body.kind, command.license.status);
    const reserved = await reserveOpenRequest(deps.store, {
      licenseId: params.licenseId,
      kind: body.kind,
      requestId,
      now,
    });
    if (!reserved) throw refused;
    const r = await run(requestId, command, 'no_stream').catch((error: unknown) => {
      throw error instanceof ConcurrencyError ? refused : error;
    });
    return {
      status: 201,
      headers: { Location: `/v1/holder-requests/${requestId}` },
      body: requestView(r),
    };
  });

  mount(router, c.list, async ({ query, principal }) => {
    await current();
    const rows = deps.requests
      .list()
      .filter((r) => mine(principal, r))
      .filter((r) => query.status === undefined || r.state.status === query.status)
      .filter((r) => query.kind === undefined || r.state.filed.kind === query.kind)
      .sort((a, b) => a.state.filed.filedAt.localeCompare(b.state.filed.filedAt));
    const key = (r: HolderRequestRecord) => `${r.state.filed.filedAt}|${r.requestId}`;
    const page = paginate(rows, key, query.cursor, query.limit);
    return {
      status: 200,
      body: { ...page, items: page.items.map(requestView), position: deps.requests.position },
    };
  });

  mount(router, c.get, async ({ params, principal }) => {
    await current();
    return { status: 200, body: requestView(visible(principal, params.requestId)) };
  });

  mount(router, c.accept, async ({ params, principal }) => {
    await current();
    const r = visible(principal, params.requestId);
    if (r.state.filed.receiverApplicantId !== principal.applicantId)
      throw new NotFoundError('request not found');
    const accepted = await run(params.requestId, {
      type: 'AcceptTransfer',
      applicantId: principal.applicantId!,
      now: deps.clock.now(),
      actor: principal.credentialId,
    });
    return { status: 200, body: requestView(accepted) };
  });

  const decide =
    (outcome: 'approved' | 'rejected') =>
    async ({
      params,
      body,
      principal,
    }: {
      params: { requestId: string };
      body: { reason: string };
      principal: Principal;
    }) => {
      await current();
      const r = visible(principal, params.requestId);
      const command: HolderRequestCommand = {
        type: 'DecideHolderRequest',
        outcome,
        reason: body.reason,
        now: deps.clock.now(),
        actor: principal.credentialId,
      };
      const fresh = decideHolderRequest(command, r.state).length > 0;
      if (fresh && outcome === 'approved')
        await onLicense(
          r.state.filed.licenseId,
          licenseCommandOf(r.state.filed, body.reason),
          principal.credentialId,
          { dryRun: true },
        );
      const result = await handle(holderRequestStream(params.requestId), command);
      await deps.requests.ensure(result.append?.position ?? 0);
      if (outcome === 'approved') await complete(deps.requests.get(params.requestId)!);
      return {
        status: 200,
        ...(result.newEvents ? {} : { headers: replayed }),
        body: requestView(deps.requests.get(params.requestId)!),
      };
    };
  mount(router, c.approve, decide('approved'));
  mount(router, c.reject, decide('rejected'));

  return router;
}
