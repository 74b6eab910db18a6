import { Router } from 'express';
import type { z } from 'zod';
import {
  agencyReport as agencyRoutes,
  nationalReport as nationalRoutes,
  officeStatement as officeRoutes,
  provinceLicensing as provinceRoutes,
  reconciliationHistory as historyRoutes,
} from '../../contracts/partyReports';
import type { RouteContract } from '../../contracts/route';
import type { Clock } from '../../src/shared/clock';
import { NotFoundError } from '../../src/shared/errors';
import { mount, type RouteInput } from '../../src/shared/http/mount';
import { assertInScope } from '../../src/shared/http/policy';
import { sealed } from '../digest';
import { everyone, fileHeaders } from '../http';
import type { Reporting } from '../index';
import { agencyReport, agencySheets } from './agency';
import { nationalReport, nationalSheets } from './national';
import { officeSheets, officeStatement } from './office';
import { monthRange } from './period';
import { provinceLicensing, provinceSheets } from './province';
import { reconciliationHistory, reconciliationSheets } from './reconciliations';
import { sheetsCsv, sheetsXlsx, type Lang, type Sheet } from './sheets';

/** What a report handler answers: the body and its tables, and how its files are named. */
interface Built {
  position: number;
  body: object;
  sheets: Sheet[];
  title: string;
  party: string;
  period: { from: string; to: string; fromIso: string; toIso: string };
}

type Input<P extends z.ZodType, Q extends z.ZodType> = RouteInput<
  z.infer<P>,
  z.infer<Q>,
  undefined
>;

/**
 * Mounts a report's CSV, XLSX and JSON routes on one builder, so the three carry the same
 * numbers; the files first, or `/agencies/AG1.csv` would be read as the agency `AG1.csv`.
 */
function mountFormats<P extends z.ZodType, Q extends z.ZodType>(
  router: Router,
  routes: { json: RouteContract<P, Q>; csv: RouteContract<P, Q>; xlsx: RouteContract<P, Q> },
  build: (input: Input<P, Q>) => Promise<Built>,
): void {
  const lang = (input: Input<P, Q>) => (input.query as { lang?: Lang }).lang ?? 'en';
  mount(router, routes.csv, async (input) => {
    const r = await build(input as Input<P, Q>);
    const csv = sheetsCsv(r.sheets, r.position, lang(input as Input<P, Q>));
    return {
      status: 200,
      raw: csv,
      contentType: 'text/csv; charset=utf-8',
      headers: fileHeaders(r.position, csv, [r.title, r.party, r.period.from, r.period.to]),
    };
  });
  mount(router, routes.xlsx, async (input) => {
    const r = await build(input as Input<P, Q>);
    const { sha256 } = sealed(r.position, r.body);
    const xlsx = await sheetsXlsx(
      r.sheets,
      { title: r.title, party: r.party, period: r.period, ledgerPosition: r.position, sha256 },
      lang(input as Input<P, Q>),
    );
    return {
      status: 200,
      raw: xlsx,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      headers: fileHeaders(
        r.position,
        xlsx,
        [r.title, r.party, r.period.from, r.period.to],
        'xlsx',
      ),
    };
  });
  mount(router, routes.json, async (input) => {
    const r = await build(input as Input<P, Q>);
    return { status: 200, body: sealed(r.position, r.body) };
  });
}

const periodOf = (p: {
  from: string;
  to: string;
  start: { iso: string };
  end: { iso: string };
}) => ({
  from: p.from,
  to: p.to,
  fromIso: p.start.iso,
  toIso: p.end.iso,
});

/**
 * The parties' reports (clause 4 note): AREO and provincial MPOs, agencies, offices and
 * provincial working groups, each in JSON, CSV and XLSX, scoped by the credential (another
 * party's is 404). Each brings the projections it reads to the log's head first.
 */
export function partyReportsRouter(deps: { reporting: Reporting; clock: Clock }): Router {
  const router = Router();
  const { db, runner, cutoffMinutes } = deps.reporting;
  const current = (...names: string[]) => Promise.all(names.map((n) => runner.waitFor(n)));

  mountFormats(router, nationalRoutes, async ({ query, principal }) => {
    let province: string | undefined = query.province;
    if (principal.role === 'provincial_mpo') {
      if (province !== undefined && province !== principal.province)
        throw new NotFoundError('Province not found');
      province = principal.province;
    }
    const range = monthRange(query.from, query.to, cutoffMinutes);
    await current('volumes', 'deadlines', 'offices');
    const r = await nationalReport(db, {
      range,
      at: deps.clock.now(),
      ...(province ? { province } : {}),
    });
    return {
      ...r,
      sheets: nationalSheets(r.body),
      title: 'national',
      party: province ?? everyone,
      period: periodOf(range.view),
    };
  });

  mountFormats(router, agencyRoutes, async ({ params, query, principal }) => {
    assertInScope(principal, { agencyIds: [params.agencyId] }, 'Agency');
    const range = monthRange(query.from, query.to, cutoffMinutes);
    await current('settlement', 'compliance', 'volumes', 'reconciliations');
    const r = await agencyReport(db, { range, agencyId: params.agencyId });
    return {
      ...r,
      sheets: agencySheets(r.body),
      title: 'agency',
      party: params.agencyId,
      period: periodOf(range.view),
    };
  });

  mountFormats(router, historyRoutes, async ({ params, query, principal }) => {
    assertInScope(principal, { agencyIds: [params.agencyId] }, 'Agency');
    await current('reconciliations');
    const r = await reconciliationHistory(db, {
      agencyId: params.agencyId,
      limit: query.limit,
      ...(query.runId !== undefined ? { runId: query.runId } : {}),
      ...(query.before !== undefined ? { before: query.before } : {}),
    });
    if (query.runId !== undefined && r.body.runs.length === 0)
      throw new NotFoundError('Reconciliation run not found');
    const days = r.body.runs.flatMap((x) => [x.from, x.to]).sort();
    return {
      ...r,
      sheets: reconciliationSheets(r.body),
      title: 'reconciliations',
      party: params.agencyId,
      period: { from: days[0] ?? '', to: days[days.length - 1] ?? '', fromIso: '', toIso: '' },
    };
  });

  mountFormats(router, officeRoutes, async ({ params, query, principal }) => {
    assertInScope(principal, { officeId: params.officeId }, 'Office');
    const range = monthRange(query.month, query.month, cutoffMinutes);
    await current('volumes', 'compliance', 'supervision');
    const r = await officeStatement(db, {
      range,
      officeId: params.officeId,
      asOf: deps.clock.now(),
    });
    return {
      ...r,
      sheets: officeSheets(r.body),
      title: 'statement',
      party: params.officeId,
      period: periodOf(range.view),
    };
  });

  mountFormats(router, provinceRoutes, async ({ params, principal }) => {
    assertInScope(principal, { province: params.province }, 'Province');
    await current('licenses', 'offices', 'supervision');
    const at = deps.clock.now();
    const r = await provinceLicensing(db, { province: params.province, at });
    const day = r.body.at.jalali.slice(0, 10);
    return {
      ...r,
      sheets: provinceSheets(r.body),
      title: 'licensing',
      party: params.province,
      period: { from: day, to: day, fromIso: at.toISOString(), toIso: at.toISOString() },
    };
  });

  return router;
}
