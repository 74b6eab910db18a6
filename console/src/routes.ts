import type { FunctionComponent } from 'preact';
import type { TextKey } from './i18n';
import { agencyScreens } from './screens/agency';
import { applicantScreens } from './screens/applicant';
import { areoScreens } from './screens/areo';
import { commissionScreens } from './screens/commission';
import { officeScreens } from './screens/office';
import { regulatorScreens } from './screens/regulator';
import { workingGroupScreens } from './screens/workingGroup';
import type { Role } from './session';

/** One screen of the console: its path below /console, who may open it, its menu title. */
export interface Screen {
  path: string;
  roles: readonly Role[];
  title: TextKey;
  component: FunctionComponent;
}

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

export const screensOf = (role: Role) => screens.filter((s) => s.roles.includes(role));

export function screenAt(path: string, role: Role): Screen | undefined {
  return screensOf(role).find((s) => s.path === path);
}
