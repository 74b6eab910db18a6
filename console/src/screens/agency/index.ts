import type { Screen } from '../../routes';
import { AgencyReconcile } from './Reconcile';
import { AgencyRuns } from './Runs';
import { AgencySettlement } from './Settlement';

/** An agency's screens: its settlement report, reconciliation upload and run history. */
export const agencyScreens: Screen[] = [
  {
    path: '/agency/settlement',
    roles: ['agency'],
    title: 'agency.settlement',
    component: AgencySettlement,
  },
  {
    path: '/agency/reconcile',
    roles: ['agency'],
    title: 'agency.reconcile',
    component: AgencyReconcile,
  },
  { path: '/agency/runs', roles: ['agency'], title: 'agency.runs', component: AgencyRuns },
];
