import { agencyRegistered } from '../../contracts/events/catalogue';
import { versionsOf } from '../../contracts/events/contract';
import type { Decider } from '../shared/eventStore';
import { IllegalStateError, ValidationError, type FieldProblem } from '../shared/errors';
import { legalId, sheba } from '../shared/iranianIds';
import { evolveAgency, type Agency, type AgencyEvent, type AgencyFee } from './agency';

export interface RegisterAgency {
  type: 'RegisterAgency';
  agencyId: string;
  nameFa: string;
  nameEn: string;
  legalId: string;
  treasuryIban: string;
  fees: AgencyFee[];
  at: Date;
}

export type AgencyCommand = RegisterAgency;

function register(command: RegisterAgency, state: Agency): AgencyEvent[] {
  if (state.status !== 'unknown')
    throw new IllegalStateError(`Agency ${command.agencyId} is already registered`);
  const problems: FieldProblem[] = [];
  const legal = legalId(command.legalId);
  if (!legal)
    problems.push({ path: 'legalId', message: 'not a valid 11-digit legal id (شناسه ملی)' });
  const iban = sheba(command.treasuryIban);
  if (!iban)
    problems.push({
      path: 'treasuryIban',
      message: 'not a valid Sheba: IR + 24 digits with a mod-97 check',
    });
  const seen = new Set<string>();
  command.fees.forEach((fee, i) => {
    if (seen.has(fee.feeCode))
      problems.push({ path: `fees.${i}.feeCode`, message: 'duplicate fee code' });
    seen.add(fee.feeCode);
  });
  if (problems.length > 0 || !legal || !iban)
    throw new ValidationError('The agency is not valid', problems);
  return [
    {
      type: 'AgencyRegistered',
      agencyId: command.agencyId,
      nameFa: command.nameFa,
      nameEn: command.nameEn,
      legalId: legal,
      treasuryIban: iban,
      fees: command.fees,
      registeredAt: command.at.toISOString(),
    },
  ];
}

export function decideAgency(command: AgencyCommand, state: Agency): AgencyEvent[] {
  switch (command.type) {
    case 'RegisterAgency':
      return register(command, state);
    default: {
      const unknown: never = command.type;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const agencyDecider: Decider<AgencyCommand, AgencyEvent, Agency> = {
  initialState: () => ({ status: 'unknown' }),
  evolve: evolveAgency,
  decide: decideAgency,
  eventVersions: versionsOf([agencyRegistered]),
};
