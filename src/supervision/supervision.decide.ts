import { versionsOf } from '../../contracts/events/contract';
import { supervisionEvents } from '../../contracts/events/supervision';
import { IllegalStateError, ValidationError } from '../shared/errors';
import type { Decider } from '../shared/eventStore';
import {
  eventTypeOfAction,
  evolveSupervision,
  initialSupervision,
  type SupervisionAction,
  type SupervisionEvent,
  type SupervisionState,
} from './supervision';

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

/** Records an action once; its id recorded again changes nothing, reused for another kind is refused. */
export function decideSupervision(
  c: RecordSupervisionAction,
  s: SupervisionState,
): SupervisionEvent[] {
  const same = s.actions.find((a) => a.actionId === c.actionId);
  if (same) {
    if (same.type !== eventTypeOfAction[c.action])
      throw new IllegalStateError(`action ${c.actionId} was recorded as ${same.type}`);
    return [];
  }
  if (!c.reason.trim())
    throw new ValidationError('a supervision action needs a reason', [
      { path: 'reason', message: 'required' },
    ]);
  return [
    {
      type: eventTypeOfAction[c.action],
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
  initialState: initialSupervision,
  evolve: evolveSupervision,
  decide: decideSupervision,
  eventVersions: versionsOf(supervisionEvents),
};
