import { deciderSpec } from '../../test/support/deciderSpec';
import { IllegalStateError, NotFoundError, ValidationError } from '../shared/errors';
import type { PspChosenByOffice, PspRegistered } from './psp';
import { pspDecider } from './psp.decide';

const spec = deciderSpec(pspDecider);
const now = new Date('2026-11-29T08:00:00Z');

const registered: PspRegistered = {
  type: 'PspRegistered',
  pspId: 'SEP',
  nameFa: 'سپ',
  nameEn: 'Saman',
  credentialId: 'cred-psp',
  registeredAt: now.toISOString(),
  registeredBy: 'regulator',
};

const choice = (byRole: 'office' | 'regulator', writtenConsent?: string) =>
  ({
    type: 'RecordOfficeChoice',
    pspId: 'SEP',
    officeId: 'OF-A',
    officeExists: true,
    byRole,
    ...(writtenConsent ? { writtenConsent } : {}),
    now,
    actor: 'someone',
  }) as const;

const chosen: PspChosenByOffice = {
  type: 'PspChosenByOffice',
  pspId: 'SEP',
  officeId: 'OF-A',
  byRole: 'office',
  chosenAt: now.toISOString(),
  chosenBy: 'someone',
};

describe('the PSP decider (پرداخت‌یار)', () => {
  it('when a PSP is registered twice, refuses the second', () => {
    spec
      .given([registered])
      .when({
        type: 'RegisterPsp',
        pspId: 'SEP',
        nameFa: 'x',
        nameEn: 'x',
        credentialId: 'c2',
        now,
        actor: 'r',
      })
      .thenThrows(IllegalStateError);
  });
  it('when the office chooses the PSP itself, records its choice', () => {
    spec.given([registered]).when(choice('office')).then([chosen]);
  });
  it("when the regulator records it, the office's written consent is required and kept", () => {
    spec.given([registered]).when(choice('regulator')).thenThrows(ValidationError);
    spec
      .given([registered])
      .when(choice('regulator', 'letter 12'))
      .then([{ ...chosen, byRole: 'regulator', writtenConsent: 'letter 12' }]);
  });
  it('when the office already chose the PSP, records nothing: the first choice stands', () => {
    spec.given([registered, chosen]).when(choice('regulator', 'letter 12')).then([]);
  });
  it('when the PSP or the office does not exist, not found', () => {
    spec.given([]).when(choice('office')).thenThrows(NotFoundError);
    spec
      .given([registered])
      .when({ ...choice('office'), officeExists: false })
      .thenThrows(NotFoundError);
  });
});
