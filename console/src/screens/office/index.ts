import type { Screen } from '../../routes';
import { OfficeComplaints } from './Complaints';
import { OfficePayments } from './Payments';
import { OfficeStatement } from './Statement';
import { OfficeTerminals } from './Terminals';

/** An office operator's screens: its payments, its monthly statement, its terminals, complaints about it. */
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

  {
    path: '/office/terminals',
    roles: ['office'],
    title: 'office.terminals',
    component: OfficeTerminals,
  },
  {
    path: '/office/complaints',
    roles: ['office'],
    title: 'office.complaints',
    component: OfficeComplaints,
  },
];
