import type { z } from 'zod';
import type { EventOf } from '../events/contract';
import type {
  officeDetailsChanged,
  OfficeDetailsSchema,
  officeRegistered,
  serviceAssigned,
  serviceWithdrawn,
} from '../events/offices';
import type { OfficeKind } from '../vocabulary';

export type OfficeDetails = z.infer<typeof OfficeDetailsSchema>;
export type OfficeRegistered = EventOf<typeof officeRegistered>;
export type OfficeDetailsChanged = EventOf<typeof officeDetailsChanged>;
export type ServiceAssigned = EventOf<typeof serviceAssigned>;
export type ServiceWithdrawn = EventOf<typeof serviceWithdrawn>;

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
