import type { RecordedEvent } from '../shared/eventStore';
import {
  evolveProposals,
  isProposalEvent,
  type TariffProposal,
  type TariffProposalEvent,
} from './proposal';

/** How many decided or withdrawn proposals per service the list keeps; older ones stay in the log. */
export const closedProposalsKept = 10;

/**
 * The regulator's and the Commission's list of tariff proposals (پیشنهادهای تعرفه), in memory:
 * per service its pending proposal (at most one) and its latest closed ones, so it is bounded
 * by services, not by time. One proposal's whole history is its service's tariff stream.
 */
export function tariffProposalList() {
  const byService = new Map<string, TariffProposal[]>();
  function apply(event: Pick<RecordedEvent, 'data'>) {
    const data = event.data as TariffProposalEvent;
    if (!isProposalEvent(data)) return;
    const next = evolveProposals(byService.get(data.serviceCode) ?? [], data);
    const closed = next.filter((p) => p.status !== 'pending');
    const dropped = new Set<TariffProposal>(closed.slice(0, -closedProposalsKept));
    byService.set(
      data.serviceCode,
      next.filter((p) => !dropped.has(p)),
    );
  }
  return {
    apply,
    /** Every proposal held, oldest first. */
    all: (): TariffProposal[] => [...byService.values()].flat(),
  };
}

export type TariffProposalList = ReturnType<typeof tariffProposalList>;
