import { Router } from 'express';
import { reportRoutes as r } from '../../contracts/reports';
import type { ReportingDeps } from '../../projections';
import { dayKey } from '../../projections/businessDay';
import { complianceReport, flaggedPayments } from '../../projections/compliance/queries';
import { deadlinesReport } from '../../projections/deadlines/queries';
import { sealed, sha256 } from '../../projections/digest';
import { complianceCsv } from '../../projections/compliance/exports';
import { pain001, payoutCsv, settlementCsv } from '../../projections/settlement/exports';
import {
  dayView,
  settlementBatches,
  settlementLines,
  settlementReportBody,
} from '../../projections/settlement/queries';
import type { Clock } from '../shared/clock';
import { attachmentHeader } from '../shared/csv';
import { IllegalStateError, NotFoundError, ValidationError } from '../shared/errors';
import type { EventStore } from '../shared/eventStore';
import { mount } from '../shared/http/mount';
import { assertInScope, type Principal } from '../shared/http/policy';
import { instant } from '../shared/jalali';
import { parseInstant, parseJalaliDate } from '../shared/jalaliPeriod';
import { closeSettlementDay } from './closeDay';
import { reconcileStatement } from './reconcile';

export interface ReportsDeps {
  store: EventStore;
  clock: Clock;
  reporting: ReportingDeps;
}

const day = (text: string) => dayKey(parseJalaliDate(text)!);
const fromParam = (compact: string) => {
  const parsed = parseJalaliDate(
    `${compact.slice(0, 4)}/${compact.slice(4, 6)}/${compact.slice(6, 8)}`,
  );
  if (!parsed) throw new NotFoundError('No such business day');
  return dayKey(parsed);
};

function range(q: { from: string; to: string }) {
  const [from, to] = [day(q.from), day(q.to)];
  if (from > to)
    throw new ValidationError('The range is empty', [
      { path: 'to', message: 'must not be before from' },
    ]);
  return { from, to };
}

/** An agency reads only its own money: its id comes from the credential; another agency's is 404. */
function agencyScope(principal: Principal, requested: string | undefined): string | undefined {
  if (requested !== undefined) assertInScope(principal, { agencyIds: [requested] }, 'Agency');
  return principal.role === 'agency' ? principal.agencyId : requested;
}

/** A file's headers: the position and digest of its bytes, and its name (report, party, Jalali period). */
const fileHeaders = (
  position: number,
  body: string,
  name: ReadonlyArray<string | undefined>,
  extension = 'csv',
) => ({
  'X-Ledger-Position': String(position),
  'X-Content-SHA256': sha256(body),
  'Content-Disposition': attachmentHeader(name, extension),
});

const everyone = 'all';

/** Reports from the SQL read models, settlement runs and reconciliation. */
export function reportsRouter(deps: ReportsDeps): Router {
  const router = Router();
  const { reporting, clock } = deps;
  const { db } = reporting;
  const cutoff = reporting.cutoffMinutes;

  async function settlement(
    q: { from: string; to: string; agencyId?: string | undefined },
    principal: Principal,
  ) {
    const { from, to } = range(q);
    const agencyId = agencyScope(principal, q.agencyId);
    const query = {
      from,
      to,
      ...(agencyId ? { beneficiary: { kind: 'agency', id: agencyId } } : {}),
    };
    const { position, accounts } = await settlementLines(db, query);
    return { position, body: settlementReportBody(accounts, query, cutoff) };
  }

  mount(router, r.settlementReport, async ({ query, principal }) => {
    const { position, body } = await settlement(query, principal);
    return { status: 200, body: sealed(position, body) };
  });

  mount(router, r.settlementReportCsv, async ({ query, principal }) => {
    const { position, body } = await settlement(query, principal);
    const csv = settlementCsv(body.lines, position, cutoff);
    const party = principal.role === 'agency' ? principal.agencyId : query.agencyId;
    return {
      status: 200,
      raw: csv,
      contentType: 'text/csv; charset=utf-8',
      headers: fileHeaders(position, csv, ['settlement', party ?? everyone, query.from, query.to]),
    };
  });

  mount(router, r.closeSettlementDay, async ({ body, principal }) => {
    const batch = await closeSettlementDay(deps, day(body.day), principal.credentialId);
    return { status: 201, body: batch };
  });

  const batchOf = async (compact: string) => {
    const key = fromParam(compact);
    const [batch] = await settlementBatches(db, key, key);
    if (!batch) throw new NotFoundError(`No settlement batch for ${key}`);
    return batch;
  };

  mount(router, r.settlementBatch, async ({ params }) => ({
    status: 200,
    body: await batchOf(params.day),
  }));

  mount(router, r.settlementBatchCsv, async ({ params }) => {
    const batch = await batchOf(params.day);
    const csv = payoutCsv(batch);
    return {
      status: 200,
      raw: csv,
      contentType: 'text/csv; charset=utf-8',
      headers: fileHeaders(batch.ledgerPosition, csv, ['payouts', batch.batchId, batch.day]),
    };
  });

  mount(router, r.settlementBatchPain001, async ({ params }) => {
    const batch = await batchOf(params.day);
    if (batch.instructions.length === 0)
      throw new IllegalStateError(`Settlement batch ${batch.batchId} has no instruction to pay`);
    const xml = pain001(batch);
    return {
      status: 200,
      raw: xml,
      contentType: 'application/xml; charset=utf-8',
      headers: fileHeaders(
        batch.ledgerPosition,
        xml,
        ['pain.001', batch.batchId, batch.day],
        'xml',
      ),
    };
  });

  const compliance = (query: { from: string; to: string; province?: string | undefined }) =>
    complianceReport(db, {
      ...range(query),
      ...(query.province ? { province: query.province } : {}),
    });

  mount(router, r.complianceReport, async ({ query }) => {
    const { from, to } = range(query);
    const { position, body } = await compliance(query);
    return {
      status: 200,
      body: sealed(position, { from: dayView(from, 0), to: dayView(to, 0), ...body }),
    };
  });

  mount(router, r.complianceReportCsv, async ({ query }) => {
    const { position, body } = await compliance(query);
    const csv = complianceCsv(body, position);
    return {
      status: 200,
      raw: csv,
      contentType: 'text/csv; charset=utf-8',
      headers: fileHeaders(position, csv, [
        'compliance',
        query.province ?? everyone,
        query.from,
        query.to,
      ]),
    };
  });

  mount(router, r.compliancePayments, async ({ query }) => {
    const after =
      query.cursor === undefined
        ? undefined
        : Buffer.from(query.cursor, 'base64url').toString('utf8');
    const page = await flaggedPayments(db, {
      ...range(query),
      limit: query.limit,
      ...Object.fromEntries(
        Object.entries({
          type: query.type,
          officeId: query.officeId,
          province: query.province,
          serviceCode: query.serviceCode,
          after,
        }).filter(([, v]) => v !== undefined),
      ),
    });
    return {
      status: 200,
      body: {
        ledgerPosition: page.position,
        items: page.items,
        ...(page.next ? { nextCursor: Buffer.from(page.next, 'utf8').toString('base64url') } : {}),
      },
    };
  });

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
      ...(i.deliveredAt ? { deliveredAt: instant(new Date(i.deliveredAt)) } : {}),
      firstAssignedAt: i.firstAssignedAt ? instant(new Date(i.firstAssignedAt)) : undefined,
      firstPaidAt: i.firstPaidAt ? instant(new Date(i.firstPaidAt)) : undefined,
      launchedAt: i.launchedAt ? instant(new Date(i.launchedAt)) : undefined,
    }));
    const late = view.filter((i) => i.status === 'overdue' || i.status === 'delivered_late');
    return { status: 200, body: sealed(position, { at: instant(at), items: view, late }) };
  });

  mount(router, r.reconcile, async ({ body, principal }) => {
    const { from, to } = range(body);
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

  mount(router, r.projectionStatus, async () => ({
    status: 200,
    body: { items: await reporting.runner.status() },
  }));

  return router;
}
