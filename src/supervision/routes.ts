import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { supervisionRoutes as c } from '../../contracts/supervision';
import type { Clock } from '../shared/clock';
import { NotFoundError } from '../shared/errors';
import { commandHandler, type EventStore } from '../shared/eventStore';
import { assertInScope } from '../shared/http/policy';
import { instant } from '../shared/jalali';
import { parseHalfYear } from '../shared/jalaliPeriod';
import { mount } from '../shared/http/mount';
import { actionOf, supervisionStream, type SupervisionEvent } from './supervision';
import { supervisionDecider } from './supervision.decide';
import { officePerformance } from './performance';
import type { SupervisionReadModel } from './readModel';
import { rankByProvince } from './score';

export interface SupervisionDeps {
  store: EventStore;
  clock: Clock;
  supervision: SupervisionReadModel;
  officeProvince(officeId: string): string | undefined;
}

const actionView = (e: SupervisionEvent) => ({
  actionId: e.actionId,
  action: actionOf(e.type),
  reason: e.reason,
  ...(e.complaintId ? { complaintId: e.complaintId } : {}),
  ...(e.period ? { period: e.period } : {}),
  recordedAt: instant(new Date(e.recordedAt)),
  recordedBy: e.recordedBy,
});

export function supervisionRouter(deps: SupervisionDeps): Router {
  const router = Router();
  const rankings = (periodId: string) => {
    const asOf = deps.clock.now();
    const period = parseHalfYear(periodId)!;
    return {
      asOf,
      ranks: rankByProvince(officePerformance(deps.supervision.facts(), period, asOf)),
    };
  };
  const knownOffice = (officeId: string) => {
    const province = deps.officeProvince(officeId);
    if (!province) throw new NotFoundError('office not found');
    return province;
  };

  mount(router, c.rankings, async ({ query }) => {
    const { asOf, ranks } = rankings(query.period);
    const provinces = Object.fromEntries(
      [...ranks].filter(([p]) => !query.province || p === query.province),
    );
    return {
      status: 200,
      body: {
        period: query.period,
        asOf: instant(asOf),
        position: deps.supervision.position,
        provinces,
      },
    };
  });

  mount(router, c.office, async ({ params, query, principal }) => {
    const province = knownOffice(params.officeId);
    assertInScope(principal, { officeId: params.officeId, province }, 'office');
    const row = rankings(query.period)
      .ranks.get(province)
      ?.find((o) => o.officeId === params.officeId);
    if (!row) throw new NotFoundError('no activity of this office in the period');
    return { status: 200, body: row };
  });

  mount(router, c.act, async ({ params, body, principal }) => {
    knownOffice(params.officeId);
    const r = await commandHandler(deps.store, supervisionDecider)(
      supervisionStream(params.officeId),
      {
        type: 'RecordSupervisionAction',
        officeId: params.officeId,
        actionId: randomUUID(),
        ...body,
        now: deps.clock.now(),
        actor: principal.credentialId,
      },
    );
    await deps.supervision.ensure(r.append?.position ?? 0);
    return { status: 201, body: actionView(r.state.actions.at(-1)!) };
  });

  mount(router, c.actions, async ({ params, principal }) => {
    const province = knownOffice(params.officeId);
    assertInScope(principal, { officeId: params.officeId, province }, 'office');
    return {
      status: 200,
      body: { items: deps.supervision.actions(params.officeId).map(actionView) },
    };
  });

  return router;
}
