import { deciderSpec } from '../../test/support/deciderSpec';
import { IllegalStateError, ValidationError } from '../shared/errors';
import { supervisionEvents } from '../../contracts/events/supervision';
import type { SupervisionEvent } from './supervision';
import { supervisionDecider, type RecordSupervisionAction } from './supervision.decide';

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
  it('each action is recorded as its own event type, as that type’s contract says', () => {
    const recorded = (['warning', 'inspection', 'suspension_recommended'] as const).map(
      (action) =>
        spec
          .given([])
          .when({ ...command, action })
          .events()[0]!,
    );
    expect(recorded.map((e) => e.type)).toEqual([
      'OfficeWarned',
      'InspectionOrdered',
      'SuspensionRecommended',
    ]);
    for (const e of recorded) {
      const contract = supervisionEvents.find((c) => c.type === e.type)!;
      expect(contract.schema.parse(e)).toEqual(e);
    }
  });
  it('needs a reason', () => {
    spec
      .given([])
      .when({ ...command, reason: ' ' })
      .thenThrows(ValidationError);
  });
});
