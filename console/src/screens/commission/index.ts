import type { Screen } from '../../routes';
import { CommissionTariffs } from './Tariffs';

/** The Regulatory Commission's screens (کمیسیون تنظیم مقررات): tariffs and their new versions. */
export const commissionScreens: Screen[] = [
  {
    path: '/commission/tariffs',
    roles: ['commission'],
    title: 'commission.tariffs',
    component: CommissionTariffs,
  },
];
