import { Router } from 'express';
import { reportRoutes as r } from '../../contracts/reports';
import { jalaliDayRange } from '../../src/shared/http/days';
import { mount } from '../../src/shared/http/mount';
import type { ReadModelDb } from '../db';
import { sealed } from '../digest';
import { everyone, fileHeaders } from '../http';
import { dayView } from '../settlement/queries';
import { complianceCsv } from './exports';
import { complianceReport, flaggedPayments } from './queries';

/** The tariff compliance report (JSON and CSV) and the flagged payments behind its figures. */
export function complianceReportsRouter(deps: { db: ReadModelDb }): Router {
  const router = Router();
  const { db } = deps;

  const compliance = (query: { from: string; to: string; province?: string | undefined }) =>
    complianceReport(db, {
      ...jalaliDayRange(query),
      ...(query.province ? { province: query.province } : {}),
    });

  mount(router, r.complianceReport, async ({ query }) => {
    const { from, to } = jalaliDayRange(query);
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
      ...jalaliDayRange(query),
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

  return router;
}
