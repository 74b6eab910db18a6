import type { serviceDefined, serviceLaunchedAtOffices } from '../../contracts/events/catalogue';
import type { EventOf } from '../../contracts/events/contract';

export { customerDataLevels, type CustomerDataLevel } from '../../contracts/vocabulary';

export type ServiceDefined = EventOf<typeof serviceDefined>;
export type ServiceLaunchedAtOffices = EventOf<typeof serviceLaunchedAtOffices>;

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
