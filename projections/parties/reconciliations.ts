import { instant } from '../../src/shared/jalali';
import type { ReadModelDb } from '../db';
import { reconciliationRuns, type RunQuery } from '../reconciliations/queries';
import type { Sheet } from './sheets';

const sum = (xs: ReadonlyArray<{ amount: string }>) =>
  xs.reduce((s, x) => s + BigInt(x.amount), 0n).toString();

/** An agency's reconciliation runs as recorded, newest first, each with every outcome. */
export async function reconciliationHistory(db: ReadModelDb, q: RunQuery) {
  const page = await reconciliationRuns(db, q);
  return {
    position: page.position,
    body: {
      agencyId: q.agencyId,
      total: page.total,
      runs: page.runs.map(({ position, run }) => ({
        ...run,
        recordedAt: position,
        completed: instant(new Date(run.completedAt)),
      })),
      ...(page.next !== undefined ? { nextBefore: page.next } : {}),
    },
  };
}

type HistoryBody = Awaited<ReturnType<typeof reconciliationHistory>>['body'];

const runId = { key: 'runId', fa: 'شناسه تطبیق', kind: 'id' } as const;
const count = (key: string, fa: string) => ({ key, fa, kind: 'number' as const });

export function reconciliationSheets(b: HistoryBody): Sheet[] {
  return [
    {
      name: 'runs',
      fa: 'اجراهای تطبیق',
      columns: [
        runId,
        { key: 'from', fa: 'از' },
        { key: 'to', fa: 'تا' },
        { key: 'format', fa: 'قالب صورت‌حساب' },
        { key: 'completedAt', fa: 'زمان اجرا' },
        { key: 'completedAtIso', fa: 'زمان اجرا (ISO)' },
        count('matched', 'منطبق'),
        count('amountMismatch', 'مغایرت مبلغ'),
        count('missingInBank', 'واریزنشده'),
        count('unexpectedInBank', 'واریز ناشناخته'),
        { key: 'statementSha256', fa: 'SHA-256 صورت‌حساب', kind: 'id' },
      ],
      rows: b.runs.map((r) => ({
        runId: r.runId,
        from: r.from,
        to: r.to,
        format: r.format,
        completedAt: r.completed.jalali,
        completedAtIso: r.completed.iso,
        matched: r.totals.matched.count,
        amountMismatch: r.totals.amount_mismatch.count,
        missingInBank: r.totals.missing_in_bank.count,
        unexpectedInBank: r.totals.unexpected_in_bank.count,
        statementSha256: r.statementSha256,
      })),
    },
    {
      name: 'outcomes',
      fa: 'نتایج',
      columns: [
        runId,
        { key: 'kind', fa: 'نتیجه' },
        { key: 'by', fa: 'روش تطبیق' },
        count('bankAmount', 'مبلغ بانک (ریال)'),
        count('expectedAmount', 'مبلغ مورد انتظار (ریال)'),
        count('difference', 'اختلاف (ریال)'),
        { key: 'bankEntries', fa: 'ردیف‌های بانک', kind: 'id' },
        { key: 'expectedDays', fa: 'روزهای مورد انتظار' },
      ],
      rows: b.runs.flatMap((r) =>
        r.outcomes.map((o) => ({
          runId: r.runId,
          kind: o.kind,
          by: o.by ?? '',
          bankAmount: sum(o.bank),
          expectedAmount: sum(o.expected),
          difference: o.difference,
          bankEntries: o.bank.map((e) => e.entryId).join(' '),
          expectedDays: o.expected.map((e) => e.day).join(' '),
        })),
      ),
    },
  ];
}
