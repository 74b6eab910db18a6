import { Router } from 'express';
import { reportRoutes as r } from '../../contracts/reports';
import { jalaliDayRange } from '../shared/http/days';
import { mount } from '../shared/http/mount';
import { reconcileStatement, type ReconciliationDeps } from './reconcile';

/** The reconciliation command: an agency reconciles its bank statement. */
export function reconciliationRouter(deps: ReconciliationDeps): Router {
  const router = Router();
  mount(router, r.reconcile, async ({ body, principal }) => {
    const { from, to } = jalaliDayRange(body);
    const { run, replayed } = await reconcileStatement(
      deps,
      { ...body, from, to, agencyId: principal.agencyId! },
      principal.credentialId,
    );
    return {
      status: replayed ? 200 : 201,
      body: run,
      headers: { 'X-Ledger-Position': String(run.ledgerPosition) },
    };
  });
  return router;
}
