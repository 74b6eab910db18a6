import { versionsOf, type EventOf } from '../../contracts/events/contract';
import {
  applicationEvents,
  type applicantNotified,
  type applicationDocumentAttached,
  type applicationDrafted,
  type applicationForwarded,
  type applicationReturned,
  type applicationSubmitted,
} from '../../contracts/events/applicants';
import type { KeyedFold } from '../../contracts/keyedFold';
import type { ApplicationStatus, DocumentKind } from '../../contracts/vocabulary';
import { IllegalStateError, ValidationError } from '../shared/errors';
import type { Decider } from '../shared/eventStore';

export type ApplicationDrafted = EventOf<typeof applicationDrafted>;
export type DocumentAttached = EventOf<typeof applicationDocumentAttached>;
export type ApplicationEvent =
  | ApplicationDrafted
  | DocumentAttached
  | EventOf<typeof applicationSubmitted>
  | EventOf<typeof applicationReturned>
  | EventOf<typeof applicationForwarded>
  | EventOf<typeof applicantNotified>;

/**
 * An online application (درخواست برخط): the draft, its documents by kind (the last attached
 * of each kind counts), where it stands and, once forwarded, the license it became.
 */
export type ApplicationState =
  | { status: 'none' }
  | {
      status: ApplicationStatus;
      draft: ApplicationDrafted;
      documents: Partial<Record<DocumentKind, DocumentAttached>>;
      returnReason?: string;
      licenseId?: string;
      notified: Array<{ outcome: string; at: string }>;
    };

export function evolveApplication(s: ApplicationState, e: ApplicationEvent): ApplicationState {
  if (e.type === 'ApplicationDrafted')
    return { status: 'draft', draft: e, documents: {}, notified: [] };
  if (s.status === 'none') return s;
  switch (e.type) {
    case 'ApplicationDocumentAttached':
      return { ...s, documents: { ...s.documents, [e.documentKind]: e } };
    case 'ApplicationSubmitted':
      return { ...s, status: 'submitted' };
    case 'ApplicationReturned':
      return { ...s, status: 'returned', returnReason: e.reason };
    case 'ApplicationForwarded':
      return { ...s, status: 'forwarded', licenseId: e.licenseId };
    case 'ApplicantNotified':
      return { ...s, notified: [...s.notified, { outcome: e.outcome, at: e.notifiedAt }] };
  }
}

interface Base {
  now: Date;
  actor: string;
}
export type ApplicationCommand =
  | (Base & { type: 'Draft'; draft: Omit<ApplicationDrafted, 'type' | 'draftedAt'> })
  | (Base & { type: 'Attach'; document: Omit<DocumentAttached, 'type' | 'attachedAt'> })
  | (Base & { type: 'Submit'; required: readonly DocumentKind[] })
  | (Base & { type: 'Return'; reason: string })
  | (Base & { type: 'Forward'; licenseId: string })
  | (Base & {
      type: 'RecordNotified';
      outcome: 'issued' | 'rejected' | 'refused';
      providerReference: string;
    });

const allowed: Record<ApplicationCommand['type'], readonly string[]> = {
  Draft: ['none'],
  Attach: ['draft', 'returned'],
  Submit: ['draft', 'returned'],
  Return: ['submitted'],
  Forward: ['submitted'],
  RecordNotified: ['forwarded'],
};

const digests = (s: Exclude<ApplicationState, { status: 'none' }>) =>
  Object.values(s.documents).map((d) => ({ documentKind: d.documentKind, sha256: d.sha256 }));

export function decideApplication(c: ApplicationCommand, s: ApplicationState): ApplicationEvent[] {
  if (!allowed[c.type].includes(s.status))
    throw new IllegalStateError(`The application is ${s.status}; ${c.type} is not allowed`, {
      currentState: s.status,
    });
  const at = c.now.toISOString();
  if (c.type === 'Draft') return [{ type: 'ApplicationDrafted', ...c.draft, draftedAt: at }];
  if (s.status === 'none') return [];
  const applicationId = s.draft.applicationId;
  switch (c.type) {
    case 'Attach':
      return [{ type: 'ApplicationDocumentAttached', ...c.document, attachedAt: at }];
    case 'Submit': {
      const missing = c.required.filter((k) => !s.documents[k]);
      if (missing.length)
        throw new ValidationError(
          'Documents are missing',
          missing.map((k) => ({
            path: `documents.${k}`,
            message: 'required for this office kind',
          })),
        );
      return [
        { type: 'ApplicationSubmitted', applicationId, documents: digests(s), submittedAt: at },
      ];
    }
    case 'Return':
      return [
        {
          type: 'ApplicationReturned',
          applicationId,
          reason: c.reason,
          returnedAt: at,
          returnedBy: c.actor,
        },
      ];
    case 'Forward':
      return [
        {
          type: 'ApplicationForwarded',
          applicationId,
          licenseId: c.licenseId,
          documents: digests(s),
          forwardedAt: at,
          forwardedBy: c.actor,
        },
      ];
    case 'RecordNotified':
      return [
        {
          type: 'ApplicantNotified',
          applicationId,
          licenseId: s.licenseId ?? '',
          outcome: c.outcome,
          providerReference: c.providerReference,
          notifiedAt: at,
        },
      ];
  }
}

export const applicationDecider: Decider<ApplicationCommand, ApplicationEvent, ApplicationState> = {
  initialState: () => ({ status: 'none' }),
  evolve: evolveApplication,
  decide: decideApplication,
  eventVersions: versionsOf(applicationEvents),
};

export interface ApplicationRecord {
  applicationId: string;
  state: Exclude<ApplicationState, { status: 'none' }>;
  revision: number;
}

/** Every application in memory, one record per id, for the registry. */
export const applicationFold: KeyedFold<ApplicationRecord> = {
  name: 'applications',
  version: 1,
  filter: {
    eventTypes: applicationEvents.map((c) => c.type),
    streamPrefixes: ['application-'],
  },
  keyOf: (e) => (e.data as ApplicationEvent).applicationId,
  fold(previous, e) {
    const state = evolveApplication(
      previous?.state ?? { status: 'none' },
      e.data as ApplicationEvent,
    );
    if (state.status === 'none') return undefined;
    return { applicationId: state.draft.applicationId, state, revision: e.revision };
  },
};
