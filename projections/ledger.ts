import type { z } from 'zod';
import { versionOf } from '../contracts/events/contract';
import {
  CorrectedAccounts,
  PaymentRecorded,
  PaymentRefunded,
  PaymentReversed,
  paymentRefundedV1,
  paymentReversedV1,
  type Posting,
} from '../contracts/events/payments';
import type { RecordedEvent } from '../src/shared/eventStore';
import type { FieldPick } from './jsonFields';
import { accountsPass, entryPasses } from './ledgerShape';
import { negated, rialsOf, type Rials } from './rials';
import { decodeOnce } from './decodeOnce';

/**
 * What the reports read from the payment ledger. Its events are decoded here, in one place,
 * with the contracts of contracts/events/payments.ts: each fold parses only the fields it
 * reads, with those fields' schemas picked from the contract.
 */

/**
 * Whose account a posting of a split (تسهیم) credits. `held` is an overcharge kept for
 * refund to the citizen; `unallocated` is money no tariff allocates, until the regulator
 * settles it.
 */
export type AccountKind = 'agency' | 'office' | 'vat' | 'technical' | 'held' | 'unallocated';

/** A posting as settlement sums it: the account credited and the rials (negative on corrections). */
export interface AccountPosting {
  kind: AccountKind;
  /** Agency id, office id, or the technical beneficiary's name; `vat` and `held` have none. */
  beneficiaryId: string;
  /** Sheba (شبا) the money goes to. */
  iban: string;
  /** Deposit id (شناسه واریز) that marks an agency fee on its treasury account. */
  depositId: string;
  amount: Rials;
}

/** A typed rule break recorded with a payment (the money has moved, so it is flagged, not refused). */
export interface Violation {
  type: string;
  /** Rials collected above the tariff, for an overcharge. */
  excess: bigint;
}

/**
 * A ledger event as money moved: which payment, its office, service and agency (a correction's
 * come from the payment it corrects), when, and its postings, signed. Settlement reads no more.
 */
export interface LedgerEntry {
  kind: 'payment' | 'reversal' | 'refund';
  paymentId: string;
  officeId: string;
  serviceCode: string;
  agencyId: string;
  /** When the money moved (ISO): the terminal's transaction time, or the correction's time. */
  at: string;
  postings: AccountPosting[];
}

/** A recorded payment as compliance reads it. */
export type LedgerFact = LedgerEntry & {
  kind: 'payment';
  province: string;
  amount: bigint;
  flagged: boolean;
  violations: Violation[];
};

export const paymentRecorded = 'PaymentRecorded';
export const paymentReversed = 'PaymentReversed';
export const paymentRefunded = 'PaymentRefunded';
export const ledgerEventTypes = [paymentRecorded, paymentReversed, paymentRefunded] as const;

/** A ledger event as folds read it; `metadata` says the version it was written with. */
export type LedgerEvent = Pick<RecordedEvent, 'type' | 'data'> & {
  metadata?: Record<string, unknown>;
};

/** A reversal or a refund: the ledger events whose version decides how they are read. */
export const isCorrection = (type: string) => type === paymentReversed || type === paymentRefunded;

/**
 * The payments that the version-1 corrections among `events` correct, by stream: a v1
 * correction names only the payment, and its stream holds that payment as its first event.
 * Version-2 corrections carry their accounts and are looked up for nothing.
 */
export async function originsOf(
  events: readonly (LedgerEvent & Pick<RecordedEvent, 'stream'>)[],
  readStream: (stream: string) => Promise<readonly Pick<RecordedEvent, 'type' | 'data'>[]>,
): Promise<Map<string, unknown>> {
  const origins = new Map<string, unknown>();
  const corrections = events.filter((e) => isCorrection(e.type) && versionOf(e.metadata) < 2);
  if (corrections.length === 0) return origins;
  for (const e of events) {
    if (e.type === paymentRecorded) origins.set(e.stream, e.data);
  }
  for (const e of corrections) {
    if (origins.has(e.stream)) continue;
    const first = (await readStream(e.stream)).find((x) => x.type === paymentRecorded);
    if (first) origins.set(e.stream, first.data);
  }
  return origins;
}

/**
 * Every field `ledgerEntry` reads of an event or of the payment a correction names: the bulk
 * rebuild picks these from the stored JSON (`pickFields`) instead of parsing all of it.
 */
export const ledgerEntryFields: FieldPick = {
  keys: [
    'paymentId',
    'officeId',
    'serviceCode',
    'agencyId',
    'transactionTime',
    'reversedAt',
    'refundedAt',
    'postings',
  ],
  arrays: { postings: { keys: ['kind', 'code', 'iban', 'depositId', 'agencyId', 'amount'] } },
};

const entryFields = {
  paymentId: true,
  officeId: true,
  serviceCode: true,
  agencyId: true,
  postings: true,
} as const;
const recordedEntry = PaymentRecorded.schema.pick({ ...entryFields, transactionTime: true });
const reversedEntry = PaymentReversed.schema.pick({ ...entryFields, reversedAt: true });
const refundedEntry = PaymentRefunded.schema.pick({ ...entryFields, refundedAt: true });
const reversedV1Entry = paymentReversedV1.pick({
  paymentId: true,
  postings: true,
  reversedAt: true,
});
const refundedV1Entry = paymentRefundedV1.pick({
  paymentId: true,
  postings: true,
  refundedAt: true,
});

/** What settlement needs of a v1 correction's payment: the accounts it books to. */
const originAccounts = CorrectedAccounts.pick({
  officeId: true,
  serviceCode: true,
  agencyId: true,
});

type Accounts = z.infer<typeof originAccounts> & { paymentId: string; postings: Posting[] };

/** Whether the schema accepts `data`: the precompiled check first, the schema when it refuses. */
const passes = (
  check: boolean,
  schema: { safeParse(d: unknown): { success: boolean } },
  data: unknown,
) => check || schema.safeParse(data).success;

/**
 * The accounts, time and postings of a ledger event, checked against its contract's schemas
 * (through `ledgerShape.ts` first); a v1 correction gets its accounts from `origin` (the
 * payment it corrects), as the contract's upcaster does. Undefined for anything that does not
 * decode. A passing payload is used as stored: the schemas transform nothing, and the fields
 * read here are the ones checked.
 */
function decodeEntry(
  event: LedgerEvent,
  origin: unknown,
): { kind: LedgerEntry['kind']; at: string; d: Accounts } | undefined {
  const data = event.data;
  if (event.type === paymentRecorded) {
    if (!passes(entryPasses(data, 'transactionTime', true), recordedEntry, data)) return undefined;
    const d = data as z.infer<typeof recordedEntry>;
    return { kind: 'payment', at: d.transactionTime, d };
  }
  if (!isCorrection(event.type)) return undefined;
  const reversal = event.type === paymentReversed;
  const timeKey = reversal ? 'reversedAt' : 'refundedAt';
  const kind = reversal ? 'reversal' : 'refund';
  if (versionOf(event.metadata) >= 2) {
    const schema = reversal ? reversedEntry : refundedEntry;
    if (!passes(entryPasses(data, timeKey, true), schema, data)) return undefined;
    const d = data as Accounts & Record<typeof timeKey, string>;
    return { kind, at: d[timeKey], d };
  }
  if (!passes(accountsPass(origin), originAccounts, origin)) return undefined;
  const schema = reversal ? reversedV1Entry : refundedV1Entry;
  if (!passes(entryPasses(data, timeKey, false), schema, data)) return undefined;
  const v1 = data as Pick<Accounts, 'paymentId' | 'postings'> & Record<typeof timeKey, string>;
  const o = origin as z.infer<typeof originAccounts>;
  return {
    kind,
    at: v1[timeKey],
    d: {
      paymentId: v1.paymentId,
      postings: v1.postings,
      officeId: o.officeId,
      serviceCode: o.serviceCode,
      ...(o.agencyId !== undefined ? { agencyId: o.agencyId } : {}),
    },
  };
}

const accountKind = (kind: Posting['kind']): AccountKind =>
  kind === 'held-for-refund' ? 'held' : kind;

function accountPosting(p: Posting, d: Accounts, sign: 1 | -1): AccountPosting {
  const amount = rialsOf(p.amount);
  return {
    kind: accountKind(p.kind),
    beneficiaryId:
      p.kind === 'agency'
        ? (p.agencyId ?? d.agencyId ?? '')
        : p.kind === 'office'
          ? d.officeId
          : p.kind === 'technical'
            ? (p.code ?? '')
            : '',
    iban: p.iban ?? '',
    depositId: p.depositId ?? '',
    amount: amount < 0 || sign === 1 ? amount : negated(amount),
  };
}

/**
 * Decodes what a ledger event moves; anything that does not decode is skipped (projections
 * never throw). A v1 reversal or refund names only the payment; `origin` is its
 * PaymentRecorded, which gives the office, service and agency the correction belongs to. A
 * v2 correction carries them and needs no origin.
 */
export function ledgerEntry(event: LedgerEvent, origin?: unknown): LedgerEntry | undefined {
  return origin === undefined
    ? entries(event, () => entryOf(event, undefined))
    : entryOf(event, origin);
}

const entries = decodeOnce<LedgerEntry>();
const facts = decodeOnce<LedgerFact>();

function entryOf(event: LedgerEvent, origin: unknown): LedgerEntry | undefined {
  const decoded = decodeEntry(event, origin);
  if (!decoded) return undefined;
  const { kind, at, d } = decoded;
  const sign = kind === 'payment' ? 1 : -1;
  return {
    kind,
    paymentId: d.paymentId,
    officeId: d.officeId,
    serviceCode: d.serviceCode,
    agencyId: d.agencyId ?? '',
    at,
    postings: d.postings.map((p) => accountPosting(p, d, sign)),
  };
}

const factFields = PaymentRecorded.schema.pick({
  province: true,
  amount: true,
  status: true,
  violations: true,
});

/**
 * Decodes a recorded payment with its province, amount and rule breaks besides what it
 * moves; anything else, or what does not decode, is skipped (projections never throw).
 */
export function ledgerFact(event: LedgerEvent): LedgerFact | undefined {
  if (event.type !== paymentRecorded) return undefined;
  return facts(event, () => factOf(event));
}

function factOf(event: LedgerEvent): LedgerFact | undefined {
  const entry = ledgerEntry(event);
  const f = factFields.safeParse(event.data);
  if (!entry || !f.success) return undefined;
  const violations = f.data.violations.map((v) => ({
    type: v.type,
    excess: v.type === 'overcharge' ? BigInt(v.excess) : 0n,
  }));
  return {
    ...entry,
    kind: 'payment',
    province: f.data.province,
    amount: BigInt(f.data.amount),
    flagged: f.data.status === 'flagged' || violations.length > 0,
    violations,
  };
}

const correctionFields = paymentReversedV1.pick({ paymentId: true, amount: true });

/**
 * The payment a reversal or refund corrects and the rials it pays back (as a positive
 * amount), of either version: both name the payment and the amount.
 */
export function correctionOf(
  event: LedgerEvent,
): { paymentId: string; returned: bigint } | undefined {
  if (!isCorrection(event.type)) return undefined;
  const c = correctionFields.safeParse(event.data);
  if (!c.success) return undefined;
  const amount = BigInt(c.data.amount);
  return { paymentId: c.data.paymentId, returned: amount < 0n ? -amount : amount };
}
