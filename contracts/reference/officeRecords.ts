import {
  officeDetailsChanged,
  officeRegistered,
  serviceAssigned,
  serviceWithdrawn,
  terminalDeactivated,
  terminalRegistered,
} from '../events/offices';
import type { KeyedFold } from '../keyedFold';
import { evolveOffice, initialOfficeState, type OfficeEvent, type OfficeState } from './office';
import {
  evolveTerminal,
  initialTerminalState,
  type TerminalEvent,
  type TerminalState,
} from './terminal';

export type RegisteredOffice = Extract<OfficeState, { status: 'registered' }>;

/** One change in an office's history, as shown to people. */
export interface OfficeChange {
  type: OfficeEvent['type'];
  at: string;
  by: string;
  data: Record<string, unknown>;
}

export interface OfficeRecord {
  state: RegisteredOffice;
  history: OfficeChange[];
  revision: number;
}

export type TerminalRecord = Exclude<TerminalState, { status: 'none' }>;

function change(event: OfficeEvent): OfficeChange {
  const { type, officeId: _o, ...rest } = event;
  const entries = Object.entries(rest);
  const at = entries.find(([k]) => k.endsWith('At'))?.[1] as string;
  const by = entries.find(([k]) => k.endsWith('By'))?.[1] as string;
  const data = Object.fromEntries(entries.filter(([k]) => !k.endsWith('At') && !k.endsWith('By')));
  return { type, at, by, data };
}

/** The office registry's fold: one record per registered office, with its history. */
export const officeFold: KeyedFold<OfficeRecord> = {
  name: 'offices',
  version: 1,
  filter: {
    eventTypes: [officeRegistered, officeDetailsChanged, serviceAssigned, serviceWithdrawn].map(
      (c) => c.type,
    ),
    streamPrefixes: ['office-'],
  },
  keyOf: (recorded) => (recorded.data as OfficeEvent).officeId,
  fold(previous, recorded) {
    const event = recorded.data as OfficeEvent;
    const state = evolveOffice(previous?.state ?? initialOfficeState(), event);
    if (state.status !== 'registered') return undefined;
    return {
      state,
      history: [...(previous?.history ?? []), change(event)],
      revision: recorded.revision,
    };
  },
};

/** The terminals' fold: one record per terminal (پایانه), keyed by its id. */
export const terminalFold: KeyedFold<TerminalRecord> = {
  name: 'terminals',
  version: 1,
  filter: {
    eventTypes: [terminalRegistered, terminalDeactivated].map((c) => c.type),
    streamPrefixes: ['terminal-'],
  },
  keyOf: (recorded) => (recorded.data as TerminalEvent).terminalId,
  fold(previous, recorded) {
    const next = evolveTerminal(previous ?? initialTerminalState(), recorded.data as TerminalEvent);
    return next.status === 'none' ? undefined : next;
  },
};
