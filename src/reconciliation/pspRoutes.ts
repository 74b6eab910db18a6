import { Router } from 'express';
import { pspSettlementRoutes as c } from '../../contracts/pspSettlement';
import { jalaliDayRange } from '../shared/http/days';
import { mount } from '../shared/http/mount';
import { reconcilePspFile, type PspSettlementDeps } from './pspReconcile';

/** The PSP settlement command: the regulator uploads a switch's daily settlement file. */
export function pspSettlementRouter(deps: PspSettlementDeps): Router {
  const router = Router();
  mount(router, c.upload, async ({ body, principal }) => {
    const { from, to } = jalaliDayRange(body);
    const { run, replayed } = await reconcilePspFile(
      deps,
      { ...body, from, to },
      principal.credentialId,
    );
    const { outcomes: _outcomes, type: _type, ...summary } = run;
    return {
      status: replayed ? 200 : 201,
      body: summary,
      headers: { 'X-Ledger-Position': String(run.ledgerPosition) },
    };
  });
  return router;
}
