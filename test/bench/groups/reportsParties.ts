import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { complianceProjection } from '../../../projections/compliance/projection';
import { sqliteReadModelDb, type ReadModelDb } from '../../../projections/db';
import { sealed } from '../../../projections/digest';
import { nationalReport } from '../../../projections/parties/national';
import { officeStatement } from '../../../projections/parties/office';
import { monthRange } from '../../../projections/parties/period';
import { sheetsXlsx } from '../../../projections/parties/sheets';
import { projectionRunner } from '../../../projections/runner';
import { settlementRows, settlementSheet } from '../../../projections/settlement/exports';
import { settlementProjection } from '../../../projections/settlement/projection';
import { settlementLines, settlementReportBody } from '../../../projections/settlement/queries';
import { supervisionProjection } from '../../../projections/supervision/projection';
import { volumesProjection } from '../../../projections/volumes/projection';
import { sqliteEventStore } from '../../../src/shared/eventStore';
import type { BenchGroup } from '../lib/group';
import { paymentLog } from './projectionsSettlement';

const runs = 300;
const xlsxRuns = 5;
const pageSize = 10_000;

let built: { db: ReadModelDb; agency: string; seconds: number } | undefined;

/**
 * The read models the parties' reports read, built once per bench process over the shared log.
 * With `BENCH_PARTIES_DIR` they are built there once and reused by later processes (the log is
 * not needed again), so the queries can be measured again without the ~10 minutes of building.
 */
async function readModels(say: (m: string) => void) {
  if (built) return built;
  const kept = process.env.BENCH_PARTIES_DIR;
  const keptFile = kept && join(kept, 'readmodels.sqlite');
  const keptShape = kept && join(kept, 'built.json');
  if (keptFile && keptShape && existsSync(keptShape)) {
    const { agency, seconds } = JSON.parse(readFileSync(keptShape, 'utf8')) as {
      agency: string;
      seconds: number;
    };
    say(`reusing the read models built in ${kept} (built in ${seconds.toFixed(1)} s)`);
    built = { db: sqliteReadModelDb(keptFile), agency, seconds };
    return built;
  }
  const { dir, file, shape } = await paymentLog(say);
  const store = sqliteEventStore(file);
  if (kept) mkdirSync(kept, { recursive: true });
  const db = sqliteReadModelDb(
    keptFile || join(mkdtempSync(join(dir, 'parties-')), 'readmodels.sqlite'),
  );
  const started = Date.now();
  const runner = projectionRunner({
    store,
    db,
    projections: [
      volumesProjection(),
      settlementProjection(),
      complianceProjection(),
      supervisionProjection(),
    ],
    batchSize: pageSize,
    sqliteLog: file,
  });
  await runner.catchUp();
  await store.close();
  const seconds = (Date.now() - started) / 1000;
  say(`built volumes, settlement, compliance and supervision in ${seconds.toFixed(1)} s`);
  built = { db, agency: shape.agencies[0]!, seconds };
  if (keptShape) writeFileSync(keptShape, JSON.stringify({ agency: built.agency, seconds }));
  return built;
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;

async function timed(n: number, warm: number, work: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n + warm; i++) {
    const t0 = process.hrtime.bigint();
    await work();
    if (i >= warm) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

/**
 * The parties' reports (issue 19) on the 1,000,000-payment log: AREO's national month (every
 * agency × province, service, office kind, trends, coverage and late listings, sealed), one
 * office's month statement, and the largest agency's month of settlement as XLSX.
 */
export const reportsParties: BenchGroup = {
  name: 'report.parties',
  async run(ctx) {
    const { db, agency } = await readModels(ctx.log);
    const range = monthRange('1403/07', '1403/07', 0);
    const at = new Date('2024-12-01T00:00:00Z');
    let cells = 0;
    const national = await timed(runs, 20, async () => {
      const r = await nationalReport(db, { range, at });
      cells = r.body.byAgencyProvince.length;
      return sealed(r.position, r.body);
    });
    const statement = await timed(runs, 20, async () => {
      const r = await officeStatement(db, { range, officeId: 'OF-1', asOf: at });
      return sealed(r.position, r.body);
    });
    let rows = 0;
    let bytes = 0;
    const xlsx = await timed(xlsxRuns, 1, async () => {
      const q = {
        from: range.firstDay,
        to: range.lastDay,
        beneficiary: { kind: 'agency', id: agency },
      };
      const { position, accounts } = await settlementLines(db, q);
      const body = settlementReportBody(accounts, q, 0);
      const sheetRows = settlementRows(body.lines, position, 0);
      rows = sheetRows.length;
      const file = await sheetsXlsx(
        [settlementSheet(sheetRows)],
        {
          title: 'settlement',
          party: agency,
          period: { from: q.from, to: q.to, fromIso: '', toIso: '' },
          ledgerPosition: position,
          sha256: sealed(position, body).sha256,
        },
        'fa',
      );
      bytes = file.length;
    });
    const log = `1,000,000-payment log (10 agencies, 400 offices in 31 provinces, 60 days from 1403/07/01, 1 % reversed), read models in SQLite (WAL), in process`;
    return {
      'report.areo.month.p95_ms': {
        value: p95(national),
        unit: 'ms',
        conditions: `national report of Jalali month 1403/07 (${cells} agency × province rows, by service, province, office kind, trends, coverage, late listings; sealed with SHA-256), p95 of ${runs} after 20; ${log}`,
      },
      'report.office.statement.p95_ms': {
        value: p95(statement),
        unit: 'ms',
        conditions: `office OF-1's statement of 1403/07 (volumes, payouts, owed to date, compliance, supervision score for 1403-H1), p95 of ${runs} after 20; ${log}`,
      },
      'report.settlement.xlsx_ms': {
        value: Math.max(...xlsx),
        unit: 'ms',
        conditions: `${agency}'s settlement of 1403/07 as XLSX (${rows} rows, ${bytes} bytes, Persian headers), slowest of ${xlsxRuns} after 1; ${log}`,
      },
    };
  },
};
