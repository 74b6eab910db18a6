import { z } from 'zod';
import { StoredInstant, StoredRial, StoredSignedRial } from '../primitives';
import { eventContract, type EventOf } from './contract';

/** A Jalali business day as events store it: `1403/07/01`, zero-padded so text order is date order. */
export const StoredJalaliDay = z
  .string()
  .regex(/^1[34]\d\d\/\d\d\/\d\d$/, 'a Jalali day such as 1403/07/01');

/** Beneficiary kinds a settlement batch pays out; every other kind is held (`notPaidOut`). */
export const paidKinds = ['agency', 'office', 'vat', 'technical'] as const;

/** One payment order of a settlement batch (دستور پرداخت): pay `amount` rials to `iban`. */
export const PayoutInstruction = z.object({
  /** End-to-end id of the credit transfer, carried through to the bank statement: `STL-14030701-00001`. */
  endToEndId: z.string(),
  kind: z.enum(paidKinds),
  beneficiaryId: z.string(),
  /** Sheba (شبا) credited. */
  iban: z.string(),
  /** Treasury deposit id (شناسه واریز) for an agency fee; empty otherwise. */
  depositId: z.string(),
  amount: StoredRial,
  /** Payments whose postings make up the amount. */
  payments: z.number().int().nonnegative(),
});
export type PayoutInstruction = z.infer<typeof PayoutInstruction>;

/** Why a beneficiary account's net for the day is not paid out. */
export const notPaidOutReasons = ['negative-net', 'held', 'no-iban'] as const;

/** A beneficiary account whose net for the day is not paid out: negative, held for refund, or without a Sheba. */
export const NotPaidOut = z.object({
  kind: z.string(),
  beneficiaryId: z.string(),
  iban: z.string(),
  depositId: z.string(),
  net: StoredSignedRial,
  reason: z.enum(notPaidOutReasons),
});
export type NotPaidOut = z.infer<typeof NotPaidOut>;

/**
 * A business day was closed into a settlement batch (دسته تسویه) of payout instructions, one
 * per beneficiary account, from the settlement read model at `ledgerPosition`. Recorded once
 * in `settlement-<day>`.
 */
export const SettlementBatchClosed = eventContract(
  'SettlementBatchClosed',
  1,
  z.object({
    /** `STL-14030701`. */
    batchId: z.string(),
    day: StoredJalaliDay,
    /** Business-day cut-off in Asia/Tehran, `HH:MM`. */
    cutoff: z.string(),
    ledgerPosition: z.number().int().nonnegative(),
    /** The account payouts are debited from (pain.001 `Dbtr`). */
    debtor: z.object({ name: z.string(), iban: z.string() }),
    instructions: z.array(PayoutInstruction),
    notPaidOut: z.array(NotPaidOut),
    /** Sum of the instructions, rials. */
    total: StoredRial,
    /** SHA-256 of the batch id, day, position and instructions, as canonical JSON. */
    contentSha256: z.string(),
    closedAt: StoredInstant,
    closedBy: z.string(),
  }),
);
export type SettlementBatchClosed = EventOf<typeof SettlementBatchClosed>;

/** Every event contract of settlement. */
export const settlementEvents = [SettlementBatchClosed] as const;

const compact = (day: string) => day.replace(/\//g, '');

/** The stream of one business day: `settlement-14030701`. */
export const settlementStream = (day: string) => `settlement-${compact(day)}`;

/** The batch id of a business day: `STL-14030701`. */
export const batchIdOf = (day: string) => `STL-${compact(day)}`;
