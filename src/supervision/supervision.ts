import {
  eventTypeOfAction,
  InspectionOrdered,
  OfficeWarned,
  supervisionActions,
  supervisionEvents,
  supervisionStream,
  SuspensionRecommended,
  type SupervisionAction,
  type SupervisionEvent,
} from '../../contracts/events/supervision';

export {
  eventTypeOfAction,
  InspectionOrdered,
  OfficeWarned,
  supervisionActions,
  supervisionStream,
  SuspensionRecommended,
};
export type { SupervisionAction, SupervisionEvent };

/**
 * Supervision (نظارت بر عملکرد دفاتر) of one office: the actions (اقدامات نظارتی) the regulator
 * has recorded against it, in its stream `supervision-<officeId>`. Each action is its own
 * event type, so licensing can subscribe to `SuspensionRecommended` alone.
 */
export const supervisionEventTypes: readonly SupervisionEvent['type'][] = supervisionEvents.map(
  (c) => c.type,
);

/** The action an event records. */
export const actionOf = (type: SupervisionEvent['type']): SupervisionAction =>
  supervisionActions.find((a) => eventTypeOfAction[a] === type) ?? 'warning';

export interface SupervisionState {
  actions: SupervisionEvent[];
}

export const initialSupervision = (): SupervisionState => ({ actions: [] });

export const evolveSupervision = (s: SupervisionState, e: SupervisionEvent): SupervisionState => ({
  actions: [...s.actions, e],
});
