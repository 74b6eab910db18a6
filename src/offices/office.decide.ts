import {
  officeDetailsChanged,
  officeRegistered,
  serviceAssigned,
  serviceWithdrawn,
} from '../../contracts/events/offices';
import { versionsOf } from '../../contracts/events/contract';
import type { LicenseStatus, OfficeKind } from '../licensing';
import { IllegalStateError, ValidationError, type FieldProblem } from '../shared/errors';
import type { Decider } from '../shared/eventStore';
import { postalCode, sheba } from '../shared/iranianIds';
import {
  evolveOffice,
  initialOfficeState,
  isAssigned,
  type OfficeDetails,
  type OfficeEvent,
  type OfficeState,
} from './office';

interface Base {
  officeId: string;
  now: Date;
  actor: string;
}

/** What the caller looked up about the office's license at `now`. */
export interface LicenseFacts {
  status: LicenseStatus;
  province: string;
  officeKind: OfficeKind;
  /** Another office is already registered under this license. */
  hasOffice: boolean;
}

export interface RegisterOffice extends Base, OfficeDetails {
  type: 'RegisterOffice';
  licenseId: string;
  license: LicenseFacts | undefined;
}
export interface ChangeOfficeDetails extends Base {
  type: 'ChangeOfficeDetails';
  changes: Partial<OfficeDetails>;
}
export interface AssignService extends Base {
  type: 'AssignService';
  serviceCode: string;
  licenseStatus: LicenseStatus | undefined;
  /** The catalogue half-year in which the service is outsourceable in the office's province now, if it is. */
  outsourceableIn: string | undefined;
}
export interface WithdrawService extends Base {
  type: 'WithdrawService';
  serviceCode: string;
  reason: string;
}

export type OfficeCommand = RegisterOffice | ChangeOfficeDetails | AssignService | WithdrawService;

function checkDetails<D extends Partial<OfficeDetails>>(details: D): D {
  const problems: FieldProblem[] = [];
  const out = { ...details };
  if (details.postalCode !== undefined) {
    const code = postalCode(details.postalCode);
    if (code) out.postalCode = code;
    else
      problems.push({ path: 'postalCode', message: 'not a valid 10-digit postal code (کد پستی)' });
  }
  if (details.iban !== undefined) {
    const iban = sheba(details.iban);
    if (iban) out.iban = iban;
    else
      problems.push({
        path: 'iban',
        message: 'not a valid Sheba: IR + 24 digits with a mod-97 check',
      });
  }
  if (problems.length) throw new ValidationError('The office details are not valid', problems);
  return out;
}

/** The answer to a second office for one license (one license, one office). */
export const licenseHasOffice = (licenseStatus: LicenseStatus) =>
  new IllegalStateError('The license already has an office', { currentState: licenseStatus });

function register(c: RegisterOffice, s: OfficeState): OfficeEvent[] {
  if (s.status !== 'none')
    throw new IllegalStateError(`Office ${c.officeId} already exists`, { currentState: s.status });
  if (!c.license)
    throw new ValidationError('Unknown license', [
      { path: 'licenseId', message: `no license ${c.licenseId}` },
    ]);
  if (c.license.status !== 'active') {
    throw new IllegalStateError(`The license is ${c.license.status}`, {
      currentState: c.license.status,
    });
  }
  if (c.license.hasOffice) throw licenseHasOffice(c.license.status);
  const { type: _t, officeId, licenseId, license, now, actor, ...fields } = c;
  const details = checkDetails(fields);
  const expectedLocality = license.officeKind === 'urban' ? 'city' : 'village';
  if (details.locality.kind !== expectedLocality) {
    throw new ValidationError('Locality does not fit the office kind', [
      {
        path: 'locality.kind',
        message: `a ${license.officeKind} office is in a ${expectedLocality}`,
      },
    ]);
  }
  return [
    {
      type: 'OfficeRegistered',
      officeId,
      licenseId,
      province: license.province,
      kind: license.officeKind,
      ...details,
      registeredAt: now.toISOString(),
      registeredBy: actor,
    },
  ];
}

function change(c: ChangeOfficeDetails, s: OfficeState): OfficeEvent[] {
  if (s.status !== 'registered')
    throw new IllegalStateError(`Office ${c.officeId} does not exist`, { currentState: s.status });
  const changes = checkDetails(c.changes);
  const real = Object.fromEntries(
    Object.entries(changes).filter(
      ([k, v]) => JSON.stringify(s.details[k as keyof OfficeDetails]) !== JSON.stringify(v),
    ),
  );
  if (
    real.locality &&
    (real.locality as OfficeDetails['locality']).kind !== s.details.locality.kind
  ) {
    throw new ValidationError('Locality kind is fixed by the license', [
      { path: 'locality.kind', message: `must stay ${s.details.locality.kind}` },
    ]);
  }
  if (Object.keys(real).length === 0) return [];
  return [
    {
      type: 'OfficeDetailsChanged',
      officeId: c.officeId,
      changes: real,
      changedAt: c.now.toISOString(),
      changedBy: c.actor,
    },
  ];
}

function assign(c: AssignService, s: OfficeState): OfficeEvent[] {
  if (s.status !== 'registered')
    throw new IllegalStateError(`Office ${c.officeId} does not exist`, { currentState: s.status });
  if (c.licenseStatus !== 'active') {
    throw new IllegalStateError(
      `The office's license is ${c.licenseStatus ?? 'unknown'}; services can be assigned only under an active license`,
      {
        currentState: c.licenseStatus ?? 'unknown',
      },
    );
  }
  if (!c.outsourceableIn) {
    throw new IllegalStateError(
      `Service ${c.serviceCode} is not outsourceable in ${s.province} for the current period`,
      {
        currentState: 'not-outsourceable',
      },
    );
  }
  if (isAssigned(s, c.serviceCode, c.now)) {
    throw new IllegalStateError(`Service ${c.serviceCode} is already assigned`, {
      currentState: 'assigned',
    });
  }
  return [
    {
      type: 'ServiceAssigned',
      officeId: c.officeId,
      serviceCode: c.serviceCode,
      period: c.outsourceableIn,
      assignedAt: c.now.toISOString(),
      assignedBy: c.actor,
    },
  ];
}

function withdraw(c: WithdrawService, s: OfficeState): OfficeEvent[] {
  if (!isAssigned(s, c.serviceCode, c.now)) {
    throw new IllegalStateError(`Service ${c.serviceCode} is not assigned`, {
      currentState: 'not-assigned',
    });
  }
  return [
    {
      type: 'ServiceWithdrawn',
      officeId: c.officeId,
      serviceCode: c.serviceCode,
      reason: c.reason,
      withdrawnAt: c.now.toISOString(),
      withdrawnBy: c.actor,
    },
  ];
}

export function decideOffice(command: OfficeCommand, state: OfficeState): OfficeEvent[] {
  switch (command.type) {
    case 'RegisterOffice':
      return register(command, state);
    case 'ChangeOfficeDetails':
      return change(command, state);
    case 'AssignService':
      return assign(command, state);
    case 'WithdrawService':
      return withdraw(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const officeDecider: Decider<OfficeCommand, OfficeEvent, OfficeState> = {
  initialState: initialOfficeState,
  evolve: evolveOffice,
  decide: decideOffice,
  eventVersions: versionsOf([
    officeRegistered,
    officeDetailsChanged,
    serviceAssigned,
    serviceWithdrawn,
  ]),
};
