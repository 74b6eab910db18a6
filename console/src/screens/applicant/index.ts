import type { Screen } from '../../routes';
import { ApplicantApplications } from './Applications';
import { HolderLicenses } from './Licenses';

/** An applicant's screens; a license holder is an applicant whose application became a license. */
export const applicantScreens: Screen[] = [
  {
    path: '/applicant/applications',
    roles: ['applicant'],
    title: 'applicant.applications',
    component: ApplicantApplications,
  },
  {
    path: '/holder/licenses',
    roles: ['applicant'],
    title: 'holder.licenses',
    component: HolderLicenses,
  },
];
