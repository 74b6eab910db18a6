import { Router } from 'express';
import { complaintRoutes as c } from '../../contracts/complaints';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import { mount } from '../shared/http/mount';
import { assertInScope, type Principal } from '../shared/http/policy';
import { caseCounts, casesInScope, type CaseScope } from '../../projections/complaints/queries';
import { caseByCode, caseRecord, overdueCases, overdueIds, readModels } from './cases';
import type { ComplaintRecord } from './complaint';
import { fileComplaint, handleStep, type ComplaintDeps, type StepInput } from './handle';
import { readTrackingCode } from './trackingCode';
import { complaintView, isHandler, publicStatus } from './views';
import { attachmentHeader, spreadsheetCsv } from '../shared/csv';
import { instant } from '../shared/jalali';
import { cursorOf, cursorPosition } from '../shared/http/page';

const owner = (r: ComplaintRecord) => r.state.filed.parties;

export function complaintsRouter(deps: ComplaintDeps): Router {
  const router = Router();
  const inScopeRecord = async (p: Principal, id: string) => {
    const r = await caseRecord(deps.store, id);
    if (!r) throw new NotFoundError('complaint not found');
    assertInScope(p, owner(r), 'complaint');
    return r;
  };
  const view = (r: ComplaintRecord, p: Principal) =>
    complaintView(r, p, deps.secrets, deps.clock.now(), deps.calendar);
  const scopeOf = (p: Principal): CaseScope =>
    p.role === 'regulator'
      ? { kind: 'all' }
      : p.role === 'agency'
        ? { kind: 'agency', agencyId: p.agencyId ?? '' }
        : { kind: 'office', officeId: p.officeId ?? '' };
  /** The desk whose overdue cases a handler sees: every desk for the regulator, its own for an agency. */
  const deskOf = (p: Principal) => (p.role === 'regulator' ? undefined : (p.agencyId ?? ''));

  mount(router, c.file, async ({ body }) => {
    const filed = await fileComplaint(deps, body);
    return {
      status: 201,
      headers: { 'Cache-Control': 'no-store' },
      body: {
        trackingCode: filed.trackingCode,
        status: 'received',
        dueBy: instant(filed.due.at),
        provisional: filed.due.provisional,
      },
    };
  });

  mount(router, c.status, async ({ params }) => {
    const code = readTrackingCode(params.trackingCode);
    const r = code === undefined ? undefined : await caseByCode(deps, code);
    if (!r) throw new NotFoundError('No case has this tracking code');
    return {
      status: 200,
      headers: { 'Cache-Control': 'no-store' },
      body: publicStatus(r.state, deps.calendar),
    };
  });

  mount(router, c.overdue, async ({ principal }) => ({
    status: 200,
    body: {
      items: (
        await overdueCases(deps.reporting, deps.clock.now(), deps.calendar, deskOf(principal))
      )
        .filter((r) => isHandler(principal, r.state))
        .map((r) => view(r, principal)),
    },
  }));

  const statistics = async (now: Date) => ({
    ...(await caseCounts(await readModels(deps.reporting))),
    overdue: (await overdueIds(deps.reporting, now, deps.calendar)).length,
  });

  mount(router, c.statistics, async () => ({
    status: 200,
    body: await statistics(deps.clock.now()),
  }));

  mount(router, c.statisticsCsv, async () => {
    const now = deps.clock.now();
    const s = await statistics(now);
    const rows = [
      { dimension: 'total', key: 'all', count: s.total },
      ...Object.entries(s.byKind).map(([key, count]) => ({ dimension: 'kind', key, count })),
      ...Object.entries(s.byStatus).map(([key, count]) => ({ dimension: 'status', key, count })),
      ...Object.entries(s.byProvince).map(([key, count]) => ({
        dimension: 'province',
        key,
        count,
      })),
      { dimension: 'overdue', key: 'all', count: s.overdue },
    ].map((r) => ({ ...r, as_of: instant(now).jalali }));
    return {
      status: 200,
      raw: spreadsheetCsv(rows, ['dimension', 'key', 'count', 'as_of']),
      contentType: 'text/csv; charset=utf-8',
      headers: {
        'Content-Disposition': attachmentHeader(
          ['complaint-statistics', 'all', instant(now).jalali.slice(0, 10)],
          'csv',
        ),
      },
    };
  });

  mount(router, c.list, async ({ query, principal }) => {
    const page = await casesInScope(await readModels(deps.reporting), {
      scope: scopeOf(principal),
      ...(query.status ? { status: query.status } : {}),
      ...(query.cursor === undefined ? {} : { after: cursorPosition(query.cursor) }),
      limit: query.limit + 1,
    });
    const items = page.slice(0, query.limit);
    const last = items.at(-1);
    return {
      status: 200,
      body: {
        items: items.map((c) => view(c.record, principal)),
        ...(page.length > query.limit && last
          ? { nextCursor: cursorOf(String(last.filedPosition)) }
          : {}),
      },
    };
  });

  mount(router, c.get, async ({ params, principal }) => ({
    status: 200,
    body: view(await inScopeRecord(principal, params.complaintId), principal),
  }));

  const handling = (contract: typeof c.review, toStep: (body: never, p: Principal) => StepInput) =>
    mount(router, contract, async ({ params, body, principal }) => {
      const r = await inScopeRecord(principal, params.complaintId);
      if (contract.action === 'complaint.handle' && !isHandler(principal, r.state))
        throw new ForbiddenError('This case is handled by another desk');
      await handleStep(
        deps,
        params.complaintId,
        toStep(body as never, principal),
        principal.credentialId,
      );
      return {
        status: 200,
        body: view((await caseRecord(deps.store, params.complaintId))!, principal),
      };
    });

  handling(c.review, (b: { reason: string }) => ({ type: 'StartReview', reason: b.reason }));
  handling(c.requestOfficeResponse, (b: { reason: string }) => ({
    type: 'RequestOfficeResponse',
    reason: b.reason,
  }));
  handling(c.officeResponse, (b: { response: string }, p) => ({
    type: 'RecordOfficeResponse',
    officeId: p.officeId ?? '',
    response: b.response,
  }));
  handling(c.resolve, (b: Extract<StepInput, { type: 'ResolveComplaint' }>) => ({
    ...b,
    type: 'ResolveComplaint',
  }));
  handling(c.close, (b: { reason: string }) => ({ type: 'CloseComplaint', reason: b.reason }));

  return router;
}
