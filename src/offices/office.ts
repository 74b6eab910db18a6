import type { OfficeKind } from '../licensing';

/** The data of an office that may change over time; province, kind and license may not. */
export interface OfficeDetails {
  nameFa: string;
  nameEn: string;
  /** City (شهر) or village (روستا). */
  locality: { kind: 'city' | 'village'; name: string };
  address: string;
  /** Postal code (کد پستی), 10 digits. */
  postalCode: string;
  phone: string;
  /** The office's Sheba (شبا) that receives its fee share (کارمزد دفتر) of each split. */
  iban: string;
}

/** A government counter office (دفتر پیشخوان) was registered under its license. */
export interface OfficeRegistered extends OfficeDetails {
  type: 'OfficeRegistered';
  officeId: string;
  licenseId: string;
  province: string;
  kind: OfficeKind;
  registeredAt: string;
  registeredBy: string;
}

export interface OfficeDetailsChanged {
  type: 'OfficeDetailsChanged';
  officeId: string;
  changes: Partial<OfficeDetails>;
  changedAt: string;
  changedBy: string;
}

/** The regulator assigned (واگذاری) an agency service to the office. */
export interface ServiceAssigned {
  type: 'ServiceAssigned';
  officeId: string;
  serviceCode: string;
  /** The catalogue half-year under which the service was outsourceable at assignment. */
  period: string;
  assignedAt: string;
  assignedBy: string;
}

export interface ServiceWithdrawn {
  type: 'ServiceWithdrawn';
  officeId: string;
  serviceCode: string;
  reason: string;
  withdrawnAt: string;
  withdrawnBy: string;
}

export type OfficeEvent =
  OfficeRegistered | OfficeDetailsChanged | ServiceAssigned | ServiceWithdrawn;

/** One stretch of time a service was assigned: [from, until). */
export interface AssignmentInterval {
  from: string;
  until?: string;
}

export type OfficeState =
  | { status: 'none' }
  | {
      status: 'registered';
      officeId: string;
      licenseId: string;
      province: string;
      kind: OfficeKind;
      details: OfficeDetails;
      /** serviceCode → assignment history, oldest first. */
      assignments: Record<string, AssignmentInterval[]>;
    };

export const officeStream = (officeId: string) => `office-${officeId}`;

export const initialOfficeState = (): OfficeState => ({ status: 'none' });

/** A service's assignment history; own keys only, so a code like `constructor` has none. */
function historyOf(
  assignments: Record<string, AssignmentInterval[]>,
  serviceCode: string,
): AssignmentInterval[] {
  return Object.hasOwn(assignments, serviceCode) ? assignments[serviceCode]! : [];
}

export function isAssigned(state: OfficeState, serviceCode: string, at: Date): boolean {
  if (state.status !== 'registered') return false;
  const iso = at.toISOString();
  return historyOf(state.assignments, serviceCode).some(
    (i) => i.from <= iso && (i.until === undefined || iso < i.until),
  );
}

export function evolveOffice(state: OfficeState, event: OfficeEvent): OfficeState {
  if (event.type === 'OfficeRegistered') {
    const {
      officeId,
      licenseId,
      province,
      kind,
      nameFa,
      nameEn,
      locality,
      address,
      postalCode,
      phone,
      iban,
    } = event;
    return {
      status: 'registered',
      officeId,
      licenseId,
      province,
      kind,
      details: { nameFa, nameEn, locality, address, postalCode, phone, iban },
      assignments: {},
    };
  }
  if (state.status !== 'registered') return state;
  switch (event.type) {
    case 'OfficeDetailsChanged':
      return { ...state, details: { ...state.details, ...event.changes } };
    case 'ServiceAssigned': {
      const history = historyOf(state.assignments, event.serviceCode);
      return {
        ...state,
        assignments: {
          ...state.assignments,
          [event.serviceCode]: [...history, { from: event.assignedAt }],
        },
      };
    }
    case 'ServiceWithdrawn': {
      const history = historyOf(state.assignments, event.serviceCode).map((i) =>
        i.until === undefined ? { ...i, until: event.withdrawnAt } : i,
      );
      return { ...state, assignments: { ...state.assignments, [event.serviceCode]: history } };
    }
  }
}
