import { applicantRoutes } from './applicants';
import { holderRoutes } from './holders';
import { recommendationRoutes } from './recommendations';
import { calendarRoutes } from './calendar';
import { catalogueRoutes } from './catalogue';
import { complaintRoutes } from './complaints';
import { supervisionRoutes } from './supervision';
import { credentialRoutes } from './credentials';
import { feedRoutes } from './feeds';
import { dataAccessRoutes } from './dataAccess';
import { licensingRoutes } from './licensing';
import { officeRoutes } from './offices';
import { paymentRoutes } from './payments';
import { pspRoutes } from './psps';
import { publicInfoRoutes } from './publicInfo';
import { pspSettlementRoutes } from './pspSettlement';
import { reportRoutes } from './reports';
import { sealRoutes } from './seals';
import { tariffRoutes } from './tariffs';
import { tariffProposalRoutes } from './tariffProposals';
import type { RouteContract } from './route';
import { partyReportRoutes } from './partyReports';
import { sessionRoutes } from './sessions';

/** Every HTTP operation of the API; the OpenAPI document and the authorization matrix walk this list. */
export const allRoutes: RouteContract[] = [
  ...Object.values(credentialRoutes),
  ...Object.values(sessionRoutes),
  ...Object.values(licensingRoutes),
  ...Object.values(officeRoutes),
  ...Object.values(pspRoutes),
  ...Object.values(catalogueRoutes),
  ...Object.values(tariffRoutes),
  ...Object.values(tariffProposalRoutes),
  ...Object.values(calendarRoutes),
  ...Object.values(paymentRoutes),
  ...Object.values(sealRoutes),
  ...Object.values(complaintRoutes),
  ...Object.values(supervisionRoutes),
  ...Object.values(reportRoutes),
  ...Object.values(partyReportRoutes),
  ...Object.values(pspSettlementRoutes),
  ...Object.values(publicInfoRoutes),
  ...Object.values(dataAccessRoutes),
  ...Object.values(feedRoutes),
  ...Object.values(applicantRoutes),
  ...Object.values(holderRoutes),
  ...Object.values(recommendationRoutes),
];

export { route, ProblemSchema, InstantSchema, type RouteContract } from './route';
