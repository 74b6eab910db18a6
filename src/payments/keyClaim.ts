import type { Clock } from '../shared/clock';
import {
  ConcurrencyError,
  IdempotencyInProgressError,
  IdempotencyMismatchError,
} from '../shared/errors';
import type { EventStore } from '../shared/eventStore';
import { sha256Hex } from '../shared/secrets';
import { deterministicUuid } from './identity';
import { encodeWith } from '../../contracts/events/contract';
import { IdempotencyKeyClaimed } from '../../contracts/events/payments';

/**
 * A claim whose payment is still absent after this long was left by a request that never
 * finished (a crash between the claim and the payment): another body under that key is then
 * a mismatch, not a request still running.
 */
export const abandonedClaimMs = 60_000;

/** The key's stream: hashed, so a gateway's key text never becomes part of a stream name. */
export const keyClaimStream = (terminalId: string, key: string) =>
  `idempotency-${sha256Hex(`${terminalId}\n${key}`)}`;

/**
 * Claims `key` of `terminalId` for `paymentId`, or refuses: 422 when the key already names
 * another payment (or a claim for one was abandoned), 409 while that payment is still being
 * written. A retry of the same payment finds its own claim (same event id) and goes on.
 */
export function keyClaims(deps: {
  store: EventStore;
  clock: Clock;
  /** Whether a payment is recorded, reading the log if this node has not seen it yet. */
  isRecorded: (paymentId: string) => Promise<boolean>;
}) {
  return async function claim(terminalId: string, key: string, paymentId: string): Promise<void> {
    const stream = keyClaimStream(terminalId, key);
    const event: IdempotencyKeyClaimed = {
      type: 'IdempotencyKeyClaimed',
      terminalId,
      paymentId,
      claimedAt: deps.clock.now().toISOString(),
    };
    try {
      await deps.store.append(
        stream,
        [
          {
            id: deterministicUuid(`${stream}/${paymentId}`),
            ...encodeWith(IdempotencyKeyClaimed, event),
          },
        ],
        'no_stream',
      );
      return;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
    }
    const [first] = await deps.store.readStream(stream);
    const held = first?.data as IdempotencyKeyClaimed | undefined;
    if (held?.paymentId === paymentId) return;
    const abandoned =
      held !== undefined &&
      deps.clock.now().getTime() - Date.parse(held.claimedAt) > abandonedClaimMs;
    if (held === undefined || abandoned || (await deps.isRecorded(held.paymentId)))
      throw new IdempotencyMismatchError('This Idempotency-Key was used for another payment');
    throw new IdempotencyInProgressError('A request with this Idempotency-Key is still running');
  };
}
