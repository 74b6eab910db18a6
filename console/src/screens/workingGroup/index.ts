import type { Screen } from '../../routes';
import { WorkingGroupApplications } from './Applications';
import { WorkingGroupReport } from './Report';
import { WorkingGroupReview } from './Review';

/**
 * A provincial working group's screens: the online applications to return or forward, its
 * province's license applications and its vote, and the province's licensing report.
 */
export const workingGroupScreens: Screen[] = [
  {
    path: '/working-group/review',
    roles: ['working_group'],
    title: 'workingGroup.review',
    component: WorkingGroupReview,
  },
  {
    path: '/working-group/applications',
    roles: ['working_group'],
    title: 'workingGroup.applications',
    component: WorkingGroupApplications,
  },
  {
    path: '/working-group/report',
    roles: ['working_group'],
    title: 'workingGroup.report',
    component: WorkingGroupReport,
  },
];
