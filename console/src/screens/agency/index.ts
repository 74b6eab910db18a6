import type { Screen } from '../../routes';
import { AgencyCompliance } from './Compliance';
import { AgencyDataAudit } from './DataAudit';
import { AgencyPayouts } from './Payouts';
import { AgencyPspRuns } from './PspRuns';
import { AgencyReconcile } from './Reconcile';
import { AgencyRuns } from './Runs';
import { AgencySettlement } from './Settlement';
import { AgencyVolumes } from './Volumes';

/**
 * An agency's screens: its settlement report, payout files of closed days, reconciliation
 * upload and run history, PSP settlement runs touching its accounts, tariff
 * compliance on its services, volumes by province and office, and the customer-data access audit.
 */
export const agencyScreens: Screen[] = [
  {
    path: '/agency/settlement',
    roles: ['agency'],
    title: 'agency.settlement',
    component: AgencySettlement,
  },
  { path: '/agency/payouts', roles: ['agency'], title: 'agency.payouts', component: AgencyPayouts },
  {
    path: '/agency/reconcile',
    roles: ['agency'],
    title: 'agency.reconcile',
    component: AgencyReconcile,
  },
  { path: '/agency/runs', roles: ['agency'], title: 'agency.runs', component: AgencyRuns },
  {
    path: '/agency/psp-settlements',
    roles: ['agency'],
    title: 'agency.pspRuns',
    component: AgencyPspRuns,
  },
  {
    path: '/agency/compliance',
    roles: ['agency'],
    title: 'agency.compliance',
    component: AgencyCompliance,
  },
  { path: '/agency/volumes', roles: ['agency'], title: 'agency.volumes', component: AgencyVolumes },
  {
    path: '/agency/data-access',
    roles: ['agency'],
    title: 'agency.dataAccess',
    component: AgencyDataAudit,
  },
];
