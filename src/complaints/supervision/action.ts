import { IllegalStateError, ValidationError } from '../../shared/errors';
import type { Decider } from '../../shared/eventStore';
import { supervisionActions, type SupervisionAction } from '../../../contracts/vocabulary';

/**
 * Supervision actions (اقدامات نظارتی) the regulator takes against an office: a warning
 * (تذکر کتبی), an inspection (بازرسی), or a recommendation to suspend the license
 * (پیشنهاد تعلیق پروانه). Each is its own event type in the office's supervision stream,
 * so the licensing slice can subscribe to `SuspensionRecommended` alone and act on it.
 */
interface ActionFacts {
  officeId: string;
  actionId: string;
  reason: string;
  /** The case or the performance period that prompted it. */
  complaintId?: string;
  period?: string;
  recordedAt: string;
  recordedBy: string;
}

export interface OfficeWarned extends ActionFacts {
  type: 'OfficeWarned';
}
export interface InspectionOrdered extends ActionFacts {
  type: 'InspectionOrdered';
}
export interface SuspensionRecommended extends ActionFacts {
  type: 'SuspensionRecommended';
}

export type SupervisionEvent = OfficeWarned | InspectionOrdered | SuspensionRecommended;
export const supervisionEventTypes: readonly SupervisionEvent['type'][] = [
  'OfficeWarned',
  'InspectionOrdered',
  'SuspensionRecommended',
];

export { supervisionActions, type SupervisionAction };

const eventType: Record<SupervisionAction, SupervisionEvent['type']> = {
  warning: 'OfficeWarned',
  inspection: 'InspectionOrdered',
  suspension_recommended: 'SuspensionRecommended',
};
export const actionOf = (type: SupervisionEvent['type']): SupervisionAction =>
  supervisionActions.find((a) => eventType[a] === type) ?? 'warning';

export interface SupervisionState {
  actions: SupervisionEvent[];
}

export interface RecordSupervisionAction {
  type: 'RecordSupervisionAction';
  action: SupervisionAction;
  officeId: string;
  actionId: string;
  reason: string;
  complaintId?: string;
  period?: string;
  now: Date;
  actor: string;
}

export const supervisionStream = (officeId: string) => `supervision-${officeId}`;

export function decideSupervision(
  c: RecordSupervisionAction,
  s: SupervisionState,
): SupervisionEvent[] {
  const same = s.actions.find((a) => a.actionId === c.actionId);
  if (same) {
    if (same.type !== eventType[c.action])
      throw new IllegalStateError(`action ${c.actionId} was recorded as ${same.type}`);
    return [];
  }
  if (!c.reason.trim())
    throw new ValidationError('a supervision action needs a reason', [
      { path: 'reason', message: 'required' },
    ]);
  return [
    {
      type: eventType[c.action],
      officeId: c.officeId,
      actionId: c.actionId,
      reason: c.reason,
      ...(c.complaintId ? { complaintId: c.complaintId } : {}),
      ...(c.period ? { period: c.period } : {}),
      recordedAt: c.now.toISOString(),
      recordedBy: c.actor,
    },
  ];
}

export const supervisionDecider: Decider<
  RecordSupervisionAction,
  SupervisionEvent,
  SupervisionState
> = {
  initialState: () => ({ actions: [] }),
  evolve: (s, e) => ({ actions: [...s.actions, e] }),
  decide: decideSupervision,
};
