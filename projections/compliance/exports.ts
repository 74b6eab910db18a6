import { spreadsheetCsv } from '../../src/shared/csv';
import type { complianceReport } from './queries';

type Report = NonNullable<Awaited<ReturnType<typeof complianceReport>>['body']>;
type Figures = Report['totals'];

export const complianceCsvColumns = [
  'section',
  'key',
  'payments',
  'violations',
  'excess_collected_rials',
  'refunded_rials',
  'still_held_rials',
  'ledger_position',
];

/**
 * The tariff compliance report (رعایت تعرفه) for a spreadsheet: one row per section (`totals`,
 * `type`, `office`, `province`, `service`, `month`, `most_offending`) and key. An empty
 * report (no live build yet) is the header alone.
 */
export function complianceCsv(report: Report | undefined, position: number): string {
  const row = (section: string, key: string, f: Figures) => ({
    section,
    key,
    payments: f.payments,
    violations: f.violations,
    excess_collected_rials: f.excessCollected,
    refunded_rials: f.refunded,
    still_held_rials: f.stillHeld,
    ledger_position: position,
  });
  const rows = report
    ? [
        row('totals', 'all', report.totals),
        ...report.byType.map((r) => row('type', r.type, r)),
        ...report.byOffice.map((r) => row('office', r.officeId, r)),
        ...report.byProvince.map((r) => row('province', r.province, r)),
        ...report.byService.map((r) => row('service', r.serviceCode, r)),
        ...report.byMonth.map((r) => row('month', r.month, r)),
        ...report.mostOffendingOffices.map((r) => row('most_offending', r.officeId, r)),
      ]
    : [];
  return spreadsheetCsv(rows, complianceCsvColumns);
}
