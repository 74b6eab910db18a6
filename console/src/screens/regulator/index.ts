import type { Screen } from '../../routes';
import { RegulatorCompliance } from './Compliance';
import { RegulatorComplaints } from './Complaints';
import { RegulatorHolderRequests } from './HolderRequests';
import { RegulatorLicenses } from './Licenses';
import { RegulatorRecommendations } from './Recommendations';

/**
 * The regulator's screens: the licensing queue and its decisions, tariff compliance, holders'
 * requests, supervision's suspension recommendations, complaints handling.
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
];
