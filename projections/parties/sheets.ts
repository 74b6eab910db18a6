import ExcelJS from 'exceljs';
import { spreadsheetCsv } from '../../src/shared/csv';

/** The language of a download's column headers: English keys, or Persian (`?lang=fa`). */
export type Lang = 'en' | 'fa';

/**
 * A column of a report table: its key (the English header and the JSON field it comes from), its
 * Persian header, and how a spreadsheet keeps it: `id` stays text whatever its digits (a Sheba,
 * a deposit id, a run id), `number` is a count or whole rials a spreadsheet can sum.
 */
export interface Column {
  key: string;
  fa: string;
  kind?: 'id' | 'number';
}

/** One table of a report: a CSV section, an XLSX sheet. */
export interface Sheet {
  name: string;
  fa: string;
  columns: readonly Column[];
  rows: ReadonlyArray<Record<string, string | number>>;
}

/** The facts every download of a report states: what it is, for whom, the period, the ledger position and the JSON's digest. */
export interface SheetsMeta {
  title: string;
  party: string;
  period: { from: string; to: string; fromIso: string; toIso: string };
  ledgerPosition: number;
  sha256: string;
}

const section: Column = { key: 'section', fa: 'بخش' };
const position: Column = { key: 'ledger_position', fa: 'موقعیت دفتر', kind: 'number' };

/**
 * Every table of a report in one CSV: a `section` column naming the table, the union of the
 * tables' columns (empty where a table has none), and the ledger position on every row.
 */
export function sheetsCsv(sheets: readonly Sheet[], ledgerPosition: number, lang: Lang): string {
  const columns: Column[] = [section];
  for (const s of sheets)
    for (const c of s.columns) if (!columns.some((x) => x.key === c.key)) columns.push(c);
  columns.push(position);
  const rows = sheets.flatMap((s) =>
    s.rows.map((r) => ({
      ...r,
      section: lang === 'fa' ? s.fa : s.name,
      ledger_position: ledgerPosition,
    })),
  );
  return spreadsheetCsv(
    rows,
    columns.map((c) => c.key),
    new Set(columns.filter((c) => c.kind === 'id').map((c) => c.key)),
    columns.map((c) => (lang === 'fa' ? c.fa : c.key)),
  );
}

/** A number a spreadsheet holds exactly (2^53), else the digits as text. */
const numberCell = (v: string | number) => {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isSafeInteger(n) || (typeof v === 'number' && Number.isFinite(v)) ? n : String(v);
};

/** A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`. */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, '-').slice(0, 31);

/**
 * The report as an XLSX workbook: an `about` sheet (report, party, Jalali and ISO period, ledger
 * position, SHA-256 of the JSON report) and one sheet per table, right-to-left with Persian
 * headers. Counts and rials are numbers, identifiers text.
 */
export async function sheetsXlsx(
  sheets: readonly Sheet[],
  meta: SheetsMeta,
  lang: Lang,
): Promise<Buffer> {
  const fa = lang === 'fa';
  const book = new ExcelJS.Workbook();
  book.creator = 'Pishkhan Ledger';
  const views = [{ rightToLeft: fa, state: 'frozen' as const, ySplit: 1 }];
  const about = book.addWorksheet(fa ? 'درباره' : 'about', { views });
  about.addRow(fa ? ['عنوان', 'مقدار'] : ['field', 'value']);
  for (const [en, label, value] of [
    ['report', 'گزارش', meta.title],
    ['party', 'طرف', meta.party],
    ['from', 'از', meta.period.from],
    ['to', 'تا', meta.period.to],
    ['from_iso', 'از (ISO)', meta.period.fromIso],
    ['to_iso', 'تا (ISO)', meta.period.toIso],
    ['ledger_position', 'موقعیت دفتر', meta.ledgerPosition],
    ['json_sha256', 'SHA-256 گزارش JSON', meta.sha256],
  ] as const)
    about.addRow([fa ? label : en, value]);
  for (const s of sheets) {
    const sheet = book.addWorksheet(sheetName(fa ? s.fa : s.name), { views });
    sheet.addRow(s.columns.map((c) => (fa ? c.fa : c.key)));
    for (const r of s.rows)
      sheet.addRow(
        s.columns.map((c) => {
          const v = r[c.key];
          if (v === undefined) return null;
          return c.kind === 'number' ? numberCell(v) : String(v);
        }),
      );
    sheet.columns.forEach((col, i) => {
      col.width = Math.min(40, Math.max(12, (s.columns[i]?.key.length ?? 10) + 2));
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The tables of an XLSX workbook read back (header row to keys), for tests and for tools. */
export async function readXlsx(
  bytes: Buffer,
): Promise<Map<string, Array<Record<string, string | number>>>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const out = new Map<string, Array<Record<string, string | number>>>();
  book.eachSheet((sheet) => {
    const rows: Array<Array<string | number>> = [];
    sheet.eachRow((row) => {
      const values = (row.values as Array<string | number | null | undefined>).slice(1);
      rows.push(values.map((v) => (v === null || v === undefined ? '' : v)));
    });
    const [header = [], ...body] = rows;
    out.set(
      sheet.name,
      body.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i] ?? '']))),
    );
  });
  return out;
}
