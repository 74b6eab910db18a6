import { pspSettlementStream, PspSettlementReconciled } from '../../contracts/events/pspSettlement';
import { canonicalJson, sha256 } from '../../projections/digest';

export { pspSettlementStream, PspSettlementReconciled };
export type {
  PspAccount,
  PspExpectedCredit,
  PspFileCredit,
  PspOutcome,
  PspOutcomeKind,
} from '../../contracts/events/pspSettlement';

/**
 * A PSP settlement run (تطبیق فایل تسویه پرداخت‌یار): a switch's daily file of split credits
 * matched against the ledger's postings. A run is decided once; the same file with the same
 * parameters is the same run.
 */
export type PspSettlementEvent = PspSettlementReconciled;

export type PspSettlementRunState =
  { status: 'none' } | { status: 'completed'; run: PspSettlementReconciled };

export const initialPspSettlementRun = (): PspSettlementRunState => ({ status: 'none' });

export const evolvePspSettlementRun = (
  _state: PspSettlementRunState,
  event: PspSettlementEvent,
): PspSettlementRunState => ({ status: 'completed', run: event });

/** What identifies a run: the PSP named, the payment days it covers and the file's digest. */
export interface PspRunKey {
  psp?: string;
  from: string;
  to: string;
  fileSha256: string;
}

/** The run id: a digest of its key, so the same upload twice is one run in one stream. */
export const pspRunIdOf = (key: PspRunKey) => sha256(canonicalJson(key)).slice(0, 32);
