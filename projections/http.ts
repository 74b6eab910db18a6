import { attachmentHeader } from '../src/shared/csv';
import { assertInScope, type Principal } from '../src/shared/http/policy';
import { sha256 } from './digest';

/** An agency reads only its own money: its id comes from the credential; another agency's is 404. */
export function agencyScope(
  principal: Principal,
  requested: string | undefined,
): string | undefined {
  if (requested !== undefined) assertInScope(principal, { agencyIds: [requested] }, 'Agency');
  return principal.role === 'agency' ? principal.agencyId : requested;
}

/** A file's headers: the position and digest of its bytes, and its name (report, party, Jalali period). */
export const fileHeaders = (
  position: number,
  body: string | Buffer,
  name: ReadonlyArray<string | undefined>,
  extension = 'csv',
) => ({
  'X-Ledger-Position': String(position),
  'X-Content-SHA256': sha256(body),
  'Content-Disposition': attachmentHeader(name, extension),
});

/** The party a file is named for when no single one is asked for. */
export const everyone = 'all';
