import type { Screen } from '../../routes';
import { AreoCatalogue } from './Catalogue';
import { AreoCoverage } from './Coverage';
import { AreoNational } from './National';

/**
 * AREO's and a provincial MPO's screens: catalogue coverage and deadlines, the six-monthly
 * catalogue itself, and the national report in charts.
 */
export const areoScreens: Screen[] = [
  {
    path: '/areo/coverage',
    roles: ['areo', 'provincial_mpo'],
    title: 'areo.coverage',
    component: AreoCoverage,
  },
  {
    path: '/areo/catalogue',
    roles: ['areo', 'provincial_mpo'],
    title: 'areo.catalogue',
    component: AreoCatalogue,
  },
  {
    path: '/areo/national',
    roles: ['areo', 'provincial_mpo'],
    title: 'areo.national',
    component: AreoNational,
  },
];
