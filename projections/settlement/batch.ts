import type {
  NotPaidOut,
  PayoutInstruction,
  SettlementBatchClosed,
} from '../../src/reports/events';
import { batchIdOf } from '../../src/reports/events';
import { canonicalJson, sha256 } from '../digest';
import type { BeneficiaryDay } from './queries';

const paidKinds = new Set(['agency', 'office', 'vat', 'technical']);

/**
 * Closes one business day: every beneficiary account with a positive net and a Sheba becomes
 * one payout instruction; the rest is listed as not paid out, with why. VAT postings name no
 * account: their Sheba is `vatIban`, the tax administration's. Deterministic: the same
 * accounts give the same instructions in the same order.
 */
export function closeDay(
  accounts: readonly BeneficiaryDay[],
  input: {
    day: string;
    cutoff: string;
    position: number;
    debtor: { name: string; iban: string };
    vatIban?: string;
    closedAt: string;
    closedBy: string;
  },
): SettlementBatchClosed {
  const batchId = batchIdOf(input.day);
  const instructions: PayoutInstruction[] = [];
  const notPaidOut: NotPaidOut[] = [];
  let total = 0n;
  for (const a of accounts) {
    if (a.day !== input.day) continue;
    const account = {
      kind: a.kind,
      beneficiaryId: a.beneficiaryId,
      iban: a.iban || (a.kind === 'vat' ? (input.vatIban ?? '') : ''),
      depositId: a.depositId,
    };
    const net = a.totals.net;
    if (!paidKinds.has(a.kind)) {
      if (net !== 0n) notPaidOut.push({ ...account, net: net.toString(), reason: 'held' });
    } else if (net < 0n) {
      notPaidOut.push({ ...account, net: net.toString(), reason: 'negative-net' });
    } else if (net > 0n && !account.iban) {
      notPaidOut.push({ ...account, net: net.toString(), reason: 'no-iban' });
    } else if (net > 0n) {
      const n = String(instructions.length + 1).padStart(5, '0');
      instructions.push({
        endToEndId: `${batchId}-${n}`,
        ...account,
        amount: net.toString(),
        payments: a.totals.payments,
      });
      total += net;
    }
  }
  return {
    type: 'SettlementBatchClosed',
    batchId,
    day: input.day,
    cutoff: input.cutoff,
    ledgerPosition: input.position,
    debtor: input.debtor,
    instructions,
    notPaidOut,
    total: total.toString(),
    contentSha256: sha256(
      canonicalJson({ batchId, day: input.day, ledgerPosition: input.position, instructions }),
    ),
    closedAt: input.closedAt,
    closedBy: input.closedBy,
  };
}
