import { permissions, type Action } from '../../../contracts/permissions';
import type { MemberBody, Role } from '../../../contracts/vocabulary';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors';

export { permissions, type Action } from '../../../contracts/permissions';
export { memberBodies, roles, type MemberBody, type Role } from '../../../contracts/vocabulary';

export interface Principal {
  credentialId: string;
  role: Role;
  /** Province code, for provincial_mpo and working_group. */
  province?: string;
  memberBody?: MemberBody;
  agencyId?: string;
  officeId?: string;
  /** Terminal (پایانه) id, for gateway; for a PSP, the terminal a request names once it is checked. */
  terminalId?: string;
  /** Registered payment service provider (پرداخت‌یار), for psp. */
  pspId?: string;
  /** Applicant account (حساب متقاضی), for applicant. */
  applicantId?: string;
}

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
  /** The registered PSP whose terminal the resource belongs to. */
  pspId?: string;
  /** The applicant account that drafted the application. */
  applicantId?: string;
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
    case 'psp':
      return owner.pspId !== undefined && owner.pspId === principal.pspId;
    case 'applicant':
      return owner.applicantId !== undefined && owner.applicantId === principal.applicantId;
  }
}

/** Anything outside the caller's scope does not exist for the caller: 404. */
export function assertInScope(principal: Principal, owner: Ownership, what: string): void {
  if (!inScope(principal, owner)) throw new NotFoundError(`${what} not found`);
}
