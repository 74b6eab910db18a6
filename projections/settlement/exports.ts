import type { SettlementBatchClosed } from '../../contracts/events/settlement';
import { spreadsheetCsv } from '../../src/shared/csv';
import { tehranParts } from '../../src/shared/jalali';
import { businessDayStart } from '../businessDay';
import type { Sheet } from '../parties/sheets';

/** Account identifiers that must stay text in a spreadsheet: every digit, leading zeros too. */
const accountColumns = new Set(['iban', 'deposit_id']);
const csv = (rows: Array<Record<string, string | number>>, columns: string[]) =>
  spreadsheetCsv(rows, columns, accountColumns);

export const payoutCsvColumns = [
  'batch_id',
  'end_to_end_id',
  'business_day',
  'beneficiary_kind',
  'beneficiary_id',
  'iban',
  'deposit_id',
  'amount_rials',
  'payments',
  'ledger_position',
];

/** The batch's payout instructions for accountants. */
export function payoutCsv(batch: SettlementBatchClosed): string {
  return csv(
    batch.instructions.map((i) => ({
      batch_id: batch.batchId,
      end_to_end_id: i.endToEndId,
      business_day: batch.day,
      beneficiary_kind: i.kind,
      beneficiary_id: i.beneficiaryId,
      iban: i.iban,
      deposit_id: i.depositId,
      amount_rials: i.amount,
      payments: i.payments,
      ledger_position: batch.ledgerPosition,
    })),
    payoutCsvColumns,
  );
}

const escape = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
const pad = (n: number) => String(n).padStart(2, '0');

/** The Gregorian calendar date of an instant in Asia/Tehran, `2024-09-23`. */
const tehranDate = (iso: string) => {
  const t = tehranParts(new Date(iso));
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
};

export const pain001Namespace = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03';

/**
 * The batch as an ISO 20022 pain.001.001.03 customer credit transfer initiation (the message
 * family Paya uses). Every value comes from the event, so a re-export is byte-identical. The
 * ledger position is part of the message id.
 */
export function pain001(batch: SettlementBatchClosed): string {
  const tx = batch.instructions.map((i) =>
    [
      '      <CdtTrfTxInf>',
      `        <PmtId><InstrId>${escape(i.endToEndId)}</InstrId><EndToEndId>${escape(i.endToEndId)}</EndToEndId></PmtId>`,
      `        <Amt><InstdAmt Ccy="IRR">${i.amount}</InstdAmt></Amt>`,
      `        <Cdtr><Nm>${escape(`${i.kind} ${i.beneficiaryId}`.trim())}</Nm></Cdtr>`,
      `        <CdtrAcct><Id><IBAN>${escape(i.iban)}</IBAN></Id></CdtrAcct>`,
      `        <RmtInf><Ustrd>${escape(i.depositId || batch.batchId)}</Ustrd></RmtInf>`,
      '      </CdtTrfTxInf>',
    ].join('\n'),
  );
  const count = batch.instructions.length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Document xmlns="${pain001Namespace}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    '  <CstmrCdtTrfInitn>',
    '    <GrpHdr>',
    `      <MsgId>${escape(`${batch.batchId}-P${batch.ledgerPosition}`)}</MsgId>`,
    `      <CreDtTm>${batch.closedAt.replace(/\.\d{3}Z$/, 'Z')}</CreDtTm>`,
    `      <NbOfTxs>${count}</NbOfTxs>`,
    `      <CtrlSum>${batch.total}</CtrlSum>`,
    '      <InitgPty><Nm>Pishkhan Ledger (CRA)</Nm></InitgPty>',
    '    </GrpHdr>',
    '    <PmtInf>',
    `      <PmtInfId>${escape(batch.batchId)}</PmtInfId>`,
    '      <PmtMtd>TRF</PmtMtd>',
    '      <BtchBookg>false</BtchBookg>',
    `      <NbOfTxs>${count}</NbOfTxs>`,
    `      <CtrlSum>${batch.total}</CtrlSum>`,
    `      <ReqdExctnDt>${tehranDate(batch.closedAt)}</ReqdExctnDt>`,
    `      <Dbtr><Nm>${escape(batch.debtor.name)}</Nm></Dbtr>`,
    `      <DbtrAcct><Id><IBAN>${escape(batch.debtor.iban)}</IBAN></Id><Ccy>IRR</Ccy></DbtrAcct>`,
    '      <DbtrAgt><FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId></DbtrAgt>',
    '      <ChrgBr>SLEV</ChrgBr>',
    ...tx,
    '    </PmtInf>',
    '  </CstmrCdtTrfInitn>',
    '</Document>',
    '',
  ].join('\n');
}

type ReportLines = ReadonlyArray<{
  day: { jalali: string };
  beneficiary: { kind: string; id: string; iban: string; depositId: string };
  byService: Array<{
    serviceCode: string;
    payments: number;
    gross: string;
    reversals: string;
    refunds: string;
    net: string;
  }>;
}>;

export const settlementCsvColumns = [
  'business_day',
  'business_day_start',
  'beneficiary_kind',
  'beneficiary_id',
  'iban',
  'deposit_id',
  'service_code',
  'payments',
  'gross_rials',
  'reversals_rials',
  'refunds_rials',
  'net_rials',
  'ledger_position',
];

/** The settlement report lines for accountants: one row per day, beneficiary account and service. */
export function settlementRows(lines: ReportLines, position: number, cutoffMinutes: number) {
  return lines.flatMap((l) =>
    l.byService.map((s) => ({
      business_day: l.day.jalali,
      business_day_start: businessDayStart(l.day.jalali, cutoffMinutes).toISOString(),
      beneficiary_kind: l.beneficiary.kind,
      beneficiary_id: l.beneficiary.id,
      iban: l.beneficiary.iban,
      deposit_id: l.beneficiary.depositId,
      service_code: s.serviceCode,
      payments: s.payments,
      gross_rials: s.gross,
      reversals_rials: s.reversals,
      refunds_rials: s.refunds,
      net_rials: s.net,
      ledger_position: position,
    })),
  );
}

/** The settlement report lines as CSV (`settlementRows`). */
export function settlementCsv(lines: ReportLines, position: number, cutoffMinutes: number): string {
  return csv(settlementRows(lines, position, cutoffMinutes), settlementCsvColumns);
}

const settlementFa: Record<string, string> = {
  business_day: 'روز کاری',
  business_day_start: 'آغاز روز کاری (ISO)',
  beneficiary_kind: 'نوع ذی‌نفع',
  beneficiary_id: 'ذی‌نفع',
  iban: 'شبا',
  deposit_id: 'شناسه واریز',
  service_code: 'کد خدمت',
  payments: 'تعداد پرداخت',
  gross_rials: 'ناخالص (ریال)',
  reversals_rials: 'برگشت (ریال)',
  refunds_rials: 'استرداد (ریال)',
  net_rials: 'خالص (ریال)',
  ledger_position: 'موقعیت دفتر',
};
const settlementIds = new Set(['beneficiary_id', 'iban', 'deposit_id', 'service_code']);

/** The settlement report lines as one sheet of a workbook, the columns of the CSV. */
export function settlementSheet(rows: ReturnType<typeof settlementRows>): Sheet {
  return {
    name: 'settlement',
    fa: 'تسویه',
    columns: settlementCsvColumns.map((key) => ({
      key,
      fa: settlementFa[key] ?? key,
      ...(settlementIds.has(key)
        ? { kind: 'id' as const }
        : key === 'payments' || key.endsWith('_rials') || key === 'ledger_position'
          ? { kind: 'number' as const }
          : {}),
    })),
    rows,
  };
}
