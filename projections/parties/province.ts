import { licenseFold, statusAt } from '../../contracts/reference/license';
import { officeFold } from '../../contracts/reference/officeRecords';
import { instant } from '../../src/shared/jalali';
import { halfYearOf } from '../../src/shared/jalaliPeriod';
import type { ReadModelDb } from '../db';
import { loadSnapshot } from '../reference/projection';
import { officeMeasures } from '../supervision/queries';
import { performanceScore } from '../supervision/score';
import type { Sheet } from './sheets';
import { keyColumns, supervisionColumns } from './volumeSheets';

const dayMs = 86_400_000;

/**
 * A provincial working group's report (کارگروه استانی): the license applications of its
 * province by state (`expired` as of `at`), each with its age in whole days since it was
 * applied for, and the province's offices whose license is active with their supervision
 * measures and score for the current half-year. No holder's name or id: a working group reads
 * the applicant's details on the application itself.
 */
export async function provinceLicensing(db: ReadModelDb, q: { province: string; at: Date }) {
  const period = halfYearOf(q.at);
  const [licenses, offices, measured] = await Promise.all([
    loadSnapshot(db, licenseFold),
    loadSnapshot(db, officeFold),
    officeMeasures(db, { period, asOf: q.at, province: q.province }),
  ]);
  const applications = (licenses?.records ?? [])
    .map(([, r]) => r)
    .filter((r) => r.state.application.province === q.province)
    .map((r) => {
      const a = r.state.application;
      return {
        licenseId: r.licenseId,
        state: statusAt(r.state, q.at),
        officeKind: a.officeKind,
        locality: a.location.locality,
        appliedAt: instant(new Date(a.appliedAt)),
        ageDays: Math.max(0, Math.floor((q.at.getTime() - Date.parse(a.appliedAt)) / dayMs)),
        votes: a.votes.length,
      };
    })
    .sort((x, y) => y.ageDays - x.ageDays || (x.licenseId < y.licenseId ? -1 : 1));
  const states = new Map<string, { applications: number; oldestDays: number; totalDays: number }>();
  for (const a of applications) {
    const s = states.get(a.state) ?? { applications: 0, oldestDays: 0, totalDays: 0 };
    s.applications += 1;
    s.oldestDays = Math.max(s.oldestDays, a.ageDays);
    s.totalDays += a.ageDays;
    states.set(a.state, s);
  }
  const statusOf = new Map(
    (licenses?.records ?? []).map(([id, r]) => [id, statusAt(r.state, q.at)] as const),
  );
  const measures = new Map(measured.offices.map((o) => [o.officeId, o]));
  const licensed = (offices?.records ?? [])
    .map(([, r]) => r.state)
    .filter((o) => o.province === q.province && statusOf.get(o.licenseId) === 'active')
    .map((o) => {
      const m = measures.get(o.officeId);
      const figures = {
        volume: m?.volume ?? 0,
        violations: m?.violations ?? 0,
        reversals: m?.reversals ?? 0,
        complaintsUpheld: m?.complaintsUpheld ?? 0,
        slaBreaches: m?.slaBreaches ?? 0,
      };
      return {
        officeId: o.officeId,
        licenseId: o.licenseId,
        officeKind: o.kind,
        period: period.id,
        score: performanceScore(figures),
        ...figures,
      };
    })
    .sort((x, y) => (x.officeId < y.officeId ? -1 : 1));
  return {
    position: Math.min(licenses?.position ?? 0, offices?.position ?? 0, measured.position),
    body: {
      province: q.province,
      at: instant(q.at),
      byState: [...states]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([state, s]) => ({
          state,
          applications: s.applications,
          oldestDays: s.oldestDays,
          averageDays: Math.floor(s.totalDays / s.applications),
        })),
      applications,
      offices: licensed,
    },
  };
}

type ProvinceBody = Awaited<ReturnType<typeof provinceLicensing>>['body'];

const license = { key: 'licenseId', fa: 'پروانه', kind: 'id' } as const;
const state = { key: 'state', fa: 'وضعیت' } as const;

export function provinceSheets(b: ProvinceBody): Sheet[] {
  return [
    {
      name: 'by_state',
      fa: 'بر حسب وضعیت',
      columns: [
        state,
        { key: 'applications', fa: 'تعداد درخواست', kind: 'number' },
        { key: 'oldestDays', fa: 'قدیمی‌ترین (روز)', kind: 'number' },
        { key: 'averageDays', fa: 'میانگین سن (روز)', kind: 'number' },
      ],
      rows: b.byState,
    },
    {
      name: 'applications',
      fa: 'درخواست‌ها',
      columns: [
        license,
        state,
        keyColumns.officeKind,
        { key: 'locality', fa: 'محل' },
        { key: 'appliedAt', fa: 'تاریخ درخواست' },
        { key: 'appliedAtIso', fa: 'تاریخ درخواست (ISO)' },
        { key: 'ageDays', fa: 'سن (روز)', kind: 'number' },
        { key: 'votes', fa: 'آرا', kind: 'number' },
      ],
      rows: b.applications.map((a) => ({
        ...a,
        appliedAt: a.appliedAt.jalali,
        appliedAtIso: a.appliedAt.iso,
      })),
    },
    {
      name: 'offices',
      fa: 'دفاتر دارای پروانه',
      columns: [keyColumns.officeId, license, keyColumns.officeKind, ...supervisionColumns],
      rows: b.offices,
    },
  ];
}
