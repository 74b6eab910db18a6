import {
  paidKinds,
  type NotPaidOut,
  type PayoutInstruction,
} from '../../contracts/events/settlement';
import { canonicalJson, sha256 } from '../../projections/digest';
import { IllegalStateError } from '../shared/errors';
import type { Decider } from '../shared/eventStore';
import {
  batchIdOf,
  evolveSettlementDay,
  initialSettlementDay,
  type SettlementDayState,
  type SettlementEvent,
} from './settlementDay';

/** One beneficiary account's money for the day, as the settlement read model sums it. */
export interface DayAccount {
  kind: string;
  beneficiaryId: string;
  /** Sheba (شبا); empty for VAT, whose account is configured (`vatIban`). */
  iban: string;
  /** Treasury deposit id (شناسه واریز) of an agency line; empty otherwise. */
  depositId: string;
  /** What is owed: gross − reversals − refunds, rials. */
  net: bigint;
  payments: number;
}

/** The settlement read model's count of the day beside the ledger's own count, at one position. */
export interface LedgerAgreement {
  agrees: boolean;
  position: number;
  ledger: { payments: number; postings: number; gross: string };
  settlement: { postings: number; gross: string };
}

/** What closing a day asks, known before any read model is consulted. */
export interface DayToClose {
  /** Jalali business day, `1403/07/01`. */
  day: string;
  /** When the business day is over: the instant the next one begins, cut-off included. */
  endsAt: Date;
  /** The cut-off as `HH:MM`. */
  cutoff: string;
  /** The account payouts are debited from; closing needs its Sheba. */
  debtor: { name: string; iban?: string | undefined };
  /** The tax administration's account (VAT_IBAN) the day's VAT is paid to. */
  vatIban?: string | undefined;
  now: Date;
  actor: string;
}

/** The read-model facts the decision needs, read before it is taken. */
export interface DayFacts {
  /** The settlement read model's position the accounts were read at. */
  ledgerPosition: number;
  /** The day's beneficiary accounts, in the read model's order. */
  accounts: readonly DayAccount[];
  agreement: LedgerAgreement;
}

export interface CloseSettlementDay extends DayToClose, DayFacts {
  type: 'CloseSettlementDay';
}

/**
 * The refusals that need no read model: no debtor account, a day not over yet, a day
 * already closed. Run again inside `decide`; a caller runs them first to refuse cheaply.
 */
export function refuseToClose(state: SettlementDayState, c: DayToClose): void {
  if (!c.debtor.iban)
    throw new IllegalStateError(
      'No debtor account: set SETTLEMENT_DEBTOR_IBAN to close settlement days',
    );
  if (c.now < c.endsAt)
    throw new IllegalStateError(
      `Business day ${c.day} is not over until ${c.endsAt.toISOString()}`,
    );
  if (state.status === 'closed')
    throw new IllegalStateError(`Business day ${c.day} is already closed`);
}

/**
 * A day whose settlement lines differ from the ledger's own count of its payments is not paid
 * out: the read model lost or doubled something, and its payout instructions would be wrong.
 */
function refuseDisagreement(day: string, a: LedgerAgreement): void {
  if (a.agrees) return;
  throw new IllegalStateError(
    `Business day ${day} does not agree with the ledger: the settlement read model holds ` +
      `${a.settlement.postings} postings and ${a.settlement.gross} rials, the ledger ` +
      `${a.ledger.postings} postings and ${a.ledger.gross} rials of ` +
      `${a.ledger.payments} payments at position ${a.position}. ` +
      `Run 'pishkhan projections verify settlement', then rebuild it.`,
    { ledger: a.ledger, settlement: a.settlement, position: a.position },
  );
}

const paid = new Set<string>(paidKinds);
const isPaid = (kind: string): kind is PayoutInstruction['kind'] => paid.has(kind);

/**
 * The day's payout instructions: every paid account with a positive net and a Sheba becomes
 * one instruction, numbered in the accounts' order; the rest is listed as not paid out, with
 * why. VAT postings name no account: their Sheba is `vatIban`. The same accounts give the same
 * instructions in the same order.
 */
function payouts(c: CloseSettlementDay) {
  const batchId = batchIdOf(c.day);
  const instructions: PayoutInstruction[] = [];
  const notPaidOut: NotPaidOut[] = [];
  let total = 0n;
  for (const a of c.accounts) {
    const iban = a.iban || (a.kind === 'vat' ? (c.vatIban ?? '') : '');
    const account = { beneficiaryId: a.beneficiaryId, iban, depositId: a.depositId };
    const net = a.net.toString();
    if (!isPaid(a.kind)) {
      if (a.net !== 0n) notPaidOut.push({ kind: a.kind, ...account, net, reason: 'held' });
    } else if (a.net < 0n) {
      notPaidOut.push({ kind: a.kind, ...account, net, reason: 'negative-net' });
    } else if (a.net > 0n && !iban) {
      notPaidOut.push({ kind: a.kind, ...account, net, reason: 'no-iban' });
    } else if (a.net > 0n) {
      const n = String(instructions.length + 1).padStart(5, '0');
      instructions.push({
        endToEndId: `${batchId}-${n}`,
        kind: a.kind,
        ...account,
        amount: net,
        payments: a.payments,
      });
      total += a.net;
    }
  }
  return { batchId, instructions, notPaidOut, total };
}

/** Closes the day into its settlement batch, from the accounts the read model holds for it. */
export function decideSettlementDay(
  c: CloseSettlementDay,
  state: SettlementDayState,
): SettlementEvent[] {
  refuseToClose(state, c);
  refuseDisagreement(c.day, c.agreement);
  const { batchId, instructions, notPaidOut, total } = payouts(c);
  const vat = notPaidOut.find((n) => n.kind === 'vat' && n.reason === 'no-iban');
  if (vat)
    throw new IllegalStateError(
      `${vat.net} rials of VAT are owed for ${c.day} and no VAT account is set: set VAT_IBAN to close settlement days`,
    );
  return [
    {
      type: 'SettlementBatchClosed',
      batchId,
      day: c.day,
      cutoff: c.cutoff,
      ledgerPosition: c.ledgerPosition,
      debtor: { name: c.debtor.name, iban: c.debtor.iban! },
      instructions,
      notPaidOut,
      total: total.toString(),
      contentSha256: sha256(
        canonicalJson({ batchId, day: c.day, ledgerPosition: c.ledgerPosition, instructions }),
      ),
      closedAt: c.now.toISOString(),
      closedBy: c.actor,
    },
  ];
}

export const settlementDayDecider: Decider<
  CloseSettlementDay,
  SettlementEvent,
  SettlementDayState
> = {
  initialState: initialSettlementDay,
  evolve: evolveSettlementDay,
  decide: decideSettlementDay,
};
