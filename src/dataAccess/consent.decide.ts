import { versionsOf } from '../../contracts/events/contract';
import { consentEvents, type ConsentCodeIssued } from '../../contracts/events/dataAccess';
import type { DataAccessRule } from '../../contracts/vocabulary';
import { timingSafeEqual } from 'node:crypto';
import { IllegalStateError } from '../shared/errors';
import type { Decider } from '../shared/eventStore';
import {
  evolveConsent,
  initialConsent,
  lookupsUsed,
  maxCodeFailures,
  type ConsentEvent,
  type ConsentState,
} from './consent';

/** Who presents a consent: it holds only for the customer, office and service it was issued to. */
export interface Presenter {
  customerRef: string;
  officeId?: string;
  serviceCode?: string;
  /** The keyed hash of the code given (`consentCodes.hash`); undefined when no code was given. */
  codeHash?: string;
}

export type ConsentCommand =
  | { type: 'IssueConsent'; issued: Omit<ConsentCodeIssued, 'type'> }
  | { type: 'ReserveLookup'; presenter: Presenter; accessId: string; now: Date }
  | { type: 'ReleaseLookup'; accessId: string; now: Date }
  | { type: 'UseHistoryCode'; presenter: Presenter; now: Date };

const sameHash = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** What a consent says to a look-up or a history request: the rule it breaks, or none. */
export function consentVerdict(
  s: ConsentState,
  p: Presenter,
  now: Date,
): DataAccessRule | undefined {
  if (s.status !== 'issued') return 'consent-missing';
  const i = s.issued;
  if (
    i.customerRef !== p.customerRef ||
    i.officeId !== p.officeId ||
    i.serviceCode !== p.serviceCode
  )
    return 'consent-missing';
  if (i.expiresAt <= now.toISOString() || s.used) return 'consent-expired';
  if (i.codeHash !== undefined) {
    if (p.codeHash === undefined) return 'consent-missing';
    if (!sameHash(p.codeHash, i.codeHash) || s.failures >= maxCodeFailures) return 'consent-wrong';
  }
  if (lookupsUsed(s) >= i.maxLookups) return 'limit-reached';
  return undefined;
}

/** A wrong code is counted, up to the limit after which the consent is spent. */
const rejection = (s: ConsentState, p: Presenter, now: Date): ConsentEvent[] =>
  s.status === 'issued' &&
  p.codeHash !== undefined &&
  s.issued.codeHash !== undefined &&
  !sameHash(p.codeHash, s.issued.codeHash) &&
  s.failures < maxCodeFailures
    ? [
        {
          type: 'ConsentCodeRejected',
          consentId: s.issued.consentId,
          failures: s.failures + 1,
          rejectedAt: now.toISOString(),
        },
      ]
    : [];

export function decideConsent(c: ConsentCommand, s: ConsentState): ConsentEvent[] {
  switch (c.type) {
    case 'IssueConsent':
      if (s.status !== 'none') throw new IllegalStateError('this consent was issued already');
      return [{ type: 'ConsentCodeIssued', ...c.issued }];
    case 'ReserveLookup': {
      const rule = consentVerdict(s, c.presenter, c.now);
      if (rule === 'consent-wrong') return rejection(s, c.presenter, c.now);
      if (rule || s.status !== 'issued') return [];
      return [
        {
          type: 'ConsentLookupReserved',
          consentId: s.issued.consentId,
          accessId: c.accessId,
          reservedAt: c.now.toISOString(),
        },
      ];
    }
    case 'ReleaseLookup':
      if (s.status !== 'issued' || !s.reserved.includes(c.accessId)) return [];
      if (s.released.includes(c.accessId)) return [];
      return [
        {
          type: 'ConsentLookupReleased',
          consentId: s.issued.consentId,
          accessId: c.accessId,
          releasedAt: c.now.toISOString(),
        },
      ];
    case 'UseHistoryCode': {
      const rule = consentVerdict(s, c.presenter, c.now);
      if (rule === 'consent-wrong') return rejection(s, c.presenter, c.now);
      if (rule || s.status !== 'issued') return [];
      return [
        { type: 'ConsentCodeUsed', consentId: s.issued.consentId, usedAt: c.now.toISOString() },
      ];
    }
  }
}

export const consentDecider: Decider<ConsentCommand, ConsentEvent, ConsentState> = {
  initialState: initialConsent,
  evolve: evolveConsent,
  decide: decideConsent,
  eventVersions: versionsOf(consentEvents),
};
