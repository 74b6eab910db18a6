import { tariffApproved, tariffProposalContracts } from '../../contracts/events/tariffs';
import { versionsOf } from '../../contracts/events/contract';
import type { Decider } from '../shared/eventStore';
import { approve, type ApproveTariff } from './approval';
import { decideProposal, type TariffProposalCommand } from './proposal.decide';
import { evolveTariff, type TariffEvent, type TariffHistory } from './tariff';

export type { ApproveTariff } from './approval';

/** What may be asked of one service's tariff stream: a direct approval, or a proposal's step. */
export type TariffCommand = ApproveTariff | TariffProposalCommand;

export function decideTariff(command: TariffCommand, state: TariffHistory): TariffEvent[] {
  switch (command.type) {
    case 'ApproveTariff':
      return approve(command, state);
    case 'ProposeTariff':
    case 'ApproveTariffProposal':
    case 'RejectTariffProposal':
    case 'WithdrawTariffProposal':
      return decideProposal(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const tariffDecider: Decider<TariffCommand, TariffEvent, TariffHistory> = {
  initialState: () => ({ status: 'none', proposals: [] }),
  evolve: evolveTariff,
  decide: decideTariff,
  eventVersions: versionsOf([tariffApproved, ...tariffProposalContracts]),
};
