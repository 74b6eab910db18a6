import type { Screen } from '../../routes';
import { WorkingGroupApplications } from './Applications';

/** A provincial working group's screens: its province's applications and its vote. */
export const workingGroupScreens: Screen[] = [
  {
    path: '/working-group/applications',
    roles: ['working_group'],
    title: 'workingGroup.applications',
    component: WorkingGroupApplications,
  },
];
