import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { licensingRoutes as c } from '../../contracts/licensing';
import type { Clock } from '../shared/clock';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import { commandHandler, type EventStore } from '../shared/eventStore';
import { mount } from '../shared/http/mount';
import { paginate } from '../shared/http/page';
import { assertInScope, inScope, type Principal } from '../shared/http/policy';
import { instant } from '../shared/jalali';
import { licenseStream, statusAt, type LicenseEvent } from './license';
import { effectDecider } from './effects';
import { type ApplyForLicense, type LicenseCommand } from './license.decide';
import { reserveLicenseNumber } from './numberReservation';
import type { LicenseRecord, LicenseRegistry } from './registry';

export interface LicensingDeps {
  store: EventStore;
  clock: Clock;
  licenses: LicenseRegistry;
  /** Told after a decision an applicant waits for is written: issued, rejected by the working group, refused. */
  onDecided?: (licenseId: string, outcome: 'issued' | 'rejected' | 'refused') => Promise<void>;
}

type Distribute<T> = T extends unknown ? Omit<T, 'licenseId' | 'now' | 'actor'> : never;

const at = (iso: string) => instant(new Date(iso));

export function licenseView(r: LicenseRecord, now: Date) {
  const s = r.state;
  const a = s.application;
  const terms = 'terms' in s ? s.terms : undefined;
  const current = terms?.suspensions.at(-1);
  const status = statusAt(s, now);
  return {
    licenseId: r.licenseId,
    status,
    province: a.province,
    officeKind: a.officeKind,
    applicant: a.applicant,
    location: a.location,
    contact: a.contact,
    appliedAt: at(a.appliedAt),
    votes: a.votes.map((v) => ({ ...v, votedAt: at(v.votedAt) })),
    ...(s.status === 'refused' ? { refusalReason: s.reason } : {}),
    ...(terms
      ? {
          licenseNumber: terms.licenseNumber,
          holder: terms.holder,
          validFrom: at(terms.validFrom),
          validUntil: at(terms.validUntil),
        }
      : {}),
    ...(status === 'suspended' && current?.until ? { suspendedUntil: at(current.until) } : {}),
    ...(terms?.cancelledAt ? { cancelledAt: at(terms.cancelledAt) } : {}),
    revision: r.revision,
  };
}

export function licensingRouter(deps: LicensingDeps): Router {
  const router = Router();
  const command = licenseCommand(deps);

  function visible(principal: Principal, licenseId: string): LicenseRecord {
    const record = deps.licenses.get(licenseId);
    if (!record) throw new NotFoundError('license not found');
    assertInScope(principal, { province: record.state.application.province }, 'license');
    return record;
  }

  /**
   * Decides against the license's stream and appends. With `reserve`, the command is first
   * decided without appending, so a refused command reserves nothing, and `reserve` runs just
   * before the append.
   */
  async function run(
    principal: Principal,
    licenseId: string,
    partial: Distribute<LicenseCommand>,
    reserve?: (command: LicenseCommand) => Promise<void>,
  ) {
    if (partial.type !== 'ApplyForLicense') visible(principal, licenseId);
    const now = deps.clock.now();
    const actor = principal.credentialId;
    if (reserve) {
      await command(licenseId, partial, actor, { dryRun: true, now });
      await reserve({ ...partial, licenseId, now, actor });
    }
    await command(licenseId, partial, actor, { now });
    return licenseView(deps.licenses.get(licenseId)!, now);
  }

  mount(router, c.apply, async ({ body, principal }) => {
    if (principal.role === 'working_group' && principal.province !== body.province) {
      throw new ForbiddenError('A working group records applications of its own province only');
    }
    const licenseId = randomUUID();
    const view = await run(principal, licenseId, { type: 'ApplyForLicense', ...body });
    return { status: 201, headers: { Location: `/v1/licenses/${licenseId}` }, body: view };
  });

  function listed(principal: Principal, province: string | undefined) {
    return deps.licenses
      .list()
      .filter((r) => inScope(principal, { province: r.state.application.province }))
      .filter((r) => province === undefined || r.state.application.province === province);
  }

  mount(router, c.list, async ({ query, principal }) => {
    const position = deps.licenses.position;
    const now = deps.clock.now();
    const rows = listed(principal, query.province).filter(
      (r) => query.status === undefined || statusAt(r.state, now) === query.status,
    );
    const page = paginate(rows, (r) => r.licenseId, query.cursor, query.limit);
    return {
      status: 200,
      body: { ...page, items: page.items.map((r) => licenseView(r, now)), position },
    };
  });

  mount(router, c.expiring, async ({ query, principal }) => {
    const position = deps.licenses.position;
    const now = deps.clock.now();
    const horizon = new Date(now.getTime() + query.withinDays * 86_400_000).toISOString();
    const rows = listed(principal, query.province).filter((r) => {
      const status = statusAt(r.state, now);
      return (
        (status === 'active' || status === 'suspended') &&
        'terms' in r.state &&
        r.state.terms.validUntil <= horizon
      );
    });
    const key = (r: LicenseRecord) =>
      `${'terms' in r.state ? r.state.terms.validUntil : ''}|${r.licenseId}`;
    const page = paginate(rows, key, query.cursor, query.limit);
    return {
      status: 200,
      body: { ...page, items: page.items.map((r) => licenseView(r, now)), position },
    };
  });

  mount(router, c.get, async ({ params, principal }) => ({
    status: 200,
    body: licenseView(visible(principal, params.licenseId), deps.clock.now()),
  }));

  const decided = async <V extends { status: string }>(
    licenseId: string,
    view: V,
    outcome: 'issued' | 'rejected' | 'refused',
  ): Promise<V> => {
    if (deps.onDecided) await deps.onDecided(licenseId, outcome);
    return view;
  };

  mount(router, c.vote, async ({ params, body, principal }) => {
    const view = await run(principal, params.licenseId, {
      type: 'RecordVote',
      memberBody: principal.memberBody!,
      ...body,
    });
    return {
      status: 200,
      body: view.status === 'rejected' ? await decided(params.licenseId, view, 'rejected') : view,
    };
  });
  mount(router, c.issue, async ({ params, body, principal }) => ({
    status: 200,
    body: await decided(
      params.licenseId,
      await run(
        principal,
        params.licenseId,
        {
          type: 'IssueLicense',
          ...body,
          licenseNumberTaken: deps.licenses.byNumber(body.licenseNumber) !== undefined,
        },
        ({ licenseId, now, actor }) =>
          reserveLicenseNumber(deps.store, {
            licenseNumber: body.licenseNumber,
            licenseId,
            now,
            actor,
          }),
      ),
      'issued',
    ),
  }));
  mount(router, c.refuse, async ({ params, body, principal }) => ({
    status: 200,
    body: await decided(
      params.licenseId,
      await run(principal, params.licenseId, { type: 'RefuseLicense', ...body }),
      'refused',
    ),
  }));
  mount(router, c.amend, async ({ params, body, principal }) => ({
    status: 200,
    body: await run(principal, params.licenseId, { type: 'AmendLicense', changes: body }),
  }));
  mount(router, c.transfer, async ({ params, body, principal }) => ({
    status: 200,
    body: await run(principal, params.licenseId, { type: 'TransferLicense', ...body }),
  }));
  mount(router, c.renew, async ({ params, body, principal }) => ({
    status: 200,
    body: await run(principal, params.licenseId, { type: 'RenewLicense', ...body }),
  }));
  mount(router, c.suspend, async ({ params, body, principal }) => ({
    status: 200,
    body: await run(principal, params.licenseId, {
      type: 'SuspendLicense',
      reason: body.reason,
      ...(body.until ? { until: new Date(body.until) } : {}),
    }),
  }));
  mount(router, c.reinstate, async ({ params, body, principal }) => ({
    status: 200,
    body: await run(principal, params.licenseId, { type: 'ReinstateLicense', ...body }),
  }));
  mount(router, c.cancel, async ({ params, body, principal }) => ({
    status: 200,
    body: await run(principal, params.licenseId, { type: 'CancelLicense', ...body }),
  }));

  return router;
}

/** Records a license application on behalf of another slice (an online application forwarded). */
export async function recordLicenseApplication(
  deps: Pick<LicensingDeps, 'store' | 'clock' | 'licenses'>,
  input: Omit<ApplyForLicense, 'type' | 'now'>,
): Promise<void> {
  await licenseCommand(deps)(input.licenseId, { type: 'ApplyForLicense', ...input }, input.actor);
}

/** A license command as another slice gives it: the license, now and actor are filled in. */
export type LicenseCommandInput = Distribute<LicenseCommand>;

/**
 * Runs a licensing command for another slice (a holder's request approved, a supervision
 * recommendation acted on) through the license's own decider. With `dryRun` it only decides
 * against the stream as it stands, so the caller can refuse before writing anything. A command
 * naming its cause (see {@link effectDecider}) that the stream already holds writes nothing:
 * `applied` is false.
 */
export function licenseCommand(deps: Pick<LicensingDeps, 'store' | 'clock' | 'licenses'>) {
  const handle = commandHandler(deps.store, effectDecider);
  return async (
    licenseId: string,
    partial: LicenseCommandInput,
    actor: string,
    options: { dryRun?: boolean; now?: Date } = {},
  ): Promise<{ applied: boolean }> => {
    const command = { ...partial, licenseId, now: options.now ?? deps.clock.now(), actor };
    const stream = licenseStream(licenseId);
    if (options.dryRun) {
      const state = (await deps.store.readStream(stream))
        .map((e) => e.data as LicenseEvent)
        .reduce(effectDecider.evolve, effectDecider.initialState());
      return { applied: effectDecider.decide(command, state).length > 0 };
    }
    const result = await handle(stream, command);
    await deps.licenses.ensure(result.append?.position ?? 0);
    return { applied: result.newEvents > 0 };
  };
}
