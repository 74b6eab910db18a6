import { Router } from 'express';
import { reportRoutes as r } from '../../contracts/reports';
import type { Clock } from '../../src/shared/clock';
import { ValidationError } from '../../src/shared/errors';
import { mount } from '../../src/shared/http/mount';
import { instant } from '../../src/shared/jalali';
import { parseInstant } from '../../src/shared/jalaliPeriod';
import type { ReadModelDb } from '../db';
import { sealed } from '../digest';
import { deadlinesReport } from './queries';

/** The catalogue deadlines report: an agency sees its services, a provincial MPO its province. */
export function deadlinesReportsRouter(deps: { db: ReadModelDb; clock: Clock }): Router {
  const router = Router();
  const { db, clock } = deps;

  mount(router, r.deadlinesReport, async ({ query, principal }) => {
    const at = query.at === undefined ? clock.now() : parseInstant(query.at);
    if (!at)
      throw new ValidationError('Invalid instant', [
        { path: 'at', message: 'an ISO instant with a zone or a Jalali day' },
      ]);
    const { position, items } = await deadlinesReport(db, {
      at,
      ...(principal.role === 'agency' && principal.agencyId
        ? { agencyId: principal.agencyId }
        : {}),
      ...(principal.role === 'provincial_mpo' && principal.province
        ? { province: principal.province }
        : {}),
    });
    const view = items.map((i) => ({
      ...i,
      offerBy: instant(new Date(i.offerBy)),
      publishedAt: instant(new Date(i.publishedAt)),
      ...(i.deliveredAt ? { deliveredAt: instant(new Date(i.deliveredAt)) } : {}),
      firstAssignedAt: i.firstAssignedAt ? instant(new Date(i.firstAssignedAt)) : undefined,
      firstPaidAt: i.firstPaidAt ? instant(new Date(i.firstPaidAt)) : undefined,
      launchedAt: i.launchedAt ? instant(new Date(i.launchedAt)) : undefined,
    }));
    const late = view.filter((i) => i.status === 'overdue' || i.status === 'delivered_late');
    return { status: 200, body: sealed(position, { at: instant(at), items: view, late }) };
  });

  return router;
}
