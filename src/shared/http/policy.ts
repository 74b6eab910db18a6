import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors';

/** Who may call the API. Scope fields come from the credential, never from a request. */
export const roles = [
  'regulator',
  'commission',
  'areo',
  'provincial_mpo',
  'working_group',
  'agency',
  'office',
  'gateway',
] as const;
export type Role = (typeof roles)[number];

/** The three member bodies of a provincial working group (کارگروه استانی). */
export const memberBodies = ['areo', 'ict', 'governorate'] as const;
export type MemberBody = (typeof memberBodies)[number];

export interface Principal {
  credentialId: string;
  role: Role;
  /** Province code, for provincial_mpo and working_group. */
  province?: string;
  memberBody?: MemberBody;
  agencyId?: string;
  officeId?: string;
  /** Terminal (پایانه) id, for gateway. */
  terminalId?: string;
}

const everyone = roles;

/**
 * The one table of who may do what. A route names its action; the authorization
 * matrix test walks this table, so a route without a row here fails that test.
 */
export const permissions = {
  'credential.issue': ['regulator'],
  'credential.revoke': ['regulator'],
  'credential.list': ['regulator'],
  'self.read': everyone,
  'license.apply': ['regulator', 'working_group'],
  'license.vote': ['working_group'],
  'license.issue': ['regulator'],
  'license.manage': ['regulator'],
  'license.read': ['regulator', 'areo', 'working_group'],
  'office.register': ['regulator'],
  'office.update': ['regulator', 'office'],
  'office.read': ['regulator', 'areo', 'agency', 'office'],
  'assignment.manage': ['regulator'],
  'assignment.read': ['regulator', 'areo', 'agency', 'office'],
  'terminal.manage': ['regulator'],
  'terminal.read': ['regulator', 'office'],
  'agency.register': ['regulator'],
  'service.define': ['regulator', 'agency'],
  'catalogue.publish': ['areo', 'provincial_mpo'],
  'catalogue.read': everyone,
  'tariff.approve': ['commission'],
  'tariff.read': everyone,
  'calendar.publish': ['regulator'],
  'calendar.read': everyone,
  'quote.issue': ['office', 'gateway', 'regulator'],
  'payment.record': ['gateway'],
  'payment.reverse': ['gateway'],
  'payment.refund': ['regulator', 'office'],
  'payment.read': ['regulator', 'agency', 'office', 'gateway'],
  'complaint.read': ['regulator', 'agency', 'office'],
  'complaint.handle': ['regulator', 'agency'],
  'complaint.respond': ['office'],
  'complaint.aggregate': ['regulator', 'areo'],
  'supervision.read': ['regulator', 'areo'],
  'supervision.office': ['regulator', 'areo', 'office'],
  'supervision.act': ['regulator'],
  'settlement.read': ['regulator', 'agency'],
  'settlement.close': ['regulator'],
  'settlement.export': ['regulator'],
  'compliance.read': ['regulator'],
  'deadlines.read': ['regulator', 'areo', 'provincial_mpo', 'agency'],
  'reconciliation.run': ['agency'],
  'projection.read': ['regulator'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;

/** Fails with 401 when nobody is authenticated and 403 when the role may not act. */
export function authorize(principal: Principal | undefined, action: Action): Principal {
  if (!principal) throw new UnauthorizedError('A bearer token is required');
  const allowed: readonly Role[] = permissions[action];
  if (!allowed.includes(principal.role)) {
    throw new ForbiddenError(`Role ${principal.role} may not ${action}`);
  }
  return principal;
}

/** What a resource belongs to, for scope checks. */
export interface Ownership {
  province?: string;
  agencyIds?: readonly string[];
  officeId?: string;
  terminalId?: string;
}

/** Whether the resource lies inside the caller's tenant scope. */
export function inScope(principal: Principal, owner: Ownership): boolean {
  switch (principal.role) {
    case 'regulator':
    case 'commission':
    case 'areo':
      return true;
    case 'provincial_mpo':
    case 'working_group':
      return owner.province !== undefined && owner.province === principal.province;
    case 'agency':
      return owner.agencyIds?.includes(principal.agencyId ?? '') ?? false;
    case 'office':
      return owner.officeId !== undefined && owner.officeId === principal.officeId;
    case 'gateway':
      return owner.terminalId !== undefined && owner.terminalId === principal.terminalId;
  }
}

/** Anything outside the caller's scope does not exist for the caller: 404. */
export function assertInScope(principal: Principal, owner: Ownership, what: string): void {
  if (!inScope(principal, owner)) throw new NotFoundError(`${what} not found`);
}
