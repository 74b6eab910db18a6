import type { EventOf } from '../events/contract';
import type { terminalDeactivated, terminalRegistered } from '../events/offices';

export type TerminalRegistered = EventOf<typeof terminalRegistered>;
export type TerminalDeactivated = EventOf<typeof terminalDeactivated>;

export type TerminalEvent = TerminalRegistered | TerminalDeactivated;

export type TerminalState =
  | { status: 'none' }
  | { status: 'active'; registered: TerminalRegistered }
  | { status: 'deactivated'; registered: TerminalRegistered; deactivatedAt: string };

export const terminalStream = (terminalId: string) => `terminal-${terminalId}`;

export const initialTerminalState = (): TerminalState => ({ status: 'none' });

export function evolveTerminal(state: TerminalState, event: TerminalEvent): TerminalState {
  switch (event.type) {
    case 'TerminalRegistered':
      return { status: 'active', registered: event };
    case 'TerminalDeactivated':
      return state.status === 'none'
        ? state
        : {
            status: 'deactivated',
            registered: state.registered,
            deactivatedAt: event.deactivatedAt,
          };
  }
}
