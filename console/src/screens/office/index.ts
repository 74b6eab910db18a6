import type { Screen } from '../../routes';
import { OfficePayments } from './Payments';
import { OfficeStatement } from './Statement';

/** An office operator's screens: its payments and its monthly statement. */
export const officeScreens: Screen[] = [
  {
    path: '/office/payments',
    roles: ['office'],
    title: 'office.payments',
    component: OfficePayments,
  },
  {
    path: '/office/statement',
    roles: ['office'],
    title: 'office.statement',
    component: OfficeStatement,
  },
];
