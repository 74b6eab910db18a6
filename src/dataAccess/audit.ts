import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { dataAccessRoutes as c } from '../../contracts/dataAccess';
import {
  anomalies,
  attempts,
  type AttemptFilter,
  type AttemptRow,
} from '../../projections/dataAccess/queries';
import { attachmentHeader, spreadsheetCsv } from '../shared/csv';
import { NotFoundError } from '../shared/errors';
import { commandHandler } from '../shared/eventStore';
import { mount } from '../shared/http/mount';
import { cursorOf, cursorPosition } from '../shared/http/page';
import type { Principal } from '../shared/http/policy';
import { instant } from '../shared/jalali';
import { formatJalaliDate, parseJalaliDate, startOfJalaliDay } from '../shared/jalaliPeriod';
import { supervisionDecider, supervisionStream } from '../supervision';
import type { DataAccessDeps } from './deps';

/** The start of a Jalali day, or of the day after it (`next`), as an ISO instant. */
function dayStart(day: string, next = false): string {
  const start = startOfJalaliDay(parseJalaliDate(day)!);
  return new Date(start.getTime() + (next ? 86_400_000 : 0)).toISOString();
}

/** Most rows one CSV download holds. */
export const csvRowLimit = 50_000;

const view = (r: AttemptRow) => ({
  accessId: r.accessId,
  at: instant(new Date(r.at)),
  outcome: r.outcome,
  ...(r.rule ? { rule: r.rule } : {}),
  ...(r.agencyId ? { agencyId: r.agencyId } : {}),
  officeId: r.officeId,
  ...(r.province ? { province: r.province } : {}),
  serviceCode: r.serviceCode,
  items: r.items,
  ...(r.instructionVersion !== null ? { instructionVersion: r.instructionVersion } : {}),
  ...(r.channel ? { channel: r.channel } : {}),
  ...(r.providerReference ? { providerReference: r.providerReference } : {}),
  ...(r.digest ? { digest: r.digest } : {}),
  credentialId: r.credentialId,
  operator: r.operator,
  outsideHours: r.outsideHours,
});

const csvColumns = [
  'at_jalali',
  'at_iso',
  'outcome',
  'rule',
  'agency_id',
  'office_id',
  'province',
  'service_code',
  'items',
  'instruction_version',
  'channel',
  'provider_reference',
  'digest',
  'operator',
  'credential_id',
  'access_id',
];

/** The audit of customer-data access, the anomaly list and its supervision action. */
export function dataAccessAuditRouter(deps: DataAccessDeps): Router {
  const router = Router();
  const { reporting } = deps;
  const filterOf = (
    p: Principal,
    q: {
      officeId?: string;
      province?: string;
      serviceCode?: string;
      outcome?: string;
      from?: string;
      to?: string;
    },
  ): Omit<AttemptFilter, 'limit'> => ({
    ...(p.role === 'agency' ? { agencyId: p.agencyId ?? '' } : {}),
    ...(q.officeId ? { officeId: q.officeId } : {}),
    ...(q.province ? { province: q.province } : {}),
    ...(q.serviceCode ? { serviceCode: q.serviceCode } : {}),
    ...(q.outcome ? { outcome: q.outcome } : {}),
    ...(q.from ? { from: dayStart(q.from) } : {}),
    ...(q.to ? { to: dayStart(q.to, true) } : {}),
  });

  mount(router, c.audit, async ({ query, principal }) => {
    await reporting.runner.waitFor('dataAccess');
    const rows = await attempts(reporting.db, {
      ...filterOf(principal, query),
      ...(query.cursor === undefined ? {} : { after: cursorPosition(query.cursor) }),
      limit: query.limit + 1,
    });
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      status: 200,
      body: {
        items: items.map(view),
        ...(rows.length > query.limit && last
          ? { nextCursor: cursorOf(String(last.position)) }
          : {}),
      },
    };
  });

  mount(router, c.auditCsv, async ({ query, principal }) => {
    await reporting.runner.waitFor('dataAccess');
    const rows = await attempts(reporting.db, {
      ...filterOf(principal, query),
      limit: csvRowLimit,
    });
    const csv = spreadsheetCsv(
      rows.map((r) => ({
        at_jalali: instant(new Date(r.at)).jalali,
        at_iso: r.at,
        outcome: r.outcome,
        rule: r.rule ?? '',
        agency_id: r.agencyId ?? '',
        office_id: r.officeId,
        province: r.province ?? '',
        service_code: r.serviceCode,
        items: r.items.join(' '),
        instruction_version: r.instructionVersion ?? '',
        channel: r.channel ?? '',
        provider_reference: r.providerReference ?? '',
        digest: r.digest ?? '',
        operator: r.operator,
        credential_id: r.credentialId,
        access_id: r.accessId,
      })),
      csvColumns,
      new Set(['provider_reference', 'office_id']),
    );
    return {
      status: 200,
      raw: csv,
      contentType: 'text/csv; charset=utf-8',
      headers: {
        'Content-Disposition': attachmentHeader(
          ['data-access', principal.agencyId ?? 'all', query.from, query.to],
          'csv',
        ),
      },
    };
  });

  mount(router, c.anomalies, async ({ query }) => {
    await reporting.runner.waitFor('dataAccess');
    await reporting.runner.waitFor('payments');
    const items = await anomalies(reporting.db, {
      from: dayStart(query.from),
      to: dayStart(query.to, true),
      fromDay: formatJalaliDate(parseJalaliDate(query.from)!),
      toDay: formatJalaliDate(parseJalaliDate(query.to)!),
    });
    return { status: 200, body: { items } };
  });

  mount(router, c.superviseAnomaly, async ({ body, principal }) => {
    if (deps.lookups.officeProvince(body.officeId) === undefined)
      throw new NotFoundError(`office ${body.officeId} not found`);
    const actionId = randomUUID();
    await commandHandler(deps.store, supervisionDecider)(supervisionStream(body.officeId), {
      type: 'RecordSupervisionAction',
      action: body.action,
      officeId: body.officeId,
      actionId,
      reason: `customer-data access anomaly (${body.kind}): ${body.reason}`,
      now: deps.clock.now(),
      actor: principal.credentialId,
    });
    return { status: 201, body: { actionId } };
  });

  return router;
}
