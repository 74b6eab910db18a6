import type { z } from 'zod';
import type {
  DataInstructionAcknowledged,
  DataInstructionRecorded,
  ServiceAccessSchema,
} from '../../contracts/events/dataAccess';

export {
  dataInstructionStream,
  exchangeCenterStream,
  type DataInstructionAcknowledged,
  type DataInstructionRecorded,
  type ExchangeCenterSwitched,
} from '../../contracts/events/dataAccess';

/** What one service may read under an instruction (دستورالعمل), and on which conditions. */
export type ServiceAccess = z.infer<typeof ServiceAccessSchema>;

export type DataInstructionEvent = DataInstructionRecorded | DataInstructionAcknowledged;

/** One version of an agency's instruction, with the regulator's acknowledgement once given. */
export interface InstructionVersion {
  recorded: DataInstructionRecorded;
  acknowledgedAt?: string;
}

/** Every version of one agency's instruction, in the order recorded; none is ever dropped. */
export interface InstructionHistory {
  versions: InstructionVersion[];
}

export const initialInstructionHistory = (): InstructionHistory => ({ versions: [] });

export function evolveInstruction(
  s: InstructionHistory,
  e: DataInstructionEvent,
): InstructionHistory {
  switch (e.type) {
    case 'DataInstructionRecorded':
      return { versions: [...s.versions, { recorded: e }] };
    case 'DataInstructionAcknowledged':
      return {
        versions: s.versions.map((v) =>
          v.recorded.version === e.version ? { ...v, acknowledgedAt: e.acknowledgedAt } : v,
        ),
      };
  }
}

/**
 * The version in force at an instant: of the versions acknowledged by then whose own date has
 * come, the one with the latest `effectiveFrom` (a later version supersedes from its date; of
 * two with the same date, the later recorded).
 */
export function instructionInForce(
  history: InstructionHistory,
  at: Date,
): InstructionVersion | undefined {
  const iso = at.toISOString();
  let found: InstructionVersion | undefined;
  for (const v of history.versions) {
    if (v.acknowledgedAt === undefined || v.acknowledgedAt > iso) continue;
    if (v.recorded.effectiveFrom > iso) continue;
    if (!found || v.recorded.effectiveFrom >= found.recorded.effectiveFrom) found = v;
  }
  return found;
}
