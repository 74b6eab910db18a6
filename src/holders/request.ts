import { versionsOf } from '../../contracts/events/contract';
import {
  holderRequestEvents,
  type HolderRequestDecided,
  type HolderRequestFiled,
} from '../../contracts/events/holders';
import {
  evolveHolderRequest,
  type HolderRequestEvent,
  type HolderRequestState,
} from '../../contracts/reference/holderRequest';
import { IllegalStateError, ValidationError } from '../shared/errors';
import type { Decider } from '../shared/eventStore';
import { allowedIn, type LicenseCommandInput, type LicenseStatus } from '../licensing';

export {
  evolveHolderRequest,
  holderRequestFold,
  type HolderRequestEvent,
  type HolderRequestRecord,
  type HolderRequestState,
} from '../../contracts/reference/holderRequest';

/** How far ahead of expiry a renewal may be asked for. */
export const renewalWindowDays = 90;
const dayMs = 86_400_000;

/** The first instant a renewal of a license valid until `validUntil` may be asked for. */
export const renewalOpensAt = (validUntil: string) =>
  new Date(new Date(validUntil).getTime() - renewalWindowDays * dayMs);

interface Base {
  now: Date;
  actor: string;
}
export type HolderRequestCommand =
  | (Base & {
      type: 'FileHolderRequest';
      filed: Omit<HolderRequestFiled, 'type' | 'filedAt'>;
      /** The license as of `now`, looked up by the caller. */
      license: { status: LicenseStatus; validUntil?: string };
      /** Whether the holder already has an undecided request of this kind for this license. */
      openOfSameKind: boolean;
    })
  | (Base & { type: 'AcceptTransfer'; applicantId: string })
  | (Base & { type: 'DecideHolderRequest'; outcome: 'approved' | 'rejected'; reason: string });

/**
 * The licensing command an approved request runs, naming the request as its cause: the
 * license's own rules decide it, and a license stream that already names the request takes it
 * as written.
 */
export function licenseCommandOf(filed: HolderRequestFiled, reason: string): LicenseCommandInput {
  const holderRequestId = filed.requestId;
  switch (filed.kind) {
    case 'renewal':
      return { type: 'RenewLicense', validityYears: filed.validityYears ?? 1, holderRequestId };
    case 'transfer':
      return {
        type: 'TransferLicense',
        to: filed.to!,
        reason: filed.reason ?? reason,
        holderRequestId,
      };
    case 'cancellation':
      return { type: 'CancelLicense', reason: filed.reason ?? reason, holderRequestId };
    case 'address_change':
      return { type: 'AmendLicense', changes: { address: filed.address! }, holderRequestId };
  }
}

/** The answer to a request of a kind the license already has open (409). */
export const openAlready = (kind: string, licenseStatus: LicenseStatus) =>
  new IllegalStateError(`A ${kind} request of this license is already open`, {
    currentState: licenseStatus,
  });

function file(
  c: Extract<HolderRequestCommand, { type: 'FileHolderRequest' }>,
): HolderRequestEvent[] {
  const f = c.filed;
  const legal =
    allowedIn[licenseCommandOf({ type: 'HolderRequestFiled', ...f, filedAt: '' }, '').type];
  if (!legal.includes(c.license.status))
    throw new IllegalStateError(
      `The license is ${c.license.status}; a ${f.kind} request is not allowed`,
      {
        currentState: c.license.status,
      },
    );
  if (f.kind === 'renewal' && c.license.validUntil) {
    const opens = renewalOpensAt(c.license.validUntil);
    if (c.now < opens)
      throw new IllegalStateError(
        `Renewal may be asked for from ${renewalWindowDays} days before expiry: from ${opens.toISOString()}`,
        { currentState: c.license.status },
      );
  }
  if (f.kind === 'transfer' && f.receiverApplicantId === f.applicantId)
    throw new ValidationError('A license is not transferred to its own holder', [
      { path: 'receiverNationalId', message: 'is the holder' },
    ]);
  if (c.openOfSameKind) throw openAlready(f.kind, c.license.status);
  return [{ type: 'HolderRequestFiled', ...f, filedAt: c.now.toISOString() }];
}

/**
 * Whether a decision command is a retry of the decision recorded: the same outcome, reason and
 * actor. It decides nothing again; an approval's missing effect is then completed by the caller.
 */
function replays(
  c: Extract<HolderRequestCommand, { type: 'DecideHolderRequest' }>,
  d: HolderRequestDecided | undefined,
): boolean {
  return d?.outcome === c.outcome && d.reason === c.reason && d.decidedBy === c.actor;
}

export function decideHolderRequest(
  c: HolderRequestCommand,
  s: HolderRequestState,
): HolderRequestEvent[] {
  if (c.type === 'FileHolderRequest') {
    if (s.status !== 'none') throw new IllegalStateError('This request was filed already');
    return file(c);
  }
  if (s.status === 'none') throw new IllegalStateError('No such request', { currentState: 'none' });
  const { requestId, licenseId, kind } = s.filed;
  const at = c.now.toISOString();
  if (c.type === 'AcceptTransfer') {
    if (s.status !== 'awaiting_receiver')
      throw new IllegalStateError(`The request is ${s.status}; it cannot be accepted`, {
        currentState: s.status,
      });
    return [
      {
        type: 'HolderTransferAccepted',
        requestId,
        licenseId,
        acceptedBy: c.applicantId,
        acceptedAt: at,
      },
    ];
  }
  if (replays(c, s.decision)) return [];
  if (s.status !== 'pending')
    throw new IllegalStateError(
      s.status === 'awaiting_receiver'
        ? 'The receiving party has not accepted the transfer yet'
        : `The request is ${s.status} already`,
      { currentState: s.status },
    );
  return [
    {
      type: 'HolderRequestDecided',
      requestId,
      licenseId,
      kind,
      outcome: c.outcome,
      reason: c.reason,
      decidedAt: at,
      decidedBy: c.actor,
      ...(c.outcome === 'approved' ? { effectNamed: true as const } : {}),
    },
  ];
}

export const holderRequestDecider: Decider<
  HolderRequestCommand,
  HolderRequestEvent,
  HolderRequestState
> = {
  initialState: () => ({ status: 'none' }),
  evolve: evolveHolderRequest,
  decide: decideHolderRequest,
  eventVersions: versionsOf(holderRequestEvents),
};
