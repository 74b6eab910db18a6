import type {
  HolderRequestDecided,
  HolderRequestFiled,
  HolderTransferAccepted,
} from '../events/holders';
import { holderRequestEvents } from '../events/holders';
import type { KeyedFold } from '../keyedFold';
import type { HolderRequestStatus } from '../vocabulary';

export type HolderRequestEvent = HolderRequestFiled | HolderTransferAccepted | HolderRequestDecided;

/**
 * A holder's request (درخواست دارنده پروانه) about their license: renewal, transfer, voluntary
 * cancellation or change of address. A transfer awaits the receiving party's acceptance before
 * it is pending; the regulator then approves or rejects it.
 */
export type HolderRequestState =
  | { status: 'none' }
  | {
      status: HolderRequestStatus;
      filed: HolderRequestFiled;
      acceptedAt?: string;
      decision?: HolderRequestDecided;
    };

export function evolveHolderRequest(
  s: HolderRequestState,
  e: HolderRequestEvent,
): HolderRequestState {
  if (e.type === 'HolderRequestFiled')
    return { status: e.kind === 'transfer' ? 'awaiting_receiver' : 'pending', filed: e };
  if (s.status === 'none') return s;
  if (e.type === 'HolderTransferAccepted')
    return { ...s, status: 'pending', acceptedAt: e.acceptedAt };
  return { ...s, status: e.outcome, decision: e };
}

export interface HolderRequestRecord {
  requestId: string;
  state: Exclude<HolderRequestState, { status: 'none' }>;
  /** The request stream's last revision. */
  revision: number;
  /** The license stream holds the approval's effect, its event naming this request. */
  effectApplied?: true;
}

/** The license events an approved request's effect is written as. */
const effectTypes = ['LicenseRenewed', 'LicenseTransferred', 'LicenseCancelled', 'LicenseAmended'];

/**
 * Every holder's request in memory, one record per request, for the registry: the request's
 * own events, and the license event that names it as its cause.
 */
export const holderRequestFold: KeyedFold<HolderRequestRecord> = {
  name: 'holderRequests',
  version: 2,
  filter: {
    eventTypes: [...holderRequestEvents.map((c) => c.type), ...effectTypes],
    streamPrefixes: ['holderRequest-', 'license-'],
  },
  keyOf: (e) =>
    e.stream.startsWith('license-')
      ? ((e.data as { holderRequestId?: string }).holderRequestId ?? '')
      : (e.data as HolderRequestEvent).requestId,
  fold(previous, e) {
    if (e.stream.startsWith('license-')) return previous && { ...previous, effectApplied: true };
    const state = evolveHolderRequest(
      previous?.state ?? { status: 'none' },
      e.data as HolderRequestEvent,
    );
    if (state.status === 'none') return undefined;
    return {
      requestId: state.filed.requestId,
      state,
      revision: e.revision,
      ...(previous?.effectApplied ? { effectApplied: true as const } : {}),
    };
  },
};
