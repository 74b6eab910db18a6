import { z } from 'zod';
import { StoredInstant, StoredRial, StoredSignedRial } from '../primitives';
import { eventContract, type EventOf } from './contract';
import { paidKinds, StoredJalaliDay } from './settlement';

/**
 * The outcome of one credit of a PSP's settlement file (فایل تسویه پرداخت‌یار) against the
 * split (تسهیم) the ledger recorded for the same payment:
 * - `matched`: the IBAN and the amount the ledger expects;
 * - `amount_mismatch`: the ledger's IBAN, another amount;
 * - `iban_mismatch`: the ledger's amount, paid to another IBAN than the ledger's;
 * - `missing_in_file`: a credit the ledger expects that the file lacks;
 * - `unexpected_in_file`: a credit of the file the ledger expects no such posting for.
 */
export const pspOutcomeKinds = [
  'matched',
  'amount_mismatch',
  'iban_mismatch',
  'missing_in_file',
  'unexpected_in_file',
] as const;
export type PspOutcomeKind = (typeof pspOutcomeKinds)[number];

/** One row of the file: a beneficiary credit the switch paid for a payment. */
export const PspFileCredit = z.object({
  /** The row's line in the file (the header is line 1). */
  line: z.number().int().positive(),
  terminalId: z.string(),
  /** Retrieval reference number (شماره مرجع) of the card payment. */
  rrn: z.string(),
  /** Sheba (شبا) credited, canonical `IR` + 24 digits. */
  iban: z.string(),
  amount: StoredRial,
  /** The day the switch settled it, Jalali. */
  settledOn: StoredJalaliDay,
});
export type PspFileCredit = z.infer<typeof PspFileCredit>;

/** A beneficiary credit the ledger expects the switch to pay for a payment: one posting of its split. */
export const PspExpectedCredit = z.object({
  paymentId: z.string(),
  terminalId: z.string(),
  rrn: z.string(),
  kind: z.enum(paidKinds),
  /** Agency id, office id, technical beneficiary's name, or `vat`. */
  beneficiaryId: z.string(),
  iban: z.string(),
  amount: StoredRial,
  /** The agency whose service the payment was for. */
  agencyId: z.string().optional(),
});
export type PspExpectedCredit = z.infer<typeof PspExpectedCredit>;

/** Whose account an IBAN is, as far as the ledger knows. */
export const PspAccount = z.object({
  iban: z.string(),
  kind: z.enum(paidKinds),
  beneficiaryId: z.string(),
});
export type PspAccount = z.infer<typeof PspAccount>;

export const PspOutcome = z.object({
  kind: z.enum(pspOutcomeKinds),
  terminalId: z.string(),
  rrn: z.string(),
  file: PspFileCredit.optional(),
  expected: PspExpectedCredit.optional(),
  /** The account the file credited, when the ledger knows whose it is and the ledger expected nothing there. */
  creditedAccount: PspAccount.optional(),
  /** The agencies the outcome concerns: its expected agency fee's, or the agency whose IBAN the file credited. */
  agencyIds: z.array(z.string()),
  /** File minus expected, in rials. */
  difference: StoredSignedRial,
});
export type PspOutcome = z.infer<typeof PspOutcome>;

const KindCounts = z.object(
  Object.fromEntries(pspOutcomeKinds.map((k) => [k, z.number().int().nonnegative()])) as Record<
    PspOutcomeKind,
    z.ZodNumber
  >,
);

/** Totals of one beneficiary account (IBAN): what the ledger expected, what the file credited, outcomes by kind. */
export const PspBeneficiaryTotals = z.object({
  iban: z.string(),
  kind: z.enum(paidKinds).optional(),
  beneficiaryId: z.string().optional(),
  expected: StoredRial,
  credited: StoredRial,
  difference: StoredSignedRial,
  outcomes: KindCounts,
});
export type PspBeneficiaryTotals = z.infer<typeof PspBeneficiaryTotals>;

/**
 * The regulator reconciled a PSP's daily settlement file against the ledger's splits of the
 * payments it covers: every credit of the file and every credit the ledger expected has one
 * outcome. The run id derives from the file's digest and the run's parameters, so the same
 * upload twice is one run, in `pspsettlement-<runId>`.
 */
export const PspSettlementReconciled = eventContract(
  'PspSettlementReconciled',
  1,
  z.object({
    runId: z.string(),
    /** The PSP (پرداخت‌یار) named at upload, whose terminals' payments the file must cover; absent: the terminals the file names. */
    psp: z.string().optional(),
    from: StoredJalaliDay,
    to: StoredJalaliDay,
    fileSha256: z.string(),
    /** Days the file says it settled on, in order. */
    settledOn: z.array(StoredJalaliDay),
    /** The payments read model's position the expected credits were read at. */
    ledgerPosition: z.number().int().nonnegative(),
    rows: z.number().int().nonnegative(),
    outcomes: z.array(PspOutcome),
    beneficiaries: z.array(PspBeneficiaryTotals),
    totals: z.object({
      expected: StoredRial,
      credited: StoredRial,
      difference: StoredSignedRial,
      outcomes: KindCounts,
    }),
    completedAt: StoredInstant,
    completedBy: z.string(),
  }),
);
export type PspSettlementReconciled = EventOf<typeof PspSettlementReconciled>;

/** Every event contract of PSP settlement reconciliation. */
export const pspSettlementEvents = [PspSettlementReconciled] as const;

/** `pspsettlement-<runId>`. */
export const pspSettlementStream = (runId: string) => `pspsettlement-${runId}`;
