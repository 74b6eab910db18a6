import { Router } from 'express';
import { dataAccessRoutes as c } from '../../contracts/dataAccess';
import { encodeWith } from '../../contracts/events/contract';
import { ExchangeCenterSwitched } from '../../contracts/events/dataAccess';
import { NotFoundError } from '../shared/errors';
import { commandHandler } from '../shared/eventStore';
import { mount } from '../shared/http/mount';
import { assertInScope } from '../shared/http/policy';
import { instant } from '../shared/jalali';
import { parseInstant } from '../shared/jalaliPeriod';
import { lookUp, openDelivery } from './access';
import { exchangeCenterOn, type DataAccessDeps } from './deps';
import {
  dataInstructionStream,
  exchangeCenterStream,
  type InstructionVersion,
} from './instruction';
import { instructionDecider } from './instruction.decide';

const versionView = (v: InstructionVersion) => ({
  agencyId: v.recorded.agencyId,
  version: v.recorded.version,
  services: v.recorded.services,
  channel: v.recorded.channel,
  effectiveFrom: instant(new Date(v.recorded.effectiveFrom)),
  recordedAt: instant(new Date(v.recorded.recordedAt)),
  ...(v.acknowledgedAt ? { acknowledgedAt: instant(new Date(v.acknowledgedAt)) } : {}),
});

/** Instructions, the exchange center's switch, and an office's deliveries and look-ups. */
export function dataAccessRouter(deps: DataAccessDeps): Router {
  const router = Router();
  const { book, clock } = deps;
  const instructions = commandHandler(deps.store, instructionDecider);

  mount(router, c.recordInstruction, async ({ body, principal }) => {
    const agencyId = principal.agencyId ?? '';
    for (const s of body.services)
      if (deps.lookups.agencyOfService(s.serviceCode) !== agencyId)
        throw new NotFoundError(`service ${s.serviceCode} not found`);
    const r = await instructions(dataInstructionStream(agencyId), {
      type: 'RecordInstruction',
      agencyId,
      services: body.services,
      channel: body.channel,
      effectiveFrom: parseInstant(body.effectiveFrom)!,
      agencyOfService: (code) => deps.lookups.agencyOfService(code),
      by: principal.credentialId,
      now: clock.now(),
    });
    if (r.append) await book.ensure(r.append.position);
    return { status: 201, body: { agencyId, version: r.state.versions.length } };
  });

  mount(router, c.acknowledgeInstruction, async ({ params, principal }) => {
    const r = await instructions(dataInstructionStream(params.agencyId), {
      type: 'AcknowledgeInstruction',
      agencyId: params.agencyId,
      version: params.version,
      by: principal.credentialId,
      now: clock.now(),
    });
    if (r.append) await book.ensure(r.append.position);
    const v = r.state.versions.find((x) => x.recorded.version === params.version)!;
    return { status: 200, body: versionView(v) };
  });

  mount(router, c.instruction, async ({ params, query, principal }) => {
    if (principal.role === 'agency')
      assertInScope(principal, { agencyIds: [params.agencyId] }, 'instruction');
    await book.ensure();
    const history = book.history(params.agencyId);
    if (!deps.lookups.agencyExists(params.agencyId))
      throw new NotFoundError('instruction not found');
    const at = query.at ? parseInstant(query.at)! : clock.now();
    const inForce = book.inForce(params.agencyId, at);
    return {
      status: 200,
      body: {
        at: instant(at),
        exchangeCenterOnly: exchangeCenterOn(deps),
        ...(inForce ? { inForce: versionView(inForce) } : {}),
        versions: history.versions.map(versionView),
      },
    };
  });

  mount(router, c.switchExchangeCenter, async ({ body, principal }) => {
    const event = {
      type: 'ExchangeCenterSwitched' as const,
      on: body.on,
      reason: body.reason,
      switchedAt: clock.now().toISOString(),
      switchedBy: principal.credentialId,
    };
    const r = await deps.store.append(
      exchangeCenterStream,
      [encodeWith(ExchangeCenterSwitched, event)],
      'any',
    );
    await book.ensure(r.position);
    return {
      status: 200,
      body: { on: exchangeCenterOn(deps), byConfiguration: deps.exchangeCenterOnly },
    };
  });

  mount(router, c.openDelivery, async ({ body, principal }) => {
    const opened = await openDelivery(deps, { ...body, principal });
    return {
      status: 201,
      headers: { 'Cache-Control': 'no-store' },
      body: { ...opened, expiresAt: instant(opened.expiresAt) },
    };
  });

  mount(router, c.lookup, async ({ body, principal }) => {
    const r = await lookUp(deps, { ...body, principal });
    return {
      status: 200,
      headers: { 'Cache-Control': 'no-store' },
      body: {
        accessId: r.accessId,
        data: r.data,
        digest: r.digest,
        providerReference: r.providerReference,
        instructionVersion: r.decision.instruction.recorded.version,
        channel: r.decision.instruction.recorded.channel,
      },
    };
  });

  return router;
}
