import type { EventStore } from '../shared/eventStore';
import { follow, positioned } from '../shared/readModel';
import {
  evolveInstruction,
  initialInstructionHistory,
  instructionInForce,
  type DataInstructionEvent,
  type ExchangeCenterSwitched,
  type InstructionHistory,
  type InstructionVersion,
} from './instruction';

/**
 * Every agency's data-access instructions and the exchange center's switch, folded into memory:
 * reference data bounded by the number of agencies and versions, so a look-up never reads the
 * log to learn which version is in force.
 */
export function instructionBook(store: EventStore) {
  const byAgency = new Map<string, InstructionHistory>();
  let switched: ExchangeCenterSwitched | undefined;
  const fold = positioned((data) => {
    const e = data as DataInstructionEvent | ExchangeCenterSwitched;
    if (e.type === 'ExchangeCenterSwitched') switched = e;
    else if (e.type === 'DataInstructionRecorded' || e.type === 'DataInstructionAcknowledged')
      byAgency.set(
        e.agencyId,
        evolveInstruction(byAgency.get(e.agencyId) ?? initialInstructionHistory(), e),
      );
  });
  const following = follow(
    store,
    {
      eventTypes: [
        'DataInstructionRecorded',
        'DataInstructionAcknowledged',
        'ExchangeCenterSwitched',
      ],
    },
    (event) => fold.apply(event),
  );
  return {
    following,
    /** The version of the agency's instruction in force at `at`. */
    inForce: (agencyId: string, at: Date): InstructionVersion | undefined =>
      instructionInForce(byAgency.get(agencyId) ?? initialInstructionHistory(), at),
    history: (agencyId: string): InstructionHistory =>
      byAgency.get(agencyId) ?? initialInstructionHistory(),
    /** The regulator's last command on the exchange center, if any. */
    exchangeCenterCommand: () => switched,
    ready: following.ready,
    ensure: (position?: number) => following.ensure(position),
    stop: () => following.stop(),
  };
}

export type InstructionBook = ReturnType<typeof instructionBook>;
