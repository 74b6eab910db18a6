/**
 * A card payment terminal (پایانه فروش, POS) of a PSP (پرداخت‌یار) installed in one office.
 * Its gateway credential (role `gateway`, scope terminal + office) posts only for that office.
 */
export interface TerminalRegistered {
  type: 'TerminalRegistered';
  /** Terminal id of the card network, 8 characters. */
  terminalId: string;
  /** Merchant id (شماره پذیرنده), 15 characters. */
  merchantId: string;
  psp: string;
  officeId: string;
  credentialId: string;
  registeredAt: string;
  registeredBy: string;
}

/** The terminal may no longer post; its credential was revoked with it. */
export interface TerminalDeactivated {
  type: 'TerminalDeactivated';
  terminalId: string;
  officeId: string;
  credentialId: string;
  reason: string;
  deactivatedAt: string;
  deactivatedBy: string;
}

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
