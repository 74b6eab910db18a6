import type { ExpectedCredit } from '../../contracts/events/reconciliation';
import type { ReadModelDb } from '../db';
import { settlementBatches, settlementLines } from './queries';

/**
 * An agency's expected treasury credits (واریز مورد انتظار به خزانه) for a day range: one per
 * day and deposit id with a positive net, with the settlement batch that ordered it once the
 * day was closed; and the position of the settlement read model they were read at.
 */
export async function expectedTreasuryCredits(
  db: ReadModelDb,
  q: { agencyId: string; from: string; to: string },
): Promise<{ position: number; credits: ExpectedCredit[] }> {
  const { position, accounts } = await settlementLines(db, {
    from: q.from,
    to: q.to,
    beneficiary: { kind: 'agency', id: q.agencyId },
  });
  const batches = await settlementBatches(db, q.from, q.to);
  const ordered = new Set(
    batches.flatMap((b) =>
      b.instructions
        .filter((i) => i.kind === 'agency' && i.beneficiaryId === q.agencyId)
        .map((i) => `${b.day}|${i.iban}|${i.depositId}|${b.batchId}`),
    ),
  );
  const credits = accounts
    .filter((a) => a.totals.net > 0n)
    .map((a) => {
      const batch = batches.find(
        (b) => b.day === a.day && ordered.has(`${a.day}|${a.iban}|${a.depositId}|${b.batchId}`),
      );
      return {
        day: a.day,
        iban: a.iban,
        depositId: a.depositId,
        amount: a.totals.net.toString(),
        ...(batch ? { batchId: batch.batchId } : {}),
      };
    });
  return { position, credits };
}
