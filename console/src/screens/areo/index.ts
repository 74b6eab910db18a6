import type { Screen } from '../../routes';
import { AreoCoverage } from './Coverage';

/** AREO's and a provincial MPO's screens: catalogue coverage and deadlines. */
export const areoScreens: Screen[] = [
  {
    path: '/areo/coverage',
    roles: ['areo', 'provincial_mpo'],
    title: 'areo.coverage',
    component: AreoCoverage,
  },
];
