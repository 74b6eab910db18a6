import { z } from 'zod';
import { StoredInstant, StoredRial, StoredSignedRial } from '../primitives';
import { eventContract, type EventOf } from './contract';
import { StoredJalaliDay } from './settlement';

/** The statement formats an agency may upload: CSV with the documented header, or ISO 20022 camt. */
export const statementFormats = ['csv', 'camt.053', 'camt.054'] as const;
export type StatementFormat = (typeof statementFormats)[number];

/** The outcome of matching one group of bank entries against expected treasury credits. */
export const outcomeKinds = [
  'matched',
  'amount_mismatch',
  'missing_in_bank',
  'unexpected_in_bank',
] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];

/** How a bank entry was paired with expected credits, in the order they are tried. */
export const matchedBy = ['reference', 'batch', 'amount-and-date'] as const;

/** One booked rial credit of a bank statement (واریز). */
export const BankEntry = z.object({
  /** The bank's own id of the entry (`bank_reference`, camt `AcctSvcrRef`), or its row. */
  entryId: z.string(),
  /** Jalali booking day. */
  day: StoredJalaliDay,
  amount: StoredRial,
  /** Every reference the entry carries: deposit ids, end-to-end ids, batch ids, remittance text. */
  references: z.array(z.string()),
});
export type BankEntry = z.infer<typeof BankEntry>;

/** A credit the agency's treasury account should receive: its net for a day and deposit id. */
export const ExpectedCredit = z.object({
  day: StoredJalaliDay,
  iban: z.string(),
  /** Treasury deposit id (شناسه واریز). */
  depositId: z.string(),
  amount: StoredRial,
  /** The settlement batch that ordered it, once the day was closed. */
  batchId: z.string().optional(),
});
export type ExpectedCredit = z.infer<typeof ExpectedCredit>;

export const ReconciliationOutcome = z.object({
  kind: z.enum(outcomeKinds),
  /** How the match was made, for matched and mismatched outcomes. */
  by: z.enum(matchedBy).optional(),
  bank: z.array(BankEntry),
  expected: z.array(ExpectedCredit),
  /** Bank minus expected, in rials. */
  difference: StoredSignedRial,
});
export type ReconciliationOutcome = z.infer<typeof ReconciliationOutcome>;

/**
 * A statement entry read but not matched: a camt entry that is not booked (`Sts` pending or
 * information only) or not in Iranian rials (`Ccy`), so it is no credit to the treasury yet.
 */
export const SetAsideEntry = z.object({
  entryId: z.string(),
  reason: z.enum(['not-booked', 'currency']),
  /** camt `Sts` (`BOOK`, `PDNG`, `INFO`, `FUTR`), empty when absent. */
  status: z.string(),
  currency: z.string(),
  /** As the bank wrote it (a foreign currency may have a fraction). */
  amount: z.string(),
  references: z.array(z.string()),
});
export type SetAsideEntry = z.infer<typeof SetAsideEntry>;

const OutcomeTotals = z.object({
  count: z.number().int().nonnegative(),
  bank: StoredRial,
  expected: StoredRial,
});

/**
 * An agency reconciled (تطبیق) a bank statement against its expected treasury credits. The
 * run id derives from the statement's digest and the parameters, so the same upload twice is
 * one run, in `reconciliation-<runId>`.
 */
export const ReconciliationCompleted = eventContract(
  'ReconciliationCompleted',
  1,
  z.object({
    runId: z.string(),
    agencyId: z.string(),
    from: StoredJalaliDay,
    to: StoredJalaliDay,
    format: z.enum(statementFormats),
    statementSha256: z.string(),
    tolerance: z.object({ amountRials: StoredRial, days: z.number().int().nonnegative() }),
    /** The settlement read model's position the expected credits were read at. */
    ledgerPosition: z.number().int().nonnegative(),
    outcomes: z.array(ReconciliationOutcome),
    /** Credit entries of the statement that were reported, not matched; runs recorded before it existed have none. */
    setAside: z.array(SetAsideEntry).optional(),
    totals: z.object({
      matched: OutcomeTotals,
      amount_mismatch: OutcomeTotals,
      missing_in_bank: OutcomeTotals,
      unexpected_in_bank: OutcomeTotals,
    }),
    completedAt: StoredInstant,
    completedBy: z.string(),
  }),
);
export type ReconciliationCompleted = EventOf<typeof ReconciliationCompleted>;

/** Every event contract of reconciliation. */
export const reconciliationEvents = [ReconciliationCompleted] as const;

/** `reconciliation-<runId>`. */
export const reconciliationStream = (runId: string) => `reconciliation-${runId}`;
