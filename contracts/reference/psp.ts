import type { EventOf } from '../events/contract';
import type { pspChosenByOffice, pspRegistered } from '../events/psps';
import type { KeyedFold } from '../keyedFold';

export type PspRegistered = EventOf<typeof pspRegistered>;
export type PspChosenByOffice = EventOf<typeof pspChosenByOffice>;
export type PspEvent = PspRegistered | PspChosenByOffice;

export const pspEventTypes: ReadonlyArray<PspEvent['type']> = [
  'PspRegistered',
  'PspChosenByOffice',
];

/** An office's recorded choice of the PSP (رضایت دفتر). */
export type OfficeConsent = Omit<PspChosenByOffice, 'type' | 'pspId' | 'officeId'>;

/**
 * A registered payment service provider (پرداخت‌یار): its names, its credential, and the offices
 * that chose it, by office id.
 */
export type PspState =
  | { status: 'none' }
  | {
      status: 'registered';
      registered: PspRegistered;
      offices: Readonly<Record<string, OfficeConsent>>;
    };

export type PspRecord = Exclude<PspState, { status: 'none' }>;

export const pspStream = (pspId: string) => `psp-${pspId}`;

export const initialPspState = (): PspState => ({ status: 'none' });

export function evolvePsp(state: PspState, event: PspEvent): PspState {
  switch (event.type) {
    case 'PspRegistered':
      return { status: 'registered', registered: event, offices: {} };
    case 'PspChosenByOffice': {
      if (state.status === 'none') return state;
      const { type: _t, pspId: _p, officeId, ...consent } = event;
      return { ...state, offices: { ...state.offices, [officeId]: consent } };
    }
  }
}

/** Whether the office has chosen the PSP; own keys only. */
export const officeChose = (psp: PspRecord, officeId: string): boolean =>
  Object.hasOwn(psp.offices, officeId);

/** The PSPs' fold: one record per PSP, keyed by its id. */
export const pspFold: KeyedFold<PspRecord> = {
  name: 'psps',
  version: 1,
  filter: { eventTypes: pspEventTypes, streamPrefixes: ['psp-'] },
  keyOf: (recorded) => (recorded.data as PspEvent).pspId,
  fold(previous, recorded) {
    const next = evolvePsp(previous ?? initialPspState(), recorded.data as PspEvent);
    return next.status === 'none' ? undefined : next;
  },
};
