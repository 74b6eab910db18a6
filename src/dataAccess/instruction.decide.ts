import { versionsOf } from '../../contracts/events/contract';
import { dataInstructionEvents } from '../../contracts/events/dataAccess';
import { IllegalStateError, NotFoundError, ValidationError } from '../shared/errors';
import type { Decider } from '../shared/eventStore';
import {
  evolveInstruction,
  initialInstructionHistory,
  type DataInstructionEvent,
  type InstructionHistory,
  type ServiceAccess,
} from './instruction';

export type InstructionCommand =
  | {
      type: 'RecordInstruction';
      agencyId: string;
      services: ServiceAccess[];
      channel: 'agency' | 'nix';
      effectiveFrom: Date;
      /** The agency of each named service, from the catalogue; undefined for an unknown service. */
      agencyOfService: (serviceCode: string) => string | undefined;
      by: string;
      now: Date;
    }
  | { type: 'AcknowledgeInstruction'; agencyId: string; version: number; by: string; now: Date };

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

function checkServices(c: Extract<InstructionCommand, { type: 'RecordInstruction' }>): void {
  const problems = c.services.flatMap((s, i) => [
    ...(c.agencyOfService(s.serviceCode) === c.agencyId
      ? []
      : [{ path: `services.${i}.serviceCode`, message: 'not a service of this agency' }]),
    ...(c.services.findIndex((o) => o.serviceCode === s.serviceCode) === i
      ? []
      : [{ path: `services.${i}.serviceCode`, message: 'named twice' }]),
    ...(s.officeHours && !(hhmm.test(s.officeHours.from) && hhmm.test(s.officeHours.to))
      ? [{ path: `services.${i}.officeHours`, message: 'HH:MM in Asia/Tehran' }]
      : []),
  ]);
  if (problems.length) throw new ValidationError('The instruction is not valid', problems);
}

export function decideInstruction(
  c: InstructionCommand,
  s: InstructionHistory,
): DataInstructionEvent[] {
  switch (c.type) {
    case 'RecordInstruction':
      checkServices(c);
      return [
        {
          type: 'DataInstructionRecorded',
          agencyId: c.agencyId,
          version: s.versions.length + 1,
          services: c.services,
          channel: c.channel,
          effectiveFrom: c.effectiveFrom.toISOString(),
          recordedAt: c.now.toISOString(),
          recordedBy: c.by,
        },
      ];
    case 'AcknowledgeInstruction': {
      const v = s.versions.find((x) => x.recorded.version === c.version);
      if (!v) throw new NotFoundError(`instruction version ${c.version} not found`);
      if (v.acknowledgedAt !== undefined) return [];
      if (s.versions.some((x) => x.recorded.version > c.version && x.acknowledgedAt !== undefined))
        throw new IllegalStateError('a later version of this instruction is already acknowledged');
      return [
        {
          type: 'DataInstructionAcknowledged',
          agencyId: c.agencyId,
          version: c.version,
          acknowledgedAt: c.now.toISOString(),
          acknowledgedBy: c.by,
        },
      ];
    }
  }
}

export const instructionDecider: Decider<
  InstructionCommand,
  DataInstructionEvent,
  InstructionHistory
> = {
  initialState: initialInstructionHistory,
  evolve: evolveInstruction,
  decide: decideInstruction,
  eventVersions: versionsOf(dataInstructionEvents),
};
