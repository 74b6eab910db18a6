import { deciderSpec } from '../../../test/support/deciderSpec';
import { IllegalStateError, ValidationError } from '../../shared/errors';
import { supervisionDecider, type RecordSupervisionAction, type SupervisionEvent } from './action';

const spec = deciderSpec(supervisionDecider);
const now = new Date('2026-05-20T08:00:00Z');
const command: RecordSupervisionAction = {
  type: 'RecordSupervisionAction',
  action: 'suspension_recommended',
  officeId: 'OF-A',
  actionId: 'a-1',
  reason: 'score 12.00 in 1405-H1',
  period: '1405-H1',
  now,
  actor: 'reg',
};
const recommended: SupervisionEvent = {
  type: 'SuspensionRecommended',
  officeId: 'OF-A',
  actionId: 'a-1',
  reason: 'score 12.00 in 1405-H1',
  period: '1405-H1',
  recordedAt: now.toISOString(),
  recordedBy: 'reg',
};

describe('supervision actions', () => {
  it('a recommendation to suspend is its own event type, for the licensing slice to act on', () => {
    spec.given([]).when(command).then([recommended]);
  });
  it('recording the same action again changes nothing; reusing its id for another kind is refused', () => {
    spec.given([recommended]).when(command).then([]);
    spec
      .given([recommended])
      .when({ ...command, action: 'warning' })
      .thenThrows(IllegalStateError);
  });
  it('needs a reason', () => {
    spec
      .given([])
      .when({ ...command, reason: ' ' })
      .thenThrows(ValidationError);
  });
});
