import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { toJalaali } from 'jalaali-js';
import type {
  BankEntry,
  SetAsideEntry,
  StatementFormat,
} from '../../contracts/events/reconciliation';
import { normaliseDigits } from '../shared/digits';
import { ValidationError } from '../shared/errors';
import { formatJalaliDate, parseJalaliDate } from '../shared/jalaliPeriod';

/**
 * The CSV header an agency's bank statement must have (UTF-8, BOM optional, one credit per row):
 * `date` (booking date, `2024-09-23` or Jalali `1403/07/02`), `amount` (whole rials, credits
 * positive; debits are ignored), `reference` (deposit id or payment reference), `bank_reference`
 * (the bank's own entry id, optional), `description` (optional).
 */
export const statementCsvHeader = [
  'date',
  'amount',
  'reference',
  'bank_reference',
  'description',
] as const;

/** A statement read: its booked rial credits, and the credit entries reported instead of matched. */
export interface Statement {
  entries: BankEntry[];
  setAside: SetAsideEntry[];
}

const fail = (message: string, path = 'content') =>
  new ValidationError(`The statement cannot be read: ${message}`, [{ path, message }]);

/** A date as a Jalali day key, or undefined: Gregorian calendar dates as written by a bank (`2024-09-23`), or Jalali, in any digits. */
export function jalaliDayOf(text: string): string | undefined {
  const t = normaliseDigits(text.trim());
  const jalali = parseJalaliDate(t);
  if (jalali) return formatJalaliDate(jalali);
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const g = new Date(Date.UTC(y, mo - 1, d));
  if (g.getUTCMonth() !== mo - 1 || g.getUTCDate() !== d) return undefined;
  const j = toJalaali(y, mo, d);
  if (j.jy < 1300 || j.jy > 1499) return undefined;
  return formatJalaliDate({ jy: j.jy, jm: j.jm, jd: j.jd });
}

function dayOf(text: string, path: string): string {
  const day = jalaliDayOf(text);
  if (!day) throw fail(`not a date: ${text}`, path);
  return day;
}

/** Whole rials as a bank or a switch writes them: any digits, thousands commas, a zero fraction. */
export function rialsOf(text: string): bigint | undefined {
  const t = normaliseDigits(text.trim()).replace(/,/g, '');
  const m = /^(-?\d+)(?:\.(0+))?$/.exec(t);
  return m ? BigInt(m[1]!) : undefined;
}

function rials(text: string, path: string): bigint {
  const amount = rialsOf(text);
  if (amount === undefined) throw fail(`not a whole rial amount: ${text}`, path);
  return amount;
}

function fromCsv(content: string): BankEntry[] {
  let rows: Record<string, string>[];
  try {
    rows = parse<Record<string, string>>(content, {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    throw fail((error as Error).message);
  }
  const header = Object.keys(rows[0] ?? {});
  const missing = statementCsvHeader
    .slice(0, 3)
    .filter((h) => rows.length > 0 && !header.includes(h));
  if (missing.length)
    throw fail(`the header lacks ${missing.join(', ')}; expected ${statementCsvHeader.join(',')}`);
  return rows.flatMap((r, i) => {
    const amount = rials(r.amount ?? '', `content[${i + 1}].amount`);
    if (amount <= 0n) return [];
    const references = [r.reference, r.description].map((x) => (x ?? '').trim()).filter(Boolean);
    return [
      {
        entryId: r.bank_reference || `row-${i + 1}`,
        day: dayOf(r.date ?? '', `content[${i + 1}].date`),
        amount: amount.toString(),
        references,
      },
    ];
  });
}

type Node = Record<string, unknown>;
const arrays = new Set(['Stmt', 'Ntfctn', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd']);
const text = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number'
    ? String(v)
    : v && typeof v === 'object' && '#text' in v
      ? text((v as Node)['#text'])
      : '';
const list = (v: unknown): Node[] =>
  Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : [];

/** Every reference a camt entry carries: end-to-end ids, remittance text and creditor references. */
function references(entry: Node): string[] {
  const out = [text(entry.NtryRef), text(entry.AddtlNtryInf)];
  for (const details of list(entry.NtryDtls)) {
    for (const tx of list(details.TxDtls)) {
      const refs = (tx.Refs ?? {}) as Node;
      out.push(text(refs.EndToEndId), text(refs.InstrId), text(refs.PmtInfId), text(refs.MsgId));
      const rmt = (tx.RmtInf ?? {}) as Node;
      for (const u of list(rmt.Ustrd)) out.push(text(u));
      for (const s of list(rmt.Strd)) out.push(text(((s.CdtrRefInf ?? {}) as Node).Ref));
    }
  }
  return [...new Set(out.map((r) => r.trim()).filter((r) => r && r !== 'NOTPROVIDED'))];
}

/** camt `Sts`: a code in versions up to 001.06 (`<Sts>BOOK</Sts>`), `<Sts><Cd>BOOK</Cd></Sts>` after. */
const statusOf = (entry: Node) => {
  const sts = entry.Sts;
  return (sts && typeof sts === 'object' && 'Cd' in sts ? text((sts as Node).Cd) : text(sts))
    .trim()
    .toUpperCase();
};
const booked = new Set(['BOOK', 'BOOKED']);

/**
 * Credit entries only; reversals skipped. Only booked (`Sts` BOOK) entries in rials (`Amt/@Ccy`
 * IRR) are credits to match; a pending or information-only entry, or one in another currency,
 * is set aside and reported.
 */
function fromCamt(content: string, format: 'camt.053' | 'camt.054'): Statement {
  const parser = new XMLParser({
    ignoreAttributes: false,
    removeNSPrefix: true,
    parseTagValue: false,
    isArray: (name) => arrays.has(name),
  });
  let doc: Node;
  try {
    doc = parser.parse(content, true) as Node;
  } catch (error) {
    throw fail(`not well-formed XML: ${(error as Error).message}`);
  }
  const root = (doc.Document ?? {}) as Node;
  const body = (format === 'camt.053' ? root.BkToCstmrStmt : root.BkToCstmrDbtCdtNtfctn) as
    Node | undefined;
  if (!body)
    throw fail(
      `no ${format === 'camt.053' ? 'BkToCstmrStmt' : 'BkToCstmrDbtCdtNtfctn'} element: is this ${format}?`,
    );
  const statement: Statement = { entries: [], setAside: [] };
  for (const report of list(format === 'camt.053' ? body.Stmt : body.Ntfctn)) {
    list(report.Ntry).forEach((entry, i) => {
      if (text(entry.CdtDbtInd) !== 'CRDT') return;
      if (text(entry.RvslInd) === 'true') return;
      const entryId = text(entry.AcctSvcrRef) || text(entry.NtryRef) || `entry-${i + 1}`;
      const status = statusOf(entry);
      const amt = entry.Amt;
      const currency = (
        amt && typeof amt === 'object' ? text((amt as Node)['@_Ccy']) : ''
      ).toUpperCase();
      if (!booked.has(status) || currency !== 'IRR') {
        statement.setAside.push({
          entryId,
          reason: booked.has(status) ? 'currency' : 'not-booked',
          status,
          currency,
          amount: normaliseDigits(text(amt).trim()),
          references: references(entry),
        });
        return;
      }
      const bookedOn = (entry.BookgDt ?? entry.ValDt ?? {}) as Node;
      const date = text(bookedOn.Dt) || text(bookedOn.DtTm);
      const amount = rials(text(amt), `Ntry[${i}].Amt`);
      statement.entries.push({
        entryId,
        day: dayOf(date, `Ntry[${i}].BookgDt`),
        amount: amount.toString(),
        references: references(entry),
      });
    });
  }
  return statement;
}

/** Reads a bank statement into its credit entries, and the entries it reports instead of matching. */
export function parseStatement(format: StatementFormat, content: string): Statement {
  return format === 'csv' ? { entries: fromCsv(content), setAside: [] } : fromCamt(content, format);
}
