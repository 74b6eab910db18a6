import { encodeWith } from '../../contracts/events/contract';
import {
  holderRequestLapsed,
  holderRequestReserved,
  holderRequestStream,
  type HolderRequestLapsed,
  type HolderRequestReserved,
} from '../../contracts/events/holders';
import type { HolderRequestKind } from '../../contracts/vocabulary';
import { ConcurrencyError } from '../shared/errors';
import type { EventStore } from '../shared/eventStore';
import { reserve } from '../shared/eventStore/reservation';
import { evolveHolderRequest, type HolderRequestEvent } from './request';

/** The stream that holds a license's one open request of a kind, across every node. */
export const openRequestStream = (licenseId: string, kind: HolderRequestKind) =>
  `reservation-holderRequest-${licenseId}-${kind}`;

/**
 * Reserves the one open request of its kind (درخواست باز) a license may have for `requestId`,
 * before the request is filed; false while another request holds it. A holder keeps it while
 * it is pending or awaits its receiver; once decided it is released. A holder whose request
 * was never filed (its node stopped after reserving, or is still on its way) lapses: its
 * request stream is begun with `HolderRequestLapsed`, so that a late filing of it (which
 * expects no stream) is refused, and only then is the reservation taken over.
 */
export async function reserveOpenRequest(
  store: EventStore,
  r: { licenseId: string; kind: HolderRequestKind; requestId: string; now: Date },
): Promise<boolean> {
  const event: HolderRequestReserved = {
    type: 'HolderRequestReserved',
    licenseId: r.licenseId,
    kind: r.kind,
    requestId: r.requestId,
    reservedAt: r.now.toISOString(),
  };
  const outcome = await reserve(store, {
    stream: openRequestStream(r.licenseId, r.kind),
    owner: r.requestId,
    event: encodeWith(holderRequestReserved, event),
    holderOf: (recorded) => (recorded.data as HolderRequestReserved).requestId,
    mayStillUse: (holder) => stillOpen(store, holder, r),
  });
  return outcome.reserved;
}

async function stillOpen(
  store: EventStore,
  requestId: string,
  asking: { licenseId: string; now: Date },
): Promise<boolean> {
  const stream = holderRequestStream(requestId);
  let events = await store.readStream(stream);
  if (events.length === 0) {
    const lapsed: HolderRequestLapsed = {
      type: 'HolderRequestLapsed',
      requestId,
      licenseId: asking.licenseId,
      lapsedAt: asking.now.toISOString(),
    };
    try {
      await store.append(stream, [encodeWith(holderRequestLapsed, lapsed)], 'no_stream');
      return false;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      events = await store.readStream(stream);
    }
  }
  const state = events
    .map((e) => e.data as HolderRequestEvent)
    .reduce(evolveHolderRequest, { status: 'none' });
  return state.status === 'pending' || state.status === 'awaiting_receiver';
}
