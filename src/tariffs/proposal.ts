import type { EventOf } from '../../contracts/events/contract';
import type {
  tariffProposalApproved,
  tariffProposalRejected,
  tariffProposalWithdrawn,
  tariffProposed,
} from '../../contracts/events/tariffs';

export type TariffProposed = EventOf<typeof tariffProposed>;
export type TariffProposalApproved = EventOf<typeof tariffProposalApproved>;
export type TariffProposalRejected = EventOf<typeof tariffProposalRejected>;
export type TariffProposalWithdrawn = EventOf<typeof tariffProposalWithdrawn>;
export type TariffProposalEvent =
  TariffProposed | TariffProposalApproved | TariffProposalRejected | TariffProposalWithdrawn;

export const tariffProposalEventTypes = [
  'TariffProposed',
  'TariffProposalApproved',
  'TariffProposalRejected',
  'TariffProposalWithdrawn',
] as const satisfies readonly TariffProposalEvent['type'][];

/**
 * A tariff proposal (پیشنهاد تعرفه) of the regulator to the Commission: `pending` until the
 * Commission approves it by resolution (مصوبه) or rejects it (رد), or the regulator withdraws it
 * (انصراف). Only a pending one can change.
 */
export type TariffProposal =
  | { status: 'pending'; proposed: TariffProposed }
  | { status: 'approved'; proposed: TariffProposed; approved: TariffProposalApproved }
  | { status: 'rejected'; proposed: TariffProposed; rejected: TariffProposalRejected }
  | { status: 'withdrawn'; proposed: TariffProposed; withdrawn: TariffProposalWithdrawn };

export const isProposalEvent = (e: { type: string }): e is TariffProposalEvent =>
  (tariffProposalEventTypes as readonly string[]).includes(e.type);

/** Folds one proposal event into the service's proposals, in the order they were proposed. */
export function evolveProposals(
  proposals: readonly TariffProposal[],
  event: TariffProposalEvent,
): TariffProposal[] {
  if (event.type === 'TariffProposed')
    return [...proposals, { status: 'pending', proposed: event }];
  return proposals.map((p) => {
    if (p.proposed.proposalId !== event.proposalId) return p;
    switch (event.type) {
      case 'TariffProposalApproved':
        return { status: 'approved', proposed: p.proposed, approved: event };
      case 'TariffProposalRejected':
        return { status: 'rejected', proposed: p.proposed, rejected: event };
      case 'TariffProposalWithdrawn':
        return { status: 'withdrawn', proposed: p.proposed, withdrawn: event };
    }
  });
}
