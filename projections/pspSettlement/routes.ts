import { Router } from 'express';
import { pspSettlementRoutes as c } from '../../contracts/pspSettlement';
import { NotFoundError, ValidationError } from '../../src/shared/errors';
import { mount } from '../../src/shared/http/mount';
import type { Principal } from '../../src/shared/http/policy';
import type { Reporting } from '../index';
import { listPspRuns, pspOutcomes, pspRun } from './queries';

/** An agency reads the runs that touch its own fees and accounts; the regulator reads all. */
const scopeOf = (principal: Principal) =>
  principal.role === 'agency' ? principal.agencyId : undefined;

function cursorOf(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  if (!/^\d{1,15}$/.test(cursor))
    throw new ValidationError('Invalid cursor', [{ path: 'cursor', message: 'not a cursor' }]);
  return Number(cursor);
}

/** PSP settlement runs: the list, one run's summary, and its outcomes a page at a time. */
export function pspSettlementReportsRouter(reporting: Reporting): Router {
  const router = Router();
  const { db, runner } = reporting;

  mount(router, c.list, async ({ query, principal }) => {
    await runner.waitFor('pspsettlement');
    const page = await listPspRuns(db, {
      agencyId: scopeOf(principal),
      before: cursorOf(query.cursor),
      limit: query.limit,
    });
    const last = page.items.at(-1);
    return {
      status: 200,
      body: {
        items: page.items.map(({ at: _at, ...run }) => run),
        ...(page.more && last ? { nextCursor: String(last.at) } : {}),
        position: page.position,
      },
    };
  });

  mount(router, c.get, async ({ params, principal }) => {
    await runner.waitFor('pspsettlement');
    const { position, run } = await pspRun(db, params.runId, scopeOf(principal));
    if (!run) throw new NotFoundError(`PSP settlement run ${params.runId} not found`);
    return { status: 200, body: run, headers: { 'X-Ledger-Position': String(position) } };
  });

  mount(router, c.outcomes, async ({ params, query, principal }) => {
    await runner.waitFor('pspsettlement');
    const agencyId = scopeOf(principal);
    const { position, run } = await pspRun(db, params.runId, agencyId);
    if (!run) throw new NotFoundError(`PSP settlement run ${params.runId} not found`);
    const page = await pspOutcomes(db, {
      runId: params.runId,
      agencyId,
      kind: query.kind,
      afterSeq: cursorOf(query.cursor) ?? -1,
      limit: query.limit,
    });
    const last = page.items.at(-1);
    return {
      status: 200,
      body: {
        items: page.items.map(({ seq: _seq, agencyIds: _agencies, ...o }) => o),
        ...(page.more && last ? { nextCursor: String(last.seq) } : {}),
        position,
      },
    };
  });

  return router;
}
