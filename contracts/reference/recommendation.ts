import type { LicenseSuspended } from './license';
import {
  recommendationOutcomeEvents,
  type RecommendationOutcome,
  type SuspensionRecommended,
} from '../events/supervision';
import type { KeyedFold } from '../keyedFold';

/**
 * A supervision recommendation to suspend an office's license (پیشنهاد تعلیق پروانه) as
 * licensing's queue holds it: the recommendation and, once decided, its one outcome.
 */
export interface RecommendationRecord {
  recommendation: SuspensionRecommended;
  outcome?: RecommendationOutcome;
  /** The license stream holds the suspension naming this recommendation. */
  effectApplied?: true;
}

const recommendationTypes = [
  'SuspensionRecommended',
  ...recommendationOutcomeEvents.map((e) => e.type),
  'LicenseSuspended',
];

/** Every suspension recommendation by its action id, with its outcome and its suspension. */
export const recommendationFold: KeyedFold<RecommendationRecord> = {
  name: 'suspensionRecommendations',
  version: 2,
  filter: {
    eventTypes: recommendationTypes,
    streamPrefixes: ['supervision-', 'recommendation-', 'license-'],
  },
  keyOf: (e) =>
    e.type === 'LicenseSuspended'
      ? ((e.data as LicenseSuspended).recommendation?.actionId ?? '')
      : (e.data as { actionId: string }).actionId,
  fold(previous, e) {
    if (e.type === 'LicenseSuspended') return previous && { ...previous, effectApplied: true };
    const data = e.data as SuspensionRecommended | RecommendationOutcome;
    if (data.type === 'SuspensionRecommended') return { ...previous, recommendation: data };
    return previous && { ...previous, outcome: data };
  },
};
