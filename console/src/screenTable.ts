import type { Screen } from './routes';
import { agencyScreens } from './screens/agency';
import { applicantScreens } from './screens/applicant';
import { areoScreens } from './screens/areo';
import { commissionScreens } from './screens/commission';
import { officeScreens } from './screens/office';
import { regulatorScreens } from './screens/regulator';
import { workingGroupScreens } from './screens/workingGroup';

/**
 * The route table. Each role's screens live in screens/<role>/ and export their entries;
 * a role's menu lists the screens whose `roles` include it, in this order.
 */
export const screens: readonly Screen[] = [
  ...officeScreens,
  ...regulatorScreens,
  ...workingGroupScreens,
  ...agencyScreens,
  ...areoScreens,
  ...commissionScreens,
  ...applicantScreens,
];
