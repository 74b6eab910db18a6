import { create as contentDisposition } from 'content-disposition';
import { stringify } from 'csv-stringify/sync';

/**
 * An identifier cell that spreadsheets must keep as text: `="300000000000123"`. Excel and
 * LibreOffice Calc both evaluate it to the text itself, so a deposit id (شناسه واریز), RRN or
 * Sheba keeps every digit and its leading zeros instead of becoming `3E+14`. A machine reader
 * strips the leading `="` and the trailing `"` (see `plainCell`).
 */
export const textCell = (value: string) => (value === '' ? '' : `="${value.replace(/"/g, '""')}"`);

/** The value a `textCell` wraps, for programs that read the CSV. */
export const plainCell = (cell: string) =>
  /^=".*"$/s.test(cell) ? cell.slice(2, -1).replace(/""/g, '"') : cell;

const numeric = /^-?\d+(?:\.\d+)?$/;

/**
 * Text a person typed may start a formula in a spreadsheet (`=HYPERLINK(…)`, `+`, `-`, `@`, or
 * a tab or carriage return before one); such a cell is prefixed with `'` so it shows as text.
 * Numbers, negative amounts included, are left alone.
 */
export const safeText = (value: string) =>
  /^[=+\-@\t\r]/.test(value) && !numeric.test(value) ? `'${value}` : value;

/**
 * A CSV file for people who open it in Excel: UTF-8 with a byte-order mark (so Persian text
 * shows), CRLF, a header row (the column keys, or `headers` in their place, e.g. in Persian);
 * the `text` columns as `textCell`, every other string through `safeText`.
 */
export function spreadsheetCsv(
  rows: ReadonlyArray<Record<string, string | number>>,
  columns: readonly string[],
  text: ReadonlySet<string> = new Set(),
  headers?: readonly string[],
): string {
  const cell = (c: string, v: string | number | undefined): string | number | undefined =>
    typeof v !== 'string' ? v : text.has(c) ? textCell(v) : safeText(v);
  const cells = rows.map((row): Record<string, string | number | undefined> =>
    Object.fromEntries(columns.map((c) => [c, cell(c, row[c])])),
  );
  return stringify(cells, {
    header: true,
    columns: columns.map((key, i) => ({ key, header: safeText(headers?.[i] ?? key) })),
    bom: true,
    record_delimiter: '\r\n',
  });
}

/**
 * A download's `Content-Disposition`: attachment, named for the report, the party and the Jalali
 * period (`settlement_traffic_1405-09-01_1405-09-30.csv`), with an ASCII `filename` and the exact
 * UTF-8 name in `filename*`.
 */
export function attachmentHeader(parts: ReadonlyArray<string | undefined>, extension: string) {
  const name = parts
    .filter((p): p is string => p !== undefined && p !== '')
    .map((p) => p.replace(/\//g, '-').replace(/[\\\s"';:]+/g, '_'))
    .join('_');
  const ascii = `${name.replace(/[^\x20-\x7e]+/g, '_').replace(/_{2,}/g, '_')}.${extension}`;
  return contentDisposition(`${name}.${extension}`, { fallback: ascii });
}
