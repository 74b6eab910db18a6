import { parse } from 'csv-parse/sync';
import type { PspFileCredit } from '../../contracts/events/pspSettlement';
import { normaliseDigits } from '../shared/digits';
import { ValidationError } from '../shared/errors';
import { sheba } from '../shared/iranianIds';
import { jalaliDayOf, rialsOf } from './statement';

/**
 * The header of a PSP's daily settlement file (فایل تسویه روزانه پرداخت‌یار), UTF-8 with an
 * optional BOM, one row per beneficiary credit of a split (تسهیم), columns in any order:
 * `terminal_id` (the payment's terminal), `rrn` (its retrieval reference number, 12 characters),
 * `iban` (Sheba credited, `IR` + 24 digits, Persian or Arabic digits accepted), `amount` (whole
 * rials, positive), `settlement_date` (the day the switch settled it: `1405/09/09` or
 * `2026-11-30`). See docs/psp-settlement.md.
 */
export const pspFileHeader = ['terminal_id', 'rrn', 'iban', 'amount', 'settlement_date'] as const;

/** Most rows one file may hold. */
export const maxPspFileRows = 20_000;

const fail = (line: number | undefined, message: string) =>
  new ValidationError(
    `The settlement file cannot be read${line ? ` at line ${line}` : ''}: ${message}`,
    [{ path: line ? `content.line.${line}` : 'content', message }],
  );

interface Info {
  record: Record<string, string>;
  info: { lines: number };
}

function rowsOf(content: string): Info[] {
  try {
    return parse<Info>(content, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: false,
    });
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw fail(e.lines, e.message);
  }
}

function checkHeader(content: string) {
  const firstLine = content.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  const header = firstLine.split(',').map((h) => h.trim().toLowerCase());
  const missing = pspFileHeader.filter((h) => !header.includes(h));
  const unknown = header.filter((h) => !(pspFileHeader as readonly string[]).includes(h));
  if (missing.length || unknown.length || header.length !== pspFileHeader.length)
    throw fail(1, `the header must be ${pspFileHeader.join(',')} (in any order)`);
}

/**
 * Reads a settlement file into its credits, each with its line. Refuses the whole file, naming
 * the first line that is wrong: a header other than the documented one, a row that does not
 * parse, a Sheba that fails its check, an amount that is not a positive whole rial, a date
 * that is not one.
 */
export function parsePspFile(content: string): PspFileCredit[] {
  checkHeader(content);
  const rows = rowsOf(content);
  if (rows.length === 0) throw fail(undefined, 'the file has no rows');
  if (rows.length > maxPspFileRows)
    throw fail(undefined, `more than ${maxPspFileRows} rows; split the file`);
  return rows.map(({ record: r, info }) => {
    const line = info.lines;
    const terminalId = normaliseDigits(r.terminal_id ?? '');
    if (!/^[A-Za-z0-9]{1,16}$/.test(terminalId))
      throw fail(line, `terminal_id is not a terminal id: ${terminalId.slice(0, 40)}`);
    const rrn = normaliseDigits(r.rrn ?? '');
    if (!/^[A-Za-z0-9]{12}$/.test(rrn)) throw fail(line, 'rrn must be 12 letters or digits');
    const iban = sheba(r.iban ?? '');
    if (!iban) throw fail(line, 'iban is not a valid Sheba (IR + 24 digits, mod-97 check)');
    const amount = rialsOf(r.amount ?? '');
    if (amount === undefined || amount <= 0n)
      throw fail(line, 'amount must be a positive whole number of rials');
    const settledOn = jalaliDayOf(r.settlement_date ?? '');
    if (!settledOn) throw fail(line, 'settlement_date is not a Jalali or ISO date');
    return { line, terminalId, rrn, iban, amount: amount.toString(), settledOn };
  });
}
