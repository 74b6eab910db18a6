import { terminalDeactivated, terminalRegistered } from '../../contracts/events/offices';
import { versionsOf } from '../../contracts/events/contract';
import { IllegalStateError, ValidationError } from '../shared/errors';
import type { Decider } from '../shared/eventStore';
import {
  evolveTerminal,
  initialTerminalState,
  type TerminalEvent,
  type TerminalState,
} from './terminal';

export interface RegisterTerminal {
  type: 'RegisterTerminal';
  terminalId: string;
  merchantId: string;
  psp: string;
  officeId: string;
  /** Looked up by the caller. */
  officeExists: boolean;
  /** The terminal's own gateway credential; absent for a terminal a PSP posts for with its key. */
  credentialId?: string;
  /** The registered PSP (پرداخت‌یار) that runs the terminal. */
  pspId?: string;
  now: Date;
  actor: string;
}

export interface DeactivateTerminal {
  type: 'DeactivateTerminal';
  terminalId: string;
  reason: string;
  now: Date;
  actor: string;
}

export type TerminalCommand = RegisterTerminal | DeactivateTerminal;

function register(c: RegisterTerminal, s: TerminalState): TerminalEvent[] {
  if (s.status !== 'none')
    throw new IllegalStateError(`Terminal ${c.terminalId} is already registered`, {
      currentState: s.status,
    });
  if (!c.officeExists)
    throw new ValidationError('Unknown office', [
      { path: 'officeId', message: `no office ${c.officeId}` },
    ]);
  const { type: _t, officeExists: _o, now, actor, ...fields } = c;
  return [
    { type: 'TerminalRegistered', ...fields, registeredAt: now.toISOString(), registeredBy: actor },
  ];
}

function deactivate(c: DeactivateTerminal, s: TerminalState): TerminalEvent[] {
  if (s.status !== 'active')
    throw new IllegalStateError(
      `Terminal ${c.terminalId} is ${s.status === 'none' ? 'not registered' : s.status}`,
      { currentState: s.status },
    );
  const { officeId, credentialId } = s.registered;
  return [
    {
      type: 'TerminalDeactivated',
      terminalId: c.terminalId,
      officeId,
      ...(credentialId !== undefined ? { credentialId } : {}),
      reason: c.reason,
      deactivatedAt: c.now.toISOString(),
      deactivatedBy: c.actor,
    },
  ];
}

export function decideTerminal(command: TerminalCommand, state: TerminalState): TerminalEvent[] {
  switch (command.type) {
    case 'RegisterTerminal':
      return register(command, state);
    case 'DeactivateTerminal':
      return deactivate(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const terminalDecider: Decider<TerminalCommand, TerminalEvent, TerminalState> = {
  initialState: initialTerminalState,
  evolve: evolveTerminal,
  decide: decideTerminal,
  eventVersions: versionsOf([terminalRegistered, terminalDeactivated]),
};
