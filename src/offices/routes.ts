import { Router } from 'express';
import { officeRoutes as c } from '../../contracts/offices';
import type { CatalogueIndex } from '../catalogue';
import {
  issueCredential,
  revokeCredential,
  rotationAnswer,
  type CredentialRegistry,
} from '../credentials';
import { statusAt, type LicenseRegistry } from '../licensing';
import type { Clock } from '../shared/clock';
import { ForbiddenError, IllegalStateError, NotFoundError } from '../shared/errors';
import { commandHandler, type EventStore } from '../shared/eventStore';
import { mount } from '../shared/http/mount';
import { paginate } from '../shared/http/page';
import { assertInScope, inScope, type Principal } from '../shared/http/policy';
import { instant } from '../shared/jalali';
import type { SecretBox } from '../shared/secrets';
import type { PspRegistry } from '../psps';
import { reserveOfficeOfLicense } from './licenseReservation';
import {
  evolveOffice,
  initialOfficeState,
  isAssigned,
  officeStream,
  type OfficeEvent,
} from './office';
import { officeDecider, type RegisterOffice } from './office.decide';
import type { AssignmentRow, OfficeRecord, OfficeRegistry, TerminalRecord } from './registry';
import { terminalStream } from './terminal';
import { terminalDecider } from './terminal.decide';

export interface OfficesDeps {
  store: EventStore;
  clock: Clock;
  secrets: SecretBox;
  licenses: LicenseRegistry;
  offices: OfficeRegistry;
  catalogue: CatalogueIndex;
  credentials: CredentialRegistry;
  psps: Pick<PspRegistry, 'get' | 'chosenBy'>;
}

const at = (iso: string) => instant(new Date(iso));

/** Gateway credentials live as long as the terminal; the signing secret is what rotates. */
const terminalCredentialDays = 3650;

export function officesRouter(deps: OfficesDeps): Router {
  const router = Router();
  const handleOffice = commandHandler(deps.store, officeDecider);
  const handleTerminal = commandHandler(deps.store, terminalDecider);
  const { offices, licenses } = deps;

  function officeView({ state, revision }: OfficeRecord, now: Date) {
    const license = licenses.get(state.licenseId);
    const terms = license && 'terms' in license.state ? license.state.terms : undefined;
    return {
      officeId: state.officeId,
      licenseId: state.licenseId,
      license: {
        ...(terms ? { licenseNumber: terms.licenseNumber, validUntil: at(terms.validUntil) } : {}),
        status: license ? statusAt(license.state, now) : ('cancelled' as const),
      },
      province: state.province,
      kind: state.kind,
      ...state.details,
      services: Object.keys(state.assignments)
        .filter((code) => isAssigned(state, code, now))
        .sort(),
      revision,
    };
  }

  const assignmentView = (r: AssignmentRow) => ({
    ...r,
    from: at(r.from),
    ...(r.until ? { until: at(r.until) } : {}),
  });

  function terminalView(t: TerminalRecord) {
    const { terminalId, merchantId, psp, pspId, officeId, credentialId, registeredAt } =
      t.registered;
    return {
      terminalId,
      merchantId,
      psp,
      ...(pspId !== undefined ? { pspId } : {}),
      officeId,
      ...(credentialId !== undefined ? { credentialId } : {}),
      status: t.status,
      registeredAt: at(registeredAt),
      ...(t.status === 'deactivated' ? { deactivatedAt: at(t.deactivatedAt) } : {}),
    };
  }

  const officeOwner = (officeId: string, now: Date) => ({
    officeId,
    province: offices.office(officeId)?.state.province,
    agencyIds: offices.agenciesServedBy(officeId, now),
  });

  function visibleOffice(principal: Principal, officeId: string, now: Date): OfficeRecord {
    const record = offices.office(officeId);
    if (!record) throw new NotFoundError('office not found');
    assertInScope(principal, officeOwner(officeId, now), 'office');
    return record;
  }

  function visibleTerminal(principal: Principal, terminalId: string): TerminalRecord {
    const terminal = offices.terminal(terminalId);
    if (!terminal) throw new NotFoundError('terminal not found');
    assertInScope(principal, { officeId: terminal.registered.officeId }, 'terminal');
    return terminal;
  }

  mount(router, c.register, async ({ body, principal }) => {
    const now = deps.clock.now();
    const license = licenses.get(body.licenseId);
    const { officeId, licenseId, ...details } = body;
    const command: RegisterOffice = {
      type: 'RegisterOffice',
      officeId,
      licenseId,
      ...details,
      license: license && {
        status: statusAt(license.state, now),
        province: license.state.application.province,
        officeKind: license.state.application.officeKind,
        hasOffice: offices.officeOfLicense(licenseId) !== undefined,
      },
      now,
      actor: principal.credentialId,
    };
    const stream = officeStream(officeId);
    const recorded = await deps.store.readStream(stream);
    officeDecider.decide(
      command,
      recorded.map((e) => e.data as OfficeEvent).reduce(evolveOffice, initialOfficeState()),
    );
    await reserveOfficeOfLicense(deps.store, {
      licenseId,
      officeId,
      licenseStatus: command.license!.status,
      now,
      actor: principal.credentialId,
    });
    const result = await handleOffice(stream, command);
    await offices.ensure(result.append?.position ?? 0);
    return {
      status: 201,
      headers: { Location: `/v1/offices/${officeId}` },
      body: officeView(offices.office(officeId)!, now),
    };
  });

  mount(router, c.list, async ({ query, principal }) => {
    const now = deps.clock.now();
    const rows = offices
      .offices()
      .filter((r) => inScope(principal, officeOwner(r.state.officeId, now)))
      .filter(
        (r) =>
          (query.province === undefined || r.state.province === query.province) &&
          (query.kind === undefined || r.state.kind === query.kind),
      );
    const page = paginate(rows, (r) => r.state.officeId, query.cursor, query.limit);
    return {
      status: 200,
      body: {
        ...page,
        items: page.items.map((r) => officeView(r, now)),
        position: offices.position,
      },
    };
  });

  mount(router, c.get, async ({ params, principal }) => {
    const now = deps.clock.now();
    const record = visibleOffice(principal, params.officeId, now);
    return {
      status: 200,
      body: {
        ...officeView(record, now),
        history: record.history.map((h) => ({ ...h, at: at(h.at) })),
      },
    };
  });

  mount(router, c.update, async ({ params, body, principal }) => {
    const now = deps.clock.now();
    visibleOffice(principal, params.officeId, now);
    const result = await handleOffice(officeStream(params.officeId), {
      type: 'ChangeOfficeDetails',
      officeId: params.officeId,
      changes: body,
      now,
      actor: principal.credentialId,
    });
    await offices.ensure(result.append?.position ?? 0);
    return { status: 200, body: officeView(offices.office(params.officeId)!, now) };
  });

  mount(router, c.assign, async ({ params, body, principal }) => {
    const now = deps.clock.now();
    const { state } = visibleOffice(principal, params.officeId, now);
    const outsourceable = deps.catalogue
      .outsourceableIn(state.province, now)
      .find((s) => s.serviceCode === body.serviceCode);
    const result = await handleOffice(officeStream(state.officeId), {
      type: 'AssignService',
      officeId: state.officeId,
      serviceCode: body.serviceCode,
      licenseStatus: licenses.statusAt(state.licenseId, now),
      outsourceableIn: outsourceable?.period,
      now,
      actor: principal.credentialId,
    });
    await offices.ensure(result.append?.position ?? 0);
    const row = offices
      .assignments()
      .find(
        (r) =>
          r.officeId === state.officeId &&
          r.serviceCode === body.serviceCode &&
          r.until === undefined,
      )!;
    return { status: 201, body: assignmentView(row) };
  });

  mount(router, c.withdraw, async ({ params, body, principal }) => {
    const now = deps.clock.now();
    visibleOffice(principal, params.officeId, now);
    const result = await handleOffice(officeStream(params.officeId), {
      type: 'WithdrawService',
      officeId: params.officeId,
      serviceCode: params.serviceCode,
      reason: body.reason,
      now,
      actor: principal.credentialId,
    });
    await offices.ensure(result.append?.position ?? 0);
    const row = offices
      .assignments()
      .filter((r) => r.officeId === params.officeId && r.serviceCode === params.serviceCode)
      .at(-1)!;
    return { status: 200, body: assignmentView(row) };
  });

  mount(router, c.assignments, async ({ query, principal }) => {
    const when = query.at === undefined ? undefined : new Date(query.at).toISOString();
    const rows = offices
      .assignments()
      .filter((r) =>
        inScope(principal, { officeId: r.officeId, agencyIds: r.agencyId ? [r.agencyId] : [] }),
      )
      .filter(
        (r) =>
          (query.officeId === undefined || r.officeId === query.officeId) &&
          (query.serviceCode === undefined || r.serviceCode === query.serviceCode),
      )
      .filter(
        (r) => when === undefined || (r.from <= when && (r.until === undefined || when < r.until)),
      );
    const page = paginate(
      rows,
      (r) => `${r.officeId}|${r.serviceCode}|${r.from}`,
      query.cursor,
      query.limit,
    );
    return {
      status: 200,
      body: { ...page, items: page.items.map(assignmentView), position: offices.position },
    };
  });

  /**
   * Which registered PSP a new terminal belongs to, checked before anything else: a PSP
   * registers in its own name and only for an office that chose it (403 otherwise); the
   * regulator may name one the office chose.
   */
  function pspOfNewTerminal(
    principal: Principal,
    body: { officeId: string; pspId?: string | undefined },
  ): string | undefined {
    if (principal.role === 'psp') {
      const own = principal.pspId ?? '';
      if (body.pspId !== undefined && body.pspId !== own)
        throw new ForbiddenError('A PSP registers terminals in its own name only');
      if (!offices.office(body.officeId))
        throw new NotFoundError(`office ${body.officeId} not found`);
      if (!deps.psps.chosenBy(own, body.officeId))
        throw new ForbiddenError(
          `Office ${body.officeId} has not chosen PSP ${own}: its consent must be recorded first`,
        );
      return own;
    }
    if (body.pspId === undefined) return undefined;
    if (!offices.office(body.officeId))
      throw new NotFoundError(`office ${body.officeId} not found`);
    if (!deps.psps.get(body.pspId)) throw new NotFoundError(`PSP ${body.pspId} not found`);
    if (!deps.psps.chosenBy(body.pspId, body.officeId))
      throw new IllegalStateError(
        `Office ${body.officeId} has not chosen PSP ${body.pspId}: its consent must be recorded first`,
      );
    return body.pspId;
  }

  mount(router, c.registerTerminal, async ({ body, principal }) => {
    const pspId = pspOfNewTerminal(principal, body);
    const stream = terminalStream(body.terminalId);
    const existing =
      offices.terminal(body.terminalId) ??
      ((await deps.store.readStream(stream)).length > 0 ? 'exists' : undefined);
    if (existing)
      throw new IllegalStateError(`Terminal ${body.terminalId} is already registered`, {
        currentState: typeof existing === 'string' ? 'active' : existing.status,
      });
    const officeExists = offices.office(body.officeId) !== undefined;
    if (!officeExists) throw new NotFoundError(`office ${body.officeId} not found`);
    const credentialDeps = { store: deps.store, clock: deps.clock, secrets: deps.secrets };
    const { pspId: _named, ...fields } = body;
    const issued =
      principal.role === 'psp'
        ? undefined
        : await issueCredential(
            credentialDeps,
            {
              role: 'gateway',
              scope: { terminalId: body.terminalId, officeId: body.officeId },
              label: `terminal ${body.terminalId} (${body.psp})`,
              expiresInDays: terminalCredentialDays,
            },
            principal.credentialId,
          );
    try {
      const result = await handleTerminal(
        stream,
        {
          type: 'RegisterTerminal',
          ...fields,
          officeExists,
          ...(issued ? { credentialId: issued.credentialId } : {}),
          ...(pspId !== undefined ? { pspId } : {}),
          now: deps.clock.now(),
          actor: principal.credentialId,
        },
        'no_stream',
      );
      await Promise.all([
        offices.ensure(result.append?.position ?? 0),
        ...(issued ? [deps.credentials.ensure(issued.position)] : []),
      ]);
    } catch (error) {
      if (issued)
        await revokeCredential(
          credentialDeps,
          issued.credentialId,
          'terminal registration failed',
          principal.credentialId,
        );
      throw error;
    }
    return {
      status: 201,
      headers: { 'Cache-Control': 'no-store', Location: `/v1/terminals/${body.terminalId}` },
      body: {
        terminal: terminalView(offices.terminal(body.terminalId)!),
        ...(issued
          ? {
              token: issued.token,
              signingSecret: issued.signingSecret!,
              expiresAt: instant(issued.expiresAt),
            }
          : {}),
      },
    };
  });

  mount(router, c.listTerminals, async ({ query, principal }) => {
    const rows = offices
      .terminals()
      .filter((t) =>
        inScope(principal, { officeId: t.registered.officeId, pspId: t.registered.pspId }),
      )
      .filter(
        (t) =>
          (query.officeId === undefined || t.registered.officeId === query.officeId) &&
          (query.status === undefined || t.status === query.status),
      );
    const page = paginate(rows, (t) => t.registered.terminalId, query.cursor, query.limit);
    return {
      status: 200,
      body: { ...page, items: page.items.map(terminalView), position: offices.position },
    };
  });

  mount(router, c.rotateSecret, async ({ params, body, principal }) => {
    const terminal = visibleTerminal(principal, params.terminalId);
    if (terminal.status !== 'active')
      throw new IllegalStateError(`Terminal ${params.terminalId} is ${terminal.status}`, {
        currentState: terminal.status,
      });
    const credentialId = terminal.registered.credentialId;
    if (credentialId === undefined)
      throw new IllegalStateError(
        `Terminal ${params.terminalId} has no credential of its own: its PSP signs with the PSP's key (POST /v1/psps/{pspId}/rotate-key)`,
      );
    return rotationAnswer(
      {
        store: deps.store,
        clock: deps.clock,
        secrets: deps.secrets,
        credentials: deps.credentials,
      },
      credentialId,
      body.graceHours,
      principal.credentialId,
    );
  });

  mount(router, c.deactivate, async ({ params, body, principal }) => {
    const terminal = visibleTerminal(principal, params.terminalId);
    if (terminal.status !== 'active')
      throw new IllegalStateError(`Terminal ${params.terminalId} is ${terminal.status}`, {
        currentState: terminal.status,
      });
    const credentialDeps = { store: deps.store, clock: deps.clock, secrets: deps.secrets };
    const credentialId = terminal.registered.credentialId;
    const credential =
      credentialId === undefined
        ? undefined
        : deps.credentials.list().find((r) => r.principal.credentialId === credentialId);
    if (credentialId !== undefined && credential && !credential.revokedAt) {
      await deps.credentials.ensure(
        await revokeCredential(
          credentialDeps,
          credentialId,
          `terminal deactivated: ${body.reason}`,
          principal.credentialId,
        ),
      );
    }
    const result = await handleTerminal(terminalStream(params.terminalId), {
      type: 'DeactivateTerminal',
      terminalId: params.terminalId,
      reason: body.reason,
      now: deps.clock.now(),
      actor: principal.credentialId,
    });
    await offices.ensure(result.append?.position ?? 0);
    return { status: 200, body: terminalView(offices.terminal(params.terminalId)!) };
  });

  return router;
}
