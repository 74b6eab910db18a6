import type { z } from 'zod';
import type { EventOf } from '../../contracts/events/contract';
import type {
  BeneficiarySchema,
  ComponentRuleSchema,
  ResolutionSchema,
  tariffApproved,
  TariffComponentSchema,
  TariffVariantSchema,
} from '../../contracts/events/tariffs';

import { evolveProposals, type TariffProposal, type TariffProposalEvent } from './proposal';

export { officeKinds, type OfficeKind } from '../../contracts/vocabulary';

export type Beneficiary = z.infer<typeof BeneficiarySchema>;
export type ComponentRule = z.infer<typeof ComponentRuleSchema>;
export type TariffComponent = z.infer<typeof TariffComponentSchema>;
export type TariffVariant = z.infer<typeof TariffVariantSchema>;
export type Resolution = z.infer<typeof ResolutionSchema>;
export type TariffApproved = EventOf<typeof tariffApproved>;

export type TariffEvent = TariffApproved | TariffProposalEvent;

/**
 * All versions of one service's tariff, in approval order, and the regulator's proposals for it
 * (پیشنهادهای تعرفه), in the order they were made; history is never dropped.
 */
export type TariffHistory =
  | { status: 'none'; proposals: TariffProposal[] }
  | { status: 'approved'; versions: TariffApproved[]; proposals: TariffProposal[] };

export const tariffStream = (serviceCode: string) => `tariff-${serviceCode}`;

export function evolveTariff(state: TariffHistory, event: TariffEvent): TariffHistory {
  switch (event.type) {
    case 'TariffApproved':
      return {
        status: 'approved',
        versions: [...(state.status === 'approved' ? state.versions : []), event],
        proposals: state.proposals,
      };
    default:
      return { ...state, proposals: evolveProposals(state.proposals, event) };
  }
}

/**
 * The version in force at an instant: the one with the latest `effectiveFrom` at or
 * before it, unless that one has expired (an expired version does not revive the one
 * it superseded).
 */
export function versionInForce(
  versions: readonly TariffApproved[],
  at: Date,
): TariffApproved | undefined {
  const iso = at.toISOString();
  let candidate: TariffApproved | undefined;
  for (const v of versions)
    if (v.effectiveFrom <= iso && (!candidate || v.effectiveFrom > candidate.effectiveFrom))
      candidate = v;
  if (!candidate || (candidate.effectiveUntil !== undefined && candidate.effectiveUntil <= iso))
    return undefined;
  return candidate;
}
