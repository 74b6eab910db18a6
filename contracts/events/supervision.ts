import { z } from 'zod';
import { StoredInstant } from '../primitives';
import type { SupervisionAction } from '../vocabulary';
import { eventContract, type EventOf } from './contract';

export { supervisionActions, type SupervisionAction } from '../vocabulary';

const ActionFacts = z.object({
  officeId: z.string(),
  /** Unique within the office's stream; recording the same id again changes nothing. */
  actionId: z.string(),
  reason: z.string(),
  /** The case that prompted it. */
  complaintId: z.string().optional(),
  /** The performance period that prompted it, a Jalali half-year such as `1405-H1`. */
  period: z.string().optional(),
  recordedAt: StoredInstant,
  recordedBy: z.string(),
});

/** The office was warned in writing (تذکر کتبی). */
export const OfficeWarned = eventContract('OfficeWarned', 1, ActionFacts);
export type OfficeWarned = EventOf<typeof OfficeWarned>;

/** An inspection of the office was ordered (بازرسی). */
export const InspectionOrdered = eventContract('InspectionOrdered', 1, ActionFacts);
export type InspectionOrdered = EventOf<typeof InspectionOrdered>;

/**
 * The regulator recommended suspending the office's license (پیشنهاد تعلیق پروانه): its own
 * event type, so licensing can subscribe to it alone and act on it.
 */
export const SuspensionRecommended = eventContract('SuspensionRecommended', 1, ActionFacts);
export type SuspensionRecommended = EventOf<typeof SuspensionRecommended>;

/** Every event contract of supervision. */
export const supervisionEvents = [OfficeWarned, InspectionOrdered, SuspensionRecommended] as const;
export type SupervisionEvent = OfficeWarned | InspectionOrdered | SuspensionRecommended;

/** The event type each action is recorded as. */
export const eventTypeOfAction: Readonly<Record<SupervisionAction, SupervisionEvent['type']>> = {
  warning: 'OfficeWarned',
  inspection: 'InspectionOrdered',
  suspension_recommended: 'SuspensionRecommended',
};

/** An office's supervision stream: `supervision-<officeId>`. */
export const supervisionStream = (officeId: string) => `supervision-${officeId}`;

const OutcomeFacts = z.object({
  /** The recommendation decided: the `actionId` of its `SuspensionRecommended`. */
  actionId: z.string(),
  officeId: z.string(),
  reason: z.string(),
  decidedAt: StoredInstant,
  decidedBy: z.string(),
});

/**
 * Licensing acted on a suspension recommendation: the office's license is suspended, its
 * `LicenseSuspended` naming the recommendation. `effectNamed` marks the outcomes written with
 * the suspension's own terms (`reason`, `until`), whose suspension a retry or the completion
 * round writes if it is missing; an outcome without it is older, its suspension written by the
 * same call.
 */
export const SuspensionRecommendationActed = eventContract(
  'SuspensionRecommendationActed',
  1,
  OutcomeFacts.extend({
    licenseId: z.string(),
    /** When the suspension ends; absent, it lasts until reinstated. */
    until: StoredInstant.optional(),
    effectNamed: z.literal(true).optional(),
  }),
);
export type SuspensionRecommendationActed = EventOf<typeof SuspensionRecommendationActed>;

/** Licensing dismissed a suspension recommendation, with its reason. */
export const SuspensionRecommendationDismissed = eventContract(
  'SuspensionRecommendationDismissed',
  1,
  OutcomeFacts,
);
export type SuspensionRecommendationDismissed = EventOf<typeof SuspensionRecommendationDismissed>;

export const recommendationOutcomeEvents = [
  SuspensionRecommendationActed,
  SuspensionRecommendationDismissed,
] as const;
export type RecommendationOutcome =
  SuspensionRecommendationActed | SuspensionRecommendationDismissed;

/** A recommendation's outcome stream, `recommendation-<actionId>`: at most one outcome. */
export const recommendationStream = (actionId: string) => `recommendation-${actionId}`;
