import type { z } from 'zod';
import type { EventOf } from '../events/contract';
import type { KeyedFold } from '../keyedFold';
import type {
  ContactSchema,
  HolderSchema,
  licenseAmended,
  licenseApplied,
  licenseCancelled,
  licenseIssued,
  licenseReinstated,
  licenseRefused,
  licenseRenewed,
  licenseSuspended,
  licenseTransferred,
  LocationSchema,
  VoteSchema,
  workingGroupDecided,
  workingGroupVoteRecorded,
} from '../events/licensing';
import { licensingContracts } from '../events/licensing';
import { licenseStatuses, type OfficeKind } from '../vocabulary';

export { licenseStatuses, type OfficeKind } from '../vocabulary';

export type Holder = z.infer<typeof HolderSchema>;
export type Location = z.infer<typeof LocationSchema>;
export type Contact = z.infer<typeof ContactSchema>;
export type Vote = z.infer<typeof VoteSchema>;

export type LicenseApplied = EventOf<typeof licenseApplied>;
export type WorkingGroupVoteRecorded = EventOf<typeof workingGroupVoteRecorded>;
export type WorkingGroupDecided = EventOf<typeof workingGroupDecided>;
export type LicenseIssued = EventOf<typeof licenseIssued>;
export type LicenseRefused = EventOf<typeof licenseRefused>;
export type LicenseAmended = EventOf<typeof licenseAmended>;
export type LicenseTransferred = EventOf<typeof licenseTransferred>;
export type LicenseRenewed = EventOf<typeof licenseRenewed>;
export type LicenseSuspended = EventOf<typeof licenseSuspended>;
export type LicenseReinstated = EventOf<typeof licenseReinstated>;
export type LicenseCancelled = EventOf<typeof licenseCancelled>;

export type LicenseEvent =
  | LicenseApplied
  | WorkingGroupVoteRecorded
  | WorkingGroupDecided
  | LicenseIssued
  | LicenseRefused
  | LicenseAmended
  | LicenseTransferred
  | LicenseRenewed
  | LicenseSuspended
  | LicenseReinstated
  | LicenseCancelled;

export interface Application {
  licenseId: string;
  applicant: Holder;
  province: string;
  officeKind: OfficeKind;
  location: Location;
  contact: Contact;
  appliedAt: string;
  votes: Vote[];
}

/** One suspension; it ends at `until` or at reinstatement, whichever comes first. */
export interface Suspension {
  from: string;
  until?: string;
  reinstatedAt?: string;
}

export interface Terms {
  licenseNumber: string;
  holder: Holder;
  validFrom: string;
  /** Exclusive end of validity; from this instant the license is expired (منقضی) unless renewed before. */
  validUntil: string;
  suspensions: Suspension[];
  cancelledAt?: string;
}

/** The recorded lifecycle; `expired` is never recorded, it is derived by {@link statusAt}. */
export type LicenseState =
  | { status: 'none' }
  | { status: 'under_review'; application: Application }
  | { status: 'approved'; application: Application }
  | { status: 'rejected'; application: Application }
  | { status: 'refused'; application: Application; reason: string }
  | { status: 'active' | 'suspended' | 'cancelled'; application: Application; terms: Terms };

/** The vocabulary's `licenseStatuses`, and `none` before anything was applied for. */
export type LicenseStatus = LicenseState['status'] | 'expired';
const _everyStatusReached: readonly LicenseStatus[] = licenseStatuses;

export const licenseStream = (licenseId: string) => `license-${licenseId}`;

export const initialLicenseState = (): LicenseState => ({ status: 'none' });

const suspensionEnd = (s: Suspension) =>
  [s.until, s.reinstatedAt].filter((x): x is string => !!x).sort()[0];

function suspendedAt(terms: Terms, iso: string): boolean {
  return terms.suspensions.some((s) => {
    const end = suspensionEnd(s);
    return s.from <= iso && (end === undefined || iso < end);
  });
}

/** The status as of `at`: validity and suspension end dates take effect without any job. */
export function statusAt(state: LicenseState, at: Date): LicenseStatus {
  if (state.status !== 'active' && state.status !== 'suspended') return state.status;
  const iso = at.toISOString();
  if (iso >= state.terms.validUntil) return 'expired';
  return suspendedAt(state.terms, iso) ? 'suspended' : 'active';
}

/** Whether the license was active (فعال) at `at`, for any past or present instant. */
export function activeAt(state: LicenseState, at: Date): boolean {
  if (state.status !== 'active' && state.status !== 'suspended' && state.status !== 'cancelled')
    return false;
  const iso = at.toISOString();
  const { validFrom, validUntil, cancelledAt } = state.terms;
  if (iso < validFrom || iso >= validUntil) return false;
  if (cancelledAt !== undefined && iso >= cancelledAt) return false;
  return !suspendedAt(state.terms, iso);
}

function withTerms(state: LicenseState, update: (terms: Terms) => Partial<Terms>): LicenseState {
  if (!('terms' in state)) return state;
  return { ...state, terms: { ...state.terms, ...update(state.terms) } };
}

export function evolveLicense(state: LicenseState, event: LicenseEvent): LicenseState {
  switch (event.type) {
    case 'LicenseApplied': {
      const { type: _t, recordedBy: _r, ...application } = event;
      return { status: 'under_review', application: { ...application, votes: [] } };
    }
    case 'WorkingGroupVoteRecorded': {
      if (state.status !== 'under_review') return state;
      const { memberBody, vote, reason, votedAt } = event;
      const votes = [...state.application.votes, { memberBody, vote, reason, votedAt }];
      return { status: 'under_review', application: { ...state.application, votes } };
    }
    case 'WorkingGroupDecided':
      return 'application' in state
        ? { status: event.outcome, application: state.application }
        : state;
    case 'LicenseIssued': {
      if (!('application' in state)) return state;
      const terms: Terms = {
        licenseNumber: event.licenseNumber,
        holder: state.application.applicant,
        validFrom: event.validFrom,
        validUntil: event.validUntil,
        suspensions: [],
      };
      return { status: 'active', application: state.application, terms };
    }
    case 'LicenseRefused':
      return 'application' in state
        ? { status: 'refused', application: state.application, reason: event.reason }
        : state;
    case 'LicenseAmended': {
      if (!('terms' in state)) return state;
      const { address, phone, email } = event.changes;
      const { location, contact } = state.application;
      const application = {
        ...state.application,
        location: { ...location, ...(address !== undefined ? { address } : {}) },
        contact: {
          ...contact,
          ...(phone !== undefined ? { phone } : {}),
          ...(email !== undefined ? { email } : {}),
        },
      };
      return { ...state, application };
    }
    case 'LicenseTransferred':
      return withTerms(state, () => ({ holder: event.to }));
    case 'LicenseRenewed':
      return withTerms(state, () => ({ validUntil: event.validUntil }));
    case 'LicenseSuspended': {
      const next = withTerms(state, (t) => ({
        suspensions: [
          ...t.suspensions,
          { from: event.suspendedAt, ...(event.until ? { until: event.until } : {}) },
        ],
      }));
      return 'terms' in next ? { ...next, status: 'suspended' } : next;
    }
    case 'LicenseReinstated': {
      const next = withTerms(state, (t) => ({
        suspensions: t.suspensions.map((s, i) =>
          i === t.suspensions.length - 1 ? { ...s, reinstatedAt: event.reinstatedAt } : s,
        ),
      }));
      return 'terms' in next ? { ...next, status: 'active' } : next;
    }
    case 'LicenseCancelled': {
      const next = withTerms(state, () => ({ cancelledAt: event.cancelledAt }));
      return 'terms' in next ? { ...next, status: 'cancelled' } : next;
    }
  }
}

/** One license (or application) as folded from its stream. */
export interface LicenseRecord {
  licenseId: string;
  state: Exclude<LicenseState, { status: 'none' }>;
  /** Last revision of its stream, for ETags and concurrency. */
  revision: number;
}

/** The license registry's fold: one record per license, keyed by its id. */
export const licenseFold: KeyedFold<LicenseRecord> = {
  name: 'licenses',
  version: 1,
  filter: { eventTypes: licensingContracts.map((c) => c.type), streamPrefixes: ['license-'] },
  keyOf: (recorded) => (recorded.data as LicenseEvent).licenseId,
  fold(previous, recorded) {
    const event = recorded.data as LicenseEvent;
    const state = evolveLicense(previous?.state ?? initialLicenseState(), event);
    if (state.status === 'none') return undefined;
    return { licenseId: event.licenseId, state, revision: recorded.revision };
  },
};
