import type { StoreHarness } from './eventStore.contract';

/**
 * What the KurrentDB adapter cannot guarantee, and why the product does not rely on it.
 * The server checks event ids within one stream only. The product derives every event id from
 * its stream's name (deterministicUuid of stream and purpose) and makes things unique with
 * no_stream appends to streams named by the identity (payment, Idempotency-Key claim), so the
 * same id in two streams never comes from a retry.
 */
export const esdbCannot: NonNullable<StoreHarness['cannot']> = {
  refuseEventIdOfAnotherStream: 'ids are checked per stream; ours derive from it',
};
