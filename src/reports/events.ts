/** One payment order of a settlement batch: pay `amount` rials to `iban`. */
export interface PayoutInstruction {
  /** End-to-end id of the credit transfer, carried through to the bank statement. */
  endToEndId: string;
  kind: string;
  beneficiaryId: string;
  /** Sheba (شبا) credited. */
  iban: string;
  /** Treasury deposit id (شناسه واریز) for an agency fee; empty otherwise. */
  depositId: string;
  amount: string;
  payments: number;
}

/** A beneficiary account whose net for the day is not paid out: negative, held for refund, or without a Sheba. */
export interface NotPaidOut {
  kind: string;
  beneficiaryId: string;
  iban: string;
  depositId: string;
  net: string;
  reason: 'negative-net' | 'held' | 'no-iban';
}

/**
 * A business day was closed into a settlement batch (دسته تسویه) of payout instructions, one
 * per beneficiary account, from the settlement read model at `ledgerPosition`.
 */
export interface SettlementBatchClosed {
  type: 'SettlementBatchClosed';
  batchId: string;
  /** Jalali business day, `1403/07/01`. */
  day: string;
  cutoff: string;
  ledgerPosition: number;
  debtor: { name: string; iban: string };
  instructions: PayoutInstruction[];
  notPaidOut: NotPaidOut[];
  total: string;
  /** SHA-256 of the instructions, as canonical JSON. */
  contentSha256: string;
  closedAt: string;
  closedBy: string;
}

/** The outcome of matching one group of bank entries against expected treasury credits. */
export type OutcomeKind = 'matched' | 'amount_mismatch' | 'missing_in_bank' | 'unexpected_in_bank';

export interface BankEntry {
  entryId: string;
  /** Jalali booking day. */
  day: string;
  amount: string;
  references: string[];
}

export interface ExpectedCredit {
  day: string;
  iban: string;
  depositId: string;
  amount: string;
  /** The settlement batch that ordered it, once the day was closed. */
  batchId?: string;
}

export interface ReconciliationOutcome {
  kind: OutcomeKind;
  /** How the match was made, for matched and mismatched outcomes. */
  by?: 'reference' | 'batch' | 'amount-and-date';
  bank: BankEntry[];
  expected: ExpectedCredit[];
  /** Bank minus expected, in rials. */
  difference: string;
}

/**
 * A statement entry read but not matched: a camt entry that is not booked (`Sts` pending or
 * information only) or not in Iranian rials (`Ccy`), so it is no credit to the treasury yet.
 */
export interface SetAsideEntry {
  entryId: string;
  reason: 'not-booked' | 'currency';
  /** camt `Sts` (`BOOK`, `PDNG`, `INFO`, `FUTR`), empty when absent. */
  status: string;
  currency: string;
  /** As the bank wrote it (a foreign currency may have a fraction). */
  amount: string;
  references: string[];
}

/**
 * An agency reconciled (تطبیق) a bank statement against its expected treasury credits. The
 * stream id derives from the statement's digest and the parameters, so the same upload
 * twice is one run.
 */
export interface ReconciliationCompleted {
  type: 'ReconciliationCompleted';
  runId: string;
  agencyId: string;
  from: string;
  to: string;
  format: 'csv' | 'camt.053' | 'camt.054';
  statementSha256: string;
  tolerance: { amountRials: string; days: number };
  ledgerPosition: number;
  outcomes: ReconciliationOutcome[];
  /** Credit entries of the statement that were reported, not matched (runs before this field have none). */
  setAside?: SetAsideEntry[];
  totals: Record<OutcomeKind, { count: number; bank: string; expected: string }>;
  completedAt: string;
  completedBy: string;
}

/** `settlement-14030701`. */
export const settlementStream = (day: string) => `settlement-${day.replace(/\//g, '')}`;
export const batchIdOf = (day: string) => `STL-${day.replace(/\//g, '')}`;
export const reconciliationStream = (runId: string) => `reconciliation-${runId}`;
