import { Router } from 'express';
import { reportRoutes as r } from '../contracts/reports';
import type { Clock } from '../src/shared/clock';
import { mount } from '../src/shared/http/mount';
import { complianceReportsRouter } from './compliance/routes';
import { deadlinesReportsRouter } from './deadlines/routes';
import { partyReportsRouter } from './parties/routes';
import type { Reporting } from './index';
import { pspSettlementReportsRouter } from './pspSettlement/routes';
import { settlementReportsRouter } from './settlement/routes';

/**
 * Every report read from the SQL read models (settlement, payout files, compliance, deadlines),
 * and the runner's status: GET routes only, beside the folds they read.
 */
export function reportsRouter(deps: { reporting: Reporting; clock: Clock }): Router {
  const { reporting, clock } = deps;
  const router = Router();
  router.use(settlementReportsRouter(reporting));
  router.use(complianceReportsRouter(reporting));
  router.use(deadlinesReportsRouter({ db: reporting.db, clock }));
  router.use(partyReportsRouter({ reporting, clock }));
  router.use(pspSettlementReportsRouter(reporting));
  mount(router, r.projectionStatus, async () => ({
    status: 200,
    body: { items: await reporting.runner.status() },
  }));
  return router;
}
