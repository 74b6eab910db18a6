import { Router } from 'express';
import { complaintRoutes as c } from '../../contracts/complaints';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import { mount } from '../shared/http/mount';
import { assertInScope, type Principal } from '../shared/http/policy';
import { fileComplaint, handleStep, type ComplaintDeps, type StepInput } from './handle';
import type { ComplaintRecord } from './registry';
import { isOverdue } from './sla';
import { readTrackingCode } from './trackingCode';
import { complaintView, isHandler, publicStatus } from './views';
import { attachmentHeader, spreadsheetCsv } from '../shared/csv';
import { instant } from '../shared/jalali';

const owner = (r: ComplaintRecord) => r.state.filed.parties;

export function complaintsRouter(deps: ComplaintDeps): Router {
  const router = Router();
  const inScopeRecord = (p: Principal, id: string) => {
    const r = deps.registry.get(id);
    if (!r) throw new NotFoundError('complaint not found');
    assertInScope(p, owner(r), 'complaint');
    return r;
  };
  const view = (r: ComplaintRecord, p: Principal) =>
    complaintView(r, p, deps.secrets, deps.clock.now(), deps.calendar);
  const visible = (p: Principal) =>
    deps.registry
      .list()
      .filter((r) =>
        p.role === 'regulator'
          ? true
          : p.role === 'agency'
            ? r.state.filed.parties.agencyIds.includes(p.agencyId ?? '')
            : r.state.filed.parties.officeId === p.officeId,
      );

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
    const r = code === undefined ? undefined : deps.registry.byTrackingCode(code);
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
      items: deps.registry
        .overdue(deps.clock.now(), deps.calendar)
        .filter((r) => isHandler(principal, r.state))
        .map((r) => view(r, principal)),
    },
  }));

  const statistics = (now: Date) => {
    const count = (key: (r: ComplaintRecord) => string) =>
      deps.registry
        .list()
        .reduce<Record<string, number>>(
          (acc, r) => ({ ...acc, [key(r)]: (acc[key(r)] ?? 0) + 1 }),
          {},
        );
    return {
      total: deps.registry.list().length,
      byKind: count((r) => r.state.filed.kind),
      byStatus: count((r) => r.state.status),
      byProvince: count((r) => r.state.filed.parties.province ?? 'none'),
      overdue: deps.registry.list().filter((r) => isOverdue(r.state, now, deps.calendar)).length,
    };
  };

  mount(router, c.statistics, async () => ({
    status: 200,
    body: statistics(deps.clock.now()),
  }));

  mount(router, c.statisticsCsv, async () => {
    const now = deps.clock.now();
    const s = statistics(now);
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

  mount(router, c.list, async ({ query, principal }) => ({
    status: 200,
    body: {
      items: visible(principal)
        .filter((r) => !query.status || r.state.status === query.status)
        .map((r) => view(r, principal)),
    },
  }));

  mount(router, c.get, async ({ params, principal }) => ({
    status: 200,
    body: view(inScopeRecord(principal, params.complaintId), principal),
  }));

  const handling = (contract: typeof c.review, toStep: (body: never, p: Principal) => StepInput) =>
    mount(router, contract, async ({ params, body, principal }) => {
      const r = inScopeRecord(principal, params.complaintId);
      if (contract.action === 'complaint.handle' && !isHandler(principal, r.state))
        throw new ForbiddenError('This case is handled by another desk');
      await handleStep(
        deps,
        params.complaintId,
        toStep(body as never, principal),
        principal.credentialId,
      );
      return { status: 200, body: view(deps.registry.get(params.complaintId)!, principal) };
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
