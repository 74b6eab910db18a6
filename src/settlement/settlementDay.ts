import {
  batchIdOf,
  settlementStream,
  SettlementBatchClosed,
} from '../../contracts/events/settlement';

export { batchIdOf, settlementStream, SettlementBatchClosed };
export type { NotPaidOut, PayoutInstruction } from '../../contracts/events/settlement';

/**
 * Settlement (تسویه) of a business day (روز کاری تسویه): once the day is over, the money the
 * split (تسهیم) owes each beneficiary account for it is closed into one settlement batch
 * (دسته تسویه) of payout instructions. A day closes once; its stream is `settlement-<day>`.
 */
export type SettlementEvent = SettlementBatchClosed;

/** A business day is open until its batch is recorded, then closed for good. */
export type SettlementDayState =
  { status: 'open' } | { status: 'closed'; batch: SettlementBatchClosed };

export const initialSettlementDay = (): SettlementDayState => ({ status: 'open' });

export function evolveSettlementDay(
  _state: SettlementDayState,
  event: SettlementEvent,
): SettlementDayState {
  return { status: 'closed', batch: event };
}
