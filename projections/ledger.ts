import type { RecordedEvent } from '../src/shared/eventStore';

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
  amount: bigint;
}

/** A typed rule break recorded with a payment (the money has moved, so it is flagged, not refused). */
export interface Violation {
  type: string;
  /** Rials collected above the tariff, for an overcharge. */
  excess: bigint;
}

interface Common {
  paymentId: string;
  officeId: string;
  province: string;
  serviceCode: string;
  agencyId: string;
  /** When the money moved (ISO): the terminal's transaction time, or the correction's time. */
  at: string;
  postings: Posting[];
}

export type LedgerFact =
  | (Common & { kind: 'payment'; amount: bigint; flagged: boolean; violations: Violation[] })
  | (Common & { kind: 'reversal' | 'refund'; amount: bigint });

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
const rials = (v: unknown): bigint => {
  const s = str(v);
  return /^-?\d+$/.test(s) ? BigInt(s) : 0n;
};
const kinds: readonly string[] = ['agency', 'office', 'vat', 'technical', 'held', 'unallocated'];

function posting(
  raw: Loose,
  fact: { agencyId: string; officeId: string },
  sign: bigint,
): Posting | undefined {
  const b = (raw.beneficiary ?? {}) as Loose;
  const kindText = str(raw.kind ?? b.kind);
  const kind = (kindText === 'held-for-refund' ? 'held' : kindText) as BeneficiaryKind;
  if (!kinds.includes(kind)) return undefined;
  const id =
    kind === 'agency'
      ? str(raw.agencyId ?? b.agencyId) || fact.agencyId
      : kind === 'office'
        ? str(raw.officeId ?? b.officeId) || fact.officeId
        : kind === 'technical'
          ? str(raw.name ?? b.name ?? raw.code)
          : '';
  const amount = rials(raw.amount);
  return {
    kind,
    beneficiaryId: id,
    iban: str(raw.iban ?? b.iban),
    depositId: str(raw.depositId ?? b.depositId),
    amount: amount < 0n ? amount : amount * sign,
  };
}

/**
 * Decodes a ledger event; anything it cannot read is skipped (projections never throw).
 * A reversal or refund names only the payment; `origin` is its PaymentRecorded, which gives
 * the office, service, agency and province the correction belongs to.
 */
export function ledgerFact(
  event: Pick<RecordedEvent, 'type' | 'data'>,
  origin?: unknown,
): LedgerFact | undefined {
  const d = (event.data ?? {}) as Loose;
  const o = (origin ?? {}) as Loose;
  const common = {
    paymentId: str(d.paymentId),
    officeId: str(d.officeId ?? o.officeId),
    province: str(d.province ?? o.province),
    serviceCode: str(d.serviceCode ?? o.serviceCode),
    agencyId: str(d.agencyId ?? o.agencyId),
  };
  if (!common.paymentId) return undefined;
  const list = (sign: bigint) =>
    (Array.isArray(d.postings) ? (d.postings as Loose[]) : []).flatMap(
      (p) => posting(p, common, sign) ?? [],
    );
  switch (event.type) {
    case paymentRecorded: {
      const violations = (Array.isArray(d.violations) ? (d.violations as Loose[]) : []).map(
        (v) => ({
          type: str(v.type ?? v.kind),
          excess: rials(v.excess),
        }),
      );
      return {
        kind: 'payment',
        ...common,
        at: str(d.transactionTime),
        amount: rials(d.amount),
        flagged: d.status === 'flagged' || violations.length > 0,
        violations,
        postings: list(1n),
      };
    }
    case paymentReversed:
    case paymentRefunded:
      return {
        kind: event.type === paymentReversed ? 'reversal' : 'refund',
        ...common,
        at: str(d.reversedAt ?? d.refundedAt),
        amount: rials(d.amount),
        postings: list(-1n),
      };
    default:
      return undefined;
  }
}
