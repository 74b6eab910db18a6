import type { Screen } from '../../routes';
import { RegulatorCompliance } from './Compliance';
import { RegulatorComplaints } from './Complaints';
import { RegulatorDataAccess } from './DataAccess';
import { RegulatorHolderRequests } from './HolderRequests';
import { RegulatorLicenses } from './Licenses';
import { RegulatorOffices } from './Offices';
import { RegulatorRecommendations } from './Recommendations';
import { RegulatorTariffs } from './Tariffs';

/**
 * The regulator's screens: the licensing queue and its decisions, tariff compliance, holders'
 * requests, supervision's suspension recommendations, complaints handling; the office registry
 * with each office's services, terminals and supervision; tariffs; customer-data access anomalies.
 */
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
  {
    path: '/regulator/holder-requests',
    roles: ['regulator'],
    title: 'regulator.holderRequests',
    component: RegulatorHolderRequests,
  },
  {
    path: '/regulator/suspension-recommendations',
    roles: ['regulator'],
    title: 'regulator.recommendations',
    component: RegulatorRecommendations,
  },
  {
    path: '/regulator/complaints',
    roles: ['regulator'],
    title: 'regulator.complaints',
    component: RegulatorComplaints,
  },

  {
    path: '/regulator/offices',
    roles: ['regulator'],
    title: 'regulator.offices',
    component: RegulatorOffices,
  },
  {
    path: '/regulator/tariffs',
    roles: ['regulator'],
    title: 'regulator.tariffs',
    component: RegulatorTariffs,
  },
  {
    path: '/regulator/data-access',
    roles: ['regulator'],
    title: 'regulator.dataAccess',
    component: RegulatorDataAccess,
  },
];
