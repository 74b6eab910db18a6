import { Router } from 'express';
import type { SettlementBatchClosed } from '../../contracts/events/settlement';
import { reportRoutes as r } from '../../contracts/reports';
import { IllegalStateError, NotFoundError } from '../../src/shared/errors';
import { compactJalaliDay, jalaliDayRange } from '../../src/shared/http/days';
import { mount } from '../../src/shared/http/mount';
import type { Principal } from '../../src/shared/http/policy';
import type { ReadModelDb } from '../db';
import { sealed } from '../digest';
import { agencyScope, everyone, fileHeaders } from '../http';
import { sheetsXlsx } from '../parties/sheets';
import { pain001, payoutCsv, settlementCsv, settlementRows, settlementSheet } from './exports';
import { agencyPart, batchPage, batchSummary, type BatchView } from './payouts';
import { settlementBatches, settlementLines, settlementReportBody } from './queries';

/** The settlement report (JSON and CSV) and the closed batches with their payout files. */
export function settlementReportsRouter(deps: { db: ReadModelDb; cutoffMinutes: number }): Router {
  const router = Router();
  const { db, cutoffMinutes: cutoff } = deps;

  async function settlement(
    q: { from: string; to: string; agencyId?: string | undefined },
    principal: Principal,
  ) {
    const { from, to } = jalaliDayRange(q);
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

  mount(router, r.settlementReportXlsx, async ({ query, principal }) => {
    const { lang, ...range } = query;
    const { position, body } = await settlement(range, principal);
    const party = (principal.role === 'agency' ? principal.agencyId : query.agencyId) ?? everyone;
    const sheet = settlementSheet(settlementRows(body.lines, position, cutoff));
    const xlsx = await sheetsXlsx(
      [sheet],
      {
        title: 'settlement',
        party,
        period: {
          from: body.from.jalali,
          to: body.to.jalali,
          fromIso: body.from.start.iso,
          toIso: body.to.start.iso,
        },
        ledgerPosition: position,
        sha256: sealed(position, body).sha256,
      },
      lang,
    );
    return {
      status: 200,
      raw: xlsx,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      headers: fileHeaders(position, xlsx, ['settlement', party, query.from, query.to], 'xlsx'),
    };
  });

  const regulatorView = (b: SettlementBatchClosed): BatchView => b;
  const viewOf = (principal: Principal) =>
    principal.role === 'agency'
      ? (b: SettlementBatchClosed) => agencyPart(b, principal.agencyId!)
      : regulatorView;

  const batchOf = async (compact: string, principal?: Principal): Promise<BatchView> => {
    const key = compactJalaliDay(compact);
    const [batch] = await settlementBatches(db, key, key);
    const seen = batch && (principal ? viewOf(principal)(batch) : batch);
    if (!seen) throw new NotFoundError(`No settlement batch for ${key}`);
    return seen;
  };

  mount(router, r.listSettlementBatches, async ({ query, principal }) => {
    const before = query.cursor === undefined ? undefined : compactJalaliDay(query.cursor);
    const page = await batchPage(db, { before, limit: query.limit }, viewOf(principal));
    const last = page.items.at(-1);
    return {
      status: 200,
      body: {
        items: page.items.map(batchSummary),
        ...(page.more && last ? { nextCursor: last.day.replace(/\//g, '') } : {}),
        position: page.position,
      },
    };
  });

  mount(router, r.settlementBatch, async ({ params, principal }) => ({
    status: 200,
    body: await batchOf(params.day, principal),
  }));

  mount(router, r.settlementBatchCsv, async ({ params, principal }) => {
    const batch = await batchOf(params.day, principal);
    const csv = payoutCsv(batch);
    return {
      status: 200,
      raw: csv,
      contentType: 'text/csv; charset=utf-8',
      headers: fileHeaders(batch.ledgerPosition, csv, [
        'payouts',
        batch.batchId,
        batch.day,
        batch.agencyId,
      ]),
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

  return router;
}
