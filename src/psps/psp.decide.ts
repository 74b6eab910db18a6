import { pspContracts } from '../../contracts/events/psps';
import { versionsOf } from '../../contracts/events/contract';
import { IllegalStateError, NotFoundError, ValidationError } from '../shared/errors';
import type { Decider } from '../shared/eventStore';
import { evolvePsp, initialPspState, officeChose, type PspEvent, type PspState } from './psp';

/** Register a payment service provider (ثبت پرداخت‌یار) with the credential it was issued. */
export interface RegisterPsp {
  type: 'RegisterPsp';
  pspId: string;
  nameFa: string;
  nameEn: string;
  credentialId: string;
  now: Date;
  actor: string;
}

/** Record that an office chose the PSP: by the office itself, or by the regulator on its letter. */
export interface RecordOfficeChoice {
  type: 'RecordOfficeChoice';
  pspId: string;
  officeId: string;
  /** Looked up by the caller. */
  officeExists: boolean;
  byRole: 'office' | 'regulator';
  writtenConsent?: string;
  now: Date;
  actor: string;
}

export type PspCommand = RegisterPsp | RecordOfficeChoice;

function register(c: RegisterPsp, s: PspState): PspEvent[] {
  if (s.status !== 'none')
    throw new IllegalStateError(`PSP ${c.pspId} is already registered`, {
      currentState: s.status,
    });
  return [
    {
      type: 'PspRegistered',
      pspId: c.pspId,
      nameFa: c.nameFa,
      nameEn: c.nameEn,
      credentialId: c.credentialId,
      registeredAt: c.now.toISOString(),
      registeredBy: c.actor,
    },
  ];
}

/** Choosing a PSP the office already chose records nothing: the first choice stands. */
function choose(c: RecordOfficeChoice, s: PspState): PspEvent[] {
  if (s.status === 'none') throw new NotFoundError(`PSP ${c.pspId} not found`);
  if (!c.officeExists) throw new NotFoundError(`office ${c.officeId} not found`);
  if (c.byRole === 'regulator' && !c.writtenConsent)
    throw new ValidationError(
      "The regulator records a choice only on the office's written consent",
      [{ path: 'writtenConsent', message: "required: the reference of the office's letter" }],
    );
  if (officeChose(s, c.officeId)) return [];
  return [
    {
      type: 'PspChosenByOffice',
      pspId: c.pspId,
      officeId: c.officeId,
      byRole: c.byRole,
      ...(c.writtenConsent !== undefined ? { writtenConsent: c.writtenConsent } : {}),
      chosenAt: c.now.toISOString(),
      chosenBy: c.actor,
    },
  ];
}

export function decidePsp(command: PspCommand, state: PspState): PspEvent[] {
  switch (command.type) {
    case 'RegisterPsp':
      return register(command, state);
    case 'RecordOfficeChoice':
      return choose(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const pspDecider: Decider<PspCommand, PspEvent, PspState> = {
  initialState: initialPspState,
  evolve: evolvePsp,
  decide: decidePsp,
  eventVersions: versionsOf(pspContracts),
};
