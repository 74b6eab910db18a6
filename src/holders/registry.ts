import type { Snapshot } from '../../contracts/keyedFold';
import type { EventStore } from '../shared/eventStore';
import { keyedModel } from '../shared/keyedFold';
import { holderRequestFold, type HolderRequestRecord } from './request';

/**
 * Holders' requests in memory, followed from the log, and which applicant account holds each
 * license a transfer moved: the receiver of the last approved transfer.
 */
export interface HolderRequestRegistry {
  get(requestId: string): HolderRequestRecord | undefined;
  list(): HolderRequestRecord[];
  /** The account an approved transfer gave the license to, if one did. */
  transferredTo(licenseId: string): string | undefined;
  readonly position: number;
  ensure(position: number): Promise<void>;
  ready: Promise<void>;
  stop(): Promise<void>;
}

export function holderRequestRegistry(
  store: EventStore,
  snapshot?: Snapshot<HolderRequestRecord>,
): HolderRequestRegistry {
  const holders = new Map<string, string>();
  const { records, following } = keyedModel(store, holderRequestFold, {
    ...(snapshot ? { snapshot } : {}),
    onRecord: (_id, r) => {
      const f = r.state.filed;
      if (r.state.status === 'approved' && f.kind === 'transfer' && f.receiverApplicantId)
        holders.set(f.licenseId, f.receiverApplicantId);
    },
  });
  return {
    get: (id) => records.get(id),
    list: () => [...records.values()],
    transferredTo: (licenseId) => holders.get(licenseId),
    get position() {
      return following.position;
    },
    ensure: (p) => following.ensure(p),
    ready: following.ready,
    stop: () => following.stop(),
  };
}
