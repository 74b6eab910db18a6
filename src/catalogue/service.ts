import type { CustomerDataLevel } from '../../contracts/vocabulary';

export { customerDataLevels, type CustomerDataLevel } from '../../contracts/vocabulary';

/** A service (خدمت) an agency delivers, e.g. vehicle transfer or passport renewal. */
export interface ServiceDefined {
  type: 'ServiceDefined';
  serviceCode: string;
  agencyId: string;
  nameFa: string;
  nameEn: string;
  /** Delivery conditions (شرایط ارائه). */
  conditions: string;
  customerData: CustomerDataLevel;
  definedAt: string;
}

/** The agency now delivers the service through the offices: its timetable obligation is met. */
export interface ServiceLaunchedAtOffices {
  type: 'ServiceLaunchedAtOffices';
  serviceCode: string;
  agencyId: string;
  launchedAt: string;
  recordedAt: string;
}

export type ServiceEvent = ServiceDefined | ServiceLaunchedAtOffices;

export type Service =
  | { status: 'unknown' }
  | { status: 'defined'; serviceCode: string; agencyId: string }
  | { status: 'launched'; serviceCode: string; agencyId: string; launchedAt: string };

export const serviceStream = (serviceCode: string) => `service-${serviceCode}`;

export function evolveService(state: Service, event: ServiceEvent): Service {
  switch (event.type) {
    case 'ServiceDefined':
      return { status: 'defined', serviceCode: event.serviceCode, agencyId: event.agencyId };
    case 'ServiceLaunchedAtOffices':
      return {
        status: 'launched',
        serviceCode: event.serviceCode,
        agencyId: event.agencyId,
        launchedAt: event.launchedAt,
      };
  }
}
