import type { PspExpectedCredit } from '../../contracts/events/pspSettlement';
import type { PaymentRecorded } from '../../contracts/events/payments';
import { paidKinds } from '../../contracts/events/settlement';
import type { ReadModelDb } from '../db';
import { paymentsTable } from '../payments/projection';
import type { StoredCorrection } from '../payments/status';
import { liveBuild } from '../registry';

const paid = new Set<string>(paidKinds);
const chunk = 500;

/** The credits a switch should pay for one payment: each positive posting of its split to a known account. */
export function creditsOfPayment(
  p: PaymentRecorded,
  vatIban: string | undefined,
): PspExpectedCredit[] {
  return p.postings.flatMap((posting) => {
    if (!paid.has(posting.kind) || BigInt(posting.amount) <= 0n) return [];
    const kind = posting.kind as PspExpectedCredit['kind'];
    const iban = kind === 'vat' ? (posting.iban ?? vatIban) : posting.iban;
    if (!iban) return [];
    const beneficiaryId =
      kind === 'agency'
        ? (posting.agencyId ?? p.agencyId ?? '')
        : kind === 'office'
          ? p.officeId
          : kind === 'vat'
            ? 'vat'
            : (posting.code ?? '');
    return [
      {
        paymentId: p.paymentId,
        terminalId: p.terminalId,
        rrn: p.rrn,
        kind,
        beneficiaryId,
        iban,
        amount: posting.amount,
        ...(p.agencyId ? { agencyId: p.agencyId } : {}),
      },
    ];
  });
}

/**
 * The credits the ledger expects a switch to pay (تسهیم مورد انتظار) for the payments of the
 * given terminals whose Jalali day lies in the range, from the payments read model, and its
 * position. A reversed payment was never settled, so it expects nothing; a refund is paid back
 * apart from the switch's settlement and changes nothing here.
 */
export async function expectedPspCredits(
  db: ReadModelDb,
  q: { from: string; to: string; terminals: readonly string[]; vatIban?: string | undefined },
): Promise<{ position: number; credits: PspExpectedCredit[] }> {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, 'payments');
    if (!live) return { position: 0, credits: [] };
    const t = `${live.prefix}_${paymentsTable}`;
    const terminals = [...new Set(q.terminals)].sort();
    const credits: PspExpectedCredit[] = [];
    for (let i = 0; i < terminals.length; i += chunk) {
      const some = terminals.slice(i, i + chunk);
      const rows = await tx.all<{ recorded: string; corrections: string }>(
        `SELECT recorded, corrections FROM ${t} WHERE day BETWEEN ? AND ?
         AND terminal_id IN (${some.map(() => '?').join(', ')}) ORDER BY position`,
        [q.from, q.to, ...some],
      );
      for (const r of rows) {
        const corrections = JSON.parse(r.corrections) as StoredCorrection[];
        if (corrections.some((c) => c.type === 'PaymentReversed')) continue;
        credits.push(...creditsOfPayment(JSON.parse(r.recorded) as PaymentRecorded, q.vatIban));
      }
    }
    return { position: live.position, credits };
  });
}
