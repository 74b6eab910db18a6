import type { RecordedEvent } from '../src/shared/eventStore';
import type { FieldPick } from './jsonFields';
import { negated, rialsOf, type Rials } from './rials';

/**
 * What the reports read from the payment ledger (src/payments). The ledger's events are
 * decoded here, in one place, so a change of its event shapes touches only this file.
 */

/**
 * Who receives a posting of a split (تسهیم). `held` is an overcharge kept for refund to the
 * citizen; `unallocated` is money no tariff allocates, until the regulator settles it.
 */
export type BeneficiaryKind = 'agency' | 'office' | 'vat' | 'technical' | 'held' | 'unallocated';

/** One line of a split: who receives what, in whole rials (negative on reversals and refunds). */
export interface Posting {
  kind: BeneficiaryKind;
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
  postings: Posting[];
}

export type LedgerFact =
  | (LedgerEntry & {
      kind: 'payment';
      province: string;
      amount: bigint;
      flagged: boolean;
      violations: Violation[];
    })
  | (LedgerEntry & { kind: 'reversal' | 'refund'; province: string; amount: bigint });

export const paymentRecorded = 'PaymentRecorded';
export const paymentReversed = 'PaymentReversed';
export const paymentRefunded = 'PaymentRefunded';
export const ledgerEventTypes = [paymentRecorded, paymentReversed, paymentRefunded] as const;

/** The stream a correction belongs to holds the payment it corrects as its first event. */
export async function originsOf(
  events: readonly Pick<RecordedEvent, 'type' | 'stream' | 'data'>[],
  readStream: (stream: string) => Promise<readonly Pick<RecordedEvent, 'type' | 'data'>[]>,
): Promise<Map<string, unknown>> {
  const origins = new Map<string, unknown>();
  const corrections = events.filter(
    (e) => e.type === paymentReversed || e.type === paymentRefunded,
  );
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

type Loose = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const rials = (v: unknown): bigint => BigInt(rialsOf(v));
const kinds: readonly string[] = ['agency', 'office', 'vat', 'technical', 'held', 'unallocated'];

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
  arrays: {
    postings: {
      keys: [
        'kind',
        'beneficiary',
        'agencyId',
        'officeId',
        'name',
        'code',
        'iban',
        'depositId',
        'amount',
      ],
    },
  },
};

function posting(
  raw: Loose,
  entry: { agencyId: string; officeId: string },
  sign: 1 | -1,
): Posting | undefined {
  const b = (raw.beneficiary ?? {}) as Loose;
  const kindText = str(raw.kind ?? b.kind);
  const kind = (kindText === 'held-for-refund' ? 'held' : kindText) as BeneficiaryKind;
  if (!kinds.includes(kind)) return undefined;
  const id =
    kind === 'agency'
      ? str(raw.agencyId ?? b.agencyId) || entry.agencyId
      : kind === 'office'
        ? str(raw.officeId ?? b.officeId) || entry.officeId
        : kind === 'technical'
          ? str(raw.name ?? b.name ?? raw.code)
          : '';
  const amount = rialsOf(raw.amount);
  return {
    kind,
    beneficiaryId: id,
    iban: str(raw.iban ?? b.iban),
    depositId: str(raw.depositId ?? b.depositId),
    amount: amount < 0 || sign === 1 ? amount : negated(amount),
  };
}

function postingsOf(d: Loose, entry: { agencyId: string; officeId: string }, sign: 1 | -1) {
  const postings: Posting[] = [];
  if (!Array.isArray(d.postings)) return postings;
  for (const raw of d.postings as Loose[]) {
    const p = posting(raw, entry, sign);
    if (p) postings.push(p);
  }
  return postings;
}

/**
 * Decodes what a ledger event moves; anything it cannot read is skipped (projections never
 * throw). A reversal or refund names only the payment; `origin` is its PaymentRecorded, which
 * gives the office, service and agency the correction belongs to.
 */
export function ledgerEntry(
  event: Pick<RecordedEvent, 'type' | 'data'>,
  origin?: unknown,
): LedgerEntry | undefined {
  const d = (event.data ?? {}) as Loose;
  const paymentId = str(d.paymentId);
  if (!paymentId) return undefined;
  const kind =
    event.type === paymentRecorded
      ? 'payment'
      : event.type === paymentReversed
        ? 'reversal'
        : event.type === paymentRefunded
          ? 'refund'
          : undefined;
  if (!kind) return undefined;
  const o = (origin ?? {}) as Loose;
  const entry = {
    officeId: str(d.officeId ?? o.officeId),
    agencyId: str(d.agencyId ?? o.agencyId),
  };
  return {
    kind,
    paymentId,
    officeId: entry.officeId,
    serviceCode: str(d.serviceCode ?? o.serviceCode),
    agencyId: entry.agencyId,
    at: str(kind === 'payment' ? d.transactionTime : (d.reversedAt ?? d.refundedAt)),
    postings: postingsOf(d, entry, kind === 'payment' ? 1 : -1),
  };
}

/**
 * Decodes a ledger event with the payment's province, amount and rule breaks besides what it
 * moves; anything it cannot read is skipped (projections never throw).
 */
export function ledgerFact(
  event: Pick<RecordedEvent, 'type' | 'data'>,
  origin?: unknown,
): LedgerFact | undefined {
  const entry = ledgerEntry(event, origin);
  if (!entry) return undefined;
  const d = (event.data ?? {}) as Loose;
  const province = str(d.province ?? ((origin ?? {}) as Loose).province);
  const amount = rials(d.amount);
  if (entry.kind !== 'payment') return { ...entry, kind: entry.kind, province, amount };
  const violations = (Array.isArray(d.violations) ? (d.violations as Loose[]) : []).map((v) => ({
    type: str(v.type ?? v.kind),
    excess: rials(v.excess),
  }));
  return {
    ...entry,
    kind: 'payment',
    province,
    amount,
    flagged: d.status === 'flagged' || violations.length > 0,
    violations,
  };
}
