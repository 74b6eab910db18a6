import type { Screen } from '../../routes';
import { RegulatorLicenses } from './Licenses';

/** The regulator's screens: the licensing queue and its decisions. */
export const regulatorScreens: Screen[] = [
  {
    path: '/regulator/licenses',
    roles: ['regulator'],
    title: 'regulator.licenses',
    component: RegulatorLicenses,
  },
];
