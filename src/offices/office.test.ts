import { deciderSpec } from '../../test/support/deciderSpec';
import { IllegalStateError, ValidationError } from '../shared/errors';
import { evolveOffice, initialOfficeState, isAssigned, type OfficeEvent } from './office';
import { officeDecider, type LicenseFacts, type RegisterOffice } from './office.decide';
import { terminalDecider } from './terminal.decide';
import type { TerminalEvent } from './terminal';

const now = new Date('2026-11-29T08:00:00Z');
const day = (n: number) => new Date(now.getTime() + n * 86_400_000);
const license: LicenseFacts = {
  status: 'active',
  province: 'IR-23',
  officeKind: 'urban',
  hasOffice: false,
};
const register: RegisterOffice = {
  type: 'RegisterOffice',
  officeId: 'OF-1',
  licenseId: 'L-1',
  license,
  nameFa: 'دفتر آزادی',
  nameEn: 'Azadi',
  locality: { kind: 'city', name: 'Tehran' },
  address: 'Azadi St. 1',
  postalCode: '1345678901',
  phone: '02112345678',
  iban: 'IR82 0540 1026 8002 0817 9090 02',
  now,
  actor: 'cra',
};
const registered: OfficeEvent = {
  type: 'OfficeRegistered',
  officeId: 'OF-1',
  licenseId: 'L-1',
  province: 'IR-23',
  kind: 'urban',
  nameFa: 'دفتر آزادی',
  nameEn: 'Azadi',
  locality: { kind: 'city', name: 'Tehran' },
  address: 'Azadi St. 1',
  postalCode: '1345678901',
  phone: '02112345678',
  iban: 'IR820540102680020817909002',
  registeredAt: now.toISOString(),
  registeredBy: 'cra',
};
const assign = (
  at: Date,
  licenseStatus: LicenseFacts['status'] = 'active',
  outsourceableIn: string | undefined = '1405-H2',
) =>
  ({
    type: 'AssignService',
    officeId: 'OF-1',
    serviceCode: 'vehicle-transfer',
    licenseStatus,
    outsourceableIn,
    now: at,
    actor: 'cra',
  }) as const;

const spec = deciderSpec(officeDecider);

describe('office registry', () => {
  it('registers under an active license, taking province and kind from it and normalising the Sheba', () => {
    spec.given([]).when(register).then([registered]);
  });

  it('when the license is suspended, refuses the registration naming that state', () => {
    spec
      .given([])
      .when({ ...register, license: { ...license, status: 'suspended' } })
      .thenThrows(IllegalStateError, 'suspended');
  });

  it('refuses a bad Sheba or postal code, a village for an urban office, and a second office per license', () => {
    spec
      .given([])
      .when({ ...register, iban: 'IR820540102680020817909003' })
      .thenThrows(ValidationError);
    spec
      .given([])
      .when({ ...register, postalCode: '0345678901' })
      .thenThrows(ValidationError);
    spec
      .given([])
      .when({ ...register, locality: { kind: 'village', name: 'Kan' } })
      .thenThrows(ValidationError);
    spec
      .given([])
      .when({ ...register, license: { ...license, hasOffice: true } })
      .thenThrows(IllegalStateError);
    spec.given([registered]).when(register).thenThrows(IllegalStateError, 'already exists');
  });

  it('records only fields that really change', () => {
    spec
      .given([registered])
      .when({
        type: 'ChangeOfficeDetails',
        officeId: 'OF-1',
        changes: { phone: '02112345678', address: 'Enghelab St. 2' },
        now,
        actor: 'office',
      })
      .then([
        {
          type: 'OfficeDetailsChanged',
          officeId: 'OF-1',
          changes: { address: 'Enghelab St. 2' },
          changedAt: now.toISOString(),
          changedBy: 'office',
        },
      ]);
    spec
      .given([registered])
      .when({
        type: 'ChangeOfficeDetails',
        officeId: 'OF-1',
        changes: { phone: '02112345678' },
        now,
        actor: 'office',
      })
      .then([]);
  });
});

describe('service assignment', () => {
  it('assigns while the license is active and the service outsourceable', () => {
    spec
      .given([registered])
      .when(assign(now))
      .then([
        {
          type: 'ServiceAssigned',
          officeId: 'OF-1',
          serviceCode: 'vehicle-transfer',
          period: '1405-H2',
          assignedAt: now.toISOString(),
          assignedBy: 'cra',
        },
      ]);
  });

  it('when the license is suspended or expired, rejects the assignment naming the state', () => {
    spec
      .given([registered])
      .when(assign(now, 'suspended'))
      .thenThrows(IllegalStateError, 'suspended');
    spec.given([registered]).when(assign(now, 'expired')).thenThrows(IllegalStateError, 'expired');
  });

  it('when the service is not in the current catalogue, rejects it', () => {
    spec
      .given([registered])
      .when({ ...assign(now), outsourceableIn: undefined })
      .thenThrows(IllegalStateError, 'not outsourceable');
  });

  it('"was S assigned to O at T" follows assignments and withdrawals', () => {
    const events: OfficeEvent[] = [
      registered,
      {
        type: 'ServiceAssigned',
        officeId: 'OF-1',
        serviceCode: 'vehicle-transfer',
        period: '1405-H2',
        assignedAt: day(1).toISOString(),
        assignedBy: 'cra',
      },
      {
        type: 'ServiceWithdrawn',
        officeId: 'OF-1',
        serviceCode: 'vehicle-transfer',
        reason: 'x',
        withdrawnAt: day(3).toISOString(),
        withdrawnBy: 'cra',
      },
      {
        type: 'ServiceAssigned',
        officeId: 'OF-1',
        serviceCode: 'vehicle-transfer',
        period: '1405-H2',
        assignedAt: day(5).toISOString(),
        assignedBy: 'cra',
      },
    ];
    const state = events.reduce(officeDecider.evolve, officeDecider.initialState());
    expect(
      [0, 1, 2, 3, 4, 5, 100].map((n) => isAssigned(state, 'vehicle-transfer', day(n))),
    ).toEqual([false, true, true, false, false, true, true]);
    expect(isAssigned(state, 'passport', day(2))).toBe(false);
  });

  it('withdrawing a service that is not assigned is refused', () => {
    spec
      .given([registered])
      .when({
        type: 'WithdrawService',
        officeId: 'OF-1',
        serviceCode: 'vehicle-transfer',
        reason: 'x',
        now,
        actor: 'cra',
      })
      .thenThrows(IllegalStateError, 'not assigned');
  });

  it('a service code named like an object property (constructor, __proto__) is just not assigned', () => {
    for (const serviceCode of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(isAssigned(evolveOffice(initialOfficeState(), registered), serviceCode, now)).toBe(
        false,
      );
      spec
        .given([registered])
        .when({
          type: 'WithdrawService',
          officeId: 'OF-1',
          serviceCode,
          reason: 'x',
          now,
          actor: 'cra',
        })
        .thenThrows(IllegalStateError, 'not assigned');
    }
  });
});

describe('payment terminals', () => {
  const t = deciderSpec(terminalDecider);
  const registerTerminal = {
    type: 'RegisterTerminal',
    terminalId: 'T0000001',
    merchantId: '000000012345678',
    psp: 'Sep',
    officeId: 'OF-1',
    officeExists: true,
    credentialId: 'c-1',
    now,
    actor: 'cra',
  } as const;
  const terminalRegistered: TerminalEvent = {
    type: 'TerminalRegistered',
    terminalId: 'T0000001',
    merchantId: '000000012345678',
    psp: 'Sep',
    officeId: 'OF-1',
    credentialId: 'c-1',
    registeredAt: now.toISOString(),
    registeredBy: 'cra',
  };

  it('registers a terminal to one existing office', () => {
    t.given([]).when(registerTerminal).then([terminalRegistered]);
    t.given([])
      .when({ ...registerTerminal, officeExists: false })
      .thenThrows(ValidationError);
    t.given([terminalRegistered])
      .when(registerTerminal)
      .thenThrows(IllegalStateError, 'already registered');
  });

  it('deactivates once, naming the credential to revoke', () => {
    const deactivate = {
      type: 'DeactivateTerminal',
      terminalId: 'T0000001',
      reason: 'lost',
      now,
      actor: 'cra',
    } as const;
    const events = t.given([terminalRegistered]).when(deactivate).events();
    expect(events).toEqual([
      expect.objectContaining({
        type: 'TerminalDeactivated',
        credentialId: 'c-1',
        officeId: 'OF-1',
      }),
    ]);
    t.given([terminalRegistered, ...events])
      .when(deactivate)
      .thenThrows(IllegalStateError, 'deactivated');
  });
});
