import type { Screen } from '../../routes';
import { RegulatorCompliance } from './Compliance';
import { RegulatorLicenses } from './Licenses';

/** The regulator's screens: the licensing queue and its decisions, tariff compliance. */
export const regulatorScreens: Screen[] = [
  {
    path: '/regulator/licenses',
    roles: ['regulator'],
    title: 'regulator.licenses',
    component: RegulatorLicenses,
  },
  {
    path: '/regulator/compliance',
    roles: ['regulator'],
    title: 'regulator.compliance',
    component: RegulatorCompliance,
  },
];
