import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { supervisionRoutes as c } from '../../contracts/supervision';
import type { ReportingDeps } from '../../projections';
import {
  officeActions,
  officeMeasures,
  type RecordedAction,
} from '../../projections/supervision/queries';
import type { Clock } from '../shared/clock';
import { NotFoundError } from '../shared/errors';
import { commandHandler, type EventStore } from '../shared/eventStore';
import { assertInScope } from '../shared/http/policy';
import { instant } from '../shared/jalali';
import { parseHalfYear } from '../shared/jalaliPeriod';
import { mount } from '../shared/http/mount';
import { actionOf, supervisionStream } from './supervision';
import { supervisionDecider } from './supervision.decide';
import { rankByProvince } from './score';

export interface SupervisionDeps {
  store: EventStore;
  clock: Clock;
  /** The `supervision` projection answers every read. */
  reporting: Pick<ReportingDeps, 'db' | 'runner'>;
  officeProvince(officeId: string): string | undefined;
}

const actionView = (e: RecordedAction) => ({
  actionId: e.actionId,
  action: actionOf(e.type),
  reason: e.reason,
  ...(e.complaintId ? { complaintId: e.complaintId } : {}),
  ...(e.period ? { period: e.period } : {}),
  recordedAt: instant(new Date(e.recordedAt)),
  recordedBy: e.recordedBy,
  ...(e.outcome
    ? {
        outcome: {
          status: e.outcome.status,
          reason: e.outcome.reason,
          at: instant(new Date(e.outcome.at)),
          by: e.outcome.by,
        },
      }
    : {}),
});

export function supervisionRouter(deps: SupervisionDeps): Router {
  const router = Router();
  const { db, runner } = deps.reporting;
  /** Brings the projection to the log's head, so a read reflects every write made before it. */
  const current = () => runner.waitFor('supervision');
  const rankings = async (periodId: string, province?: string) => {
    await current();
    const asOf = deps.clock.now();
    const period = parseHalfYear(periodId)!;
    const measured = await officeMeasures(db, {
      period,
      asOf,
      ...(province ? { province } : {}),
    });
    return { asOf, position: measured.position, ranks: rankByProvince(measured.offices) };
  };
  const knownOffice = (officeId: string) => {
    const province = deps.officeProvince(officeId);
    if (!province) throw new NotFoundError('office not found');
    return province;
  };

  mount(router, c.rankings, async ({ query }) => {
    const { asOf, position, ranks } = await rankings(query.period, query.province);
    return {
      status: 200,
      body: {
        period: query.period,
        asOf: instant(asOf),
        position,
        provinces: Object.fromEntries(ranks),
      },
    };
  });

  mount(router, c.office, async ({ params, query, principal }) => {
    const province = knownOffice(params.officeId);
    assertInScope(principal, { officeId: params.officeId, province }, 'office');
    const row = (await rankings(query.period, province)).ranks
      .get(province)
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
    if (r.append) await runner.waitFor('supervision', r.append.position);
    return { status: 201, body: actionView(r.state.actions.at(-1)!) };
  });

  mount(router, c.actions, async ({ params, principal }) => {
    const province = knownOffice(params.officeId);
    assertInScope(principal, { officeId: params.officeId, province }, 'office');
    await current();
    const { items } = await officeActions(db, params.officeId);
    return { status: 200, body: { items: items.map(actionView) } };
  });

  return router;
}
