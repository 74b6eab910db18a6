import { Router } from 'express';
import { reportRoutes as r } from '../../contracts/reports';
import { mount } from '../shared/http/mount';
import { jalaliDay } from '../shared/http/days';
import { closeSettlementDay, type SettlementDeps } from './close';

/** The settlement command: close a business day into a settlement batch. */
export function settlementRouter(deps: SettlementDeps): Router {
  const router = Router();
  mount(router, r.closeSettlementDay, async ({ body, principal }) => {
    const batch = await closeSettlementDay(deps, jalaliDay(body.day), principal.credentialId);
    return { status: 201, body: batch };
  });
  return router;
}
