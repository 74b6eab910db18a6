import type { Screen } from '../../routes';
import { CommissionProposals } from './TariffProposals';
import { CommissionTariffs } from './Tariffs';

/** The Regulatory Commission's screens (کمیسیون تنظیم مقررات): tariffs and their new versions, and the regulator's proposals to approve or reject. */
export const commissionScreens: Screen[] = [
  {
    path: '/commission/tariffs',
    roles: ['commission'],
    title: 'commission.tariffs',
    component: CommissionTariffs,
  },
  {
    path: '/commission/tariff-proposals',
    roles: ['commission'],
    title: 'commission.proposals',
    component: CommissionProposals,
  },
];
