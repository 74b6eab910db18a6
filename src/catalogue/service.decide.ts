import { serviceDefined, serviceLaunchedAtOffices } from '../../contracts/events/catalogue';
import { versionsOf } from '../../contracts/events/contract';
import type { Decider } from '../shared/eventStore';
import { IllegalStateError, ValidationError } from '../shared/errors';
import { evolveService, type CustomerDataLevel, type Service, type ServiceEvent } from './service';

export interface DefineService {
  type: 'DefineService';
  serviceCode: string;
  agencyId: string;
  /** Looked up by the caller: whether the owning agency is registered. */
  agencyExists: boolean;
  nameFa: string;
  nameEn: string;
  conditions: string;
  customerData: CustomerDataLevel;
  at: Date;
}

export interface LaunchServiceAtOffices {
  type: 'LaunchServiceAtOffices';
  serviceCode: string;
  launchedAt: Date;
  at: Date;
}

export type ServiceCommand = DefineService | LaunchServiceAtOffices;

function define(command: DefineService, state: Service): ServiceEvent[] {
  if (state.status !== 'unknown')
    throw new IllegalStateError(`Service ${command.serviceCode} is already defined`);
  if (!command.agencyExists) {
    throw new ValidationError('Unknown agency', [
      { path: 'agencyId', message: `no agency ${command.agencyId}` },
    ]);
  }
  const { type: _t, agencyExists: _e, at, ...fields } = command;
  return [{ type: 'ServiceDefined', ...fields, definedAt: at.toISOString() }];
}

function launch(command: LaunchServiceAtOffices, state: Service): ServiceEvent[] {
  if (state.status === 'unknown')
    throw new IllegalStateError(`Service ${command.serviceCode} is not defined`);
  if (state.status === 'launched') return [];
  if (command.launchedAt > command.at) {
    throw new ValidationError('A launch cannot be in the future', [
      { path: 'launchedAt', message: 'after now' },
    ]);
  }
  return [
    {
      type: 'ServiceLaunchedAtOffices',
      serviceCode: state.serviceCode,
      agencyId: state.agencyId,
      launchedAt: command.launchedAt.toISOString(),
      recordedAt: command.at.toISOString(),
    },
  ];
}

export function decideService(command: ServiceCommand, state: Service): ServiceEvent[] {
  switch (command.type) {
    case 'DefineService':
      return define(command, state);
    case 'LaunchServiceAtOffices':
      return launch(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const serviceDecider: Decider<ServiceCommand, ServiceEvent, Service> = {
  initialState: () => ({ status: 'unknown' }),
  evolve: evolveService,
  decide: decideService,
  eventVersions: versionsOf([serviceDefined, serviceLaunchedAtOffices]),
};
