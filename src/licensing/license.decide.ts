import { licensingContracts } from '../../contracts/events/licensing';
import { versionsOf } from '../../contracts/events/contract';
import { IllegalStateError, ValidationError, type FieldProblem } from '../shared/errors';
import type { Decider } from '../shared/eventStore';
import type { MemberBody } from '../shared/http/policy';
import { legalId, nationalId } from '../shared/iranianIds';
import { addJalaliYears, jalaliDateOf, startOfJalaliDay } from '../shared/jalaliPeriod';
import { provinceCodeProblem } from '../shared/provinces';
import {
  evolveLicense,
  initialLicenseState,
  statusAt,
  type Contact,
  type Holder,
  type LicenseEvent,
  type LicenseState,
  type LicenseStatus,
  type Location,
  type OfficeKind,
} from './license';

interface Base {
  licenseId: string;
  now: Date;
  actor: string;
}

export interface ApplyForLicense extends Base {
  type: 'ApplyForLicense';
  applicant: Holder;
  province: string;
  officeKind: OfficeKind;
  location: Location;
  contact: Contact;
}
export interface RecordVote extends Base {
  type: 'RecordVote';
  memberBody: MemberBody;
  vote: 'approve' | 'reject';
  reason: string;
}
export interface IssueLicense extends Base {
  type: 'IssueLicense';
  licenseNumber: string;
  /** Looked up by the caller: whether another license already has this number. */
  licenseNumberTaken: boolean;
  validityYears: number;
}
export interface RefuseLicense extends Base {
  type: 'RefuseLicense';
  reason: string;
}
/** A command run as the effect of a holder's approved request, which its event names. */
interface CausedByRequest {
  holderRequestId?: string;
}

export interface AmendLicense extends Base, CausedByRequest {
  type: 'AmendLicense';
  changes: { address?: string; phone?: string; email?: string };
}
export interface TransferLicense extends Base, CausedByRequest {
  type: 'TransferLicense';
  to: Holder;
  reason: string;
}
export interface RenewLicense extends Base, CausedByRequest {
  type: 'RenewLicense';
  validityYears: number;
}
export interface SuspendLicense extends Base {
  type: 'SuspendLicense';
  reason: string;
  until?: Date;
  /** The supervision recommendation acted on, linked from the suspension. */
  recommendation?: { officeId: string; actionId: string };
}
export interface ReinstateLicense extends Base {
  type: 'ReinstateLicense';
  reason: string;
}
export interface CancelLicense extends Base, CausedByRequest {
  type: 'CancelLicense';
  reason: string;
}

export type LicenseCommand =
  | ApplyForLicense
  | RecordVote
  | IssueLicense
  | RefuseLicense
  | AmendLicense
  | TransferLicense
  | RenewLicense
  | SuspendLicense
  | ReinstateLicense
  | CancelLicense;

/** The states (as of the command's `now`) in which each command is legal; the rest are 409. */
export const allowedIn: Record<LicenseCommand['type'], readonly LicenseStatus[]> = {
  ApplyForLicense: ['none'],
  RecordVote: ['under_review'],
  IssueLicense: ['approved'],
  RefuseLicense: ['approved'],
  AmendLicense: ['active', 'suspended'],
  TransferLicense: ['active'],
  RenewLicense: ['active', 'suspended'],
  SuspendLicense: ['active'],
  ReinstateLicense: ['suspended'],
  CancelLicense: ['active', 'suspended'],
};

const causedBy = (c: CausedByRequest) =>
  c.holderRequestId === undefined ? {} : { holderRequestId: c.holderRequestId };

function checkHolder(holder: Holder, officeKind: OfficeKind, path: string): Holder {
  if (holder.kind === 'legal') {
    const id = legalId(holder.legalId);
    if (!id)
      throw new ValidationError('Invalid legal id', [
        { path: `${path}.legalId`, message: 'not a valid 11-digit legal id (شناسه ملی)' },
      ]);
    return { ...holder, legalId: id };
  }
  if (officeKind === 'urban') {
    throw new ValidationError('An urban office is held by a legal entity', [
      { path: `${path}.kind`, message: 'must be legal for an urban office' },
    ]);
  }
  const id = nationalId(holder.nationalId);
  if (!id)
    throw new ValidationError('Invalid national id', [
      { path: `${path}.nationalId`, message: 'not a valid national id (کد ملی)' },
    ]);
  return { ...holder, nationalId: id };
}

/** Validity ends at the start of the same Jalali day `years` later, in Asia/Tehran. */
export function validityEnd(from: Date, years: number): Date {
  return startOfJalaliDay(addJalaliYears(jalaliDateOf(from), years));
}

function apply(c: ApplyForLicense): LicenseEvent[] {
  const problems: FieldProblem[] = [];
  const provinceProblem = provinceCodeProblem(c.province);
  if (provinceProblem) problems.push({ path: 'province', message: provinceProblem });
  if (problems.length) throw new ValidationError('The application is not valid', problems);
  return [
    {
      type: 'LicenseApplied',
      licenseId: c.licenseId,
      applicant: checkHolder(c.applicant, c.officeKind, 'applicant'),
      province: c.province,
      officeKind: c.officeKind,
      location: c.location,
      contact: c.contact,
      appliedAt: c.now.toISOString(),
      recordedBy: c.actor,
    },
  ];
}

function vote(c: RecordVote, s: LicenseState): LicenseEvent[] {
  if (s.status !== 'under_review') return [];
  if (s.application.votes.some((v) => v.memberBody === c.memberBody)) {
    throw new IllegalStateError(`The ${c.memberBody} member body has already voted`, {
      currentState: s.status,
    });
  }
  const at = c.now.toISOString();
  const votes = [...s.application.votes, { vote: c.vote }];
  const events: LicenseEvent[] = [
    {
      type: 'WorkingGroupVoteRecorded',
      licenseId: c.licenseId,
      memberBody: c.memberBody,
      vote: c.vote,
      reason: c.reason,
      votedAt: at,
      votedBy: c.actor,
    },
  ];
  if (votes.length === 3) {
    const approvals = votes.filter((v) => v.vote === 'approve').length;
    const outcome = approvals >= 2 ? 'approved' : 'rejected';
    events.push({
      type: 'WorkingGroupDecided',
      licenseId: c.licenseId,
      outcome,
      approvals,
      rejections: 3 - approvals,
      decidedAt: at,
    });
  }
  return events;
}

/** The answer to a license number another license holds. */
export const licenseNumberInUse = (licenseNumber: string) =>
  new ValidationError('License number in use', [
    { path: 'licenseNumber', message: `${licenseNumber} is already used` },
  ]);

function issue(c: IssueLicense): LicenseEvent[] {
  if (c.licenseNumberTaken) throw licenseNumberInUse(c.licenseNumber);
  const validUntil = validityEnd(c.now, c.validityYears);
  return [
    {
      type: 'LicenseIssued',
      licenseId: c.licenseId,
      licenseNumber: c.licenseNumber,
      validFrom: c.now.toISOString(),
      validUntil: validUntil.toISOString(),
      issuedAt: c.now.toISOString(),
      issuedBy: c.actor,
    },
  ];
}

function transfer(c: TransferLicense, s: LicenseState): LicenseEvent[] {
  if (!('terms' in s)) return [];
  const to = checkHolder(c.to, s.application.officeKind, 'to');
  if (JSON.stringify(to) === JSON.stringify(s.terms.holder)) {
    throw new ValidationError('Transfer to the same holder', [
      { path: 'to', message: 'is the current holder' },
    ]);
  }
  const at = c.now.toISOString();
  return [
    {
      type: 'LicenseTransferred',
      licenseId: c.licenseId,
      from: s.terms.holder,
      to,
      reason: c.reason,
      ...causedBy(c),
      transferredAt: at,
      approvedBy: c.actor,
    },
  ];
}

function renew(c: RenewLicense, s: LicenseState): LicenseEvent[] {
  if (!('terms' in s)) return [];
  const validUntil = validityEnd(new Date(s.terms.validUntil), c.validityYears).toISOString();
  const at = c.now.toISOString();
  return [
    {
      type: 'LicenseRenewed',
      licenseId: c.licenseId,
      previousValidUntil: s.terms.validUntil,
      validUntil,
      ...causedBy(c),
      renewedAt: at,
      renewedBy: c.actor,
    },
  ];
}

function suspend(c: SuspendLicense): LicenseEvent[] {
  if (c.until && c.until <= c.now) {
    throw new ValidationError('A suspension ends in the future', [
      { path: 'until', message: 'must be after now' },
    ]);
  }
  const at = c.now.toISOString();
  return [
    {
      type: 'LicenseSuspended',
      licenseId: c.licenseId,
      reason: c.reason,
      ...(c.until ? { until: c.until.toISOString() } : {}),
      ...(c.recommendation ? { recommendation: c.recommendation } : {}),
      suspendedAt: at,
      suspendedBy: c.actor,
    },
  ];
}

function amend(c: AmendLicense): LicenseEvent[] {
  if (Object.values(c.changes).every((v) => v === undefined))
    throw new ValidationError('Nothing to amend');
  return [
    {
      type: 'LicenseAmended',
      licenseId: c.licenseId,
      changes: c.changes,
      ...causedBy(c),
      amendedAt: c.now.toISOString(),
      amendedBy: c.actor,
    },
  ];
}

function decideAllowed(c: LicenseCommand, s: LicenseState): LicenseEvent[] {
  const at = c.now.toISOString();
  switch (c.type) {
    case 'ApplyForLicense':
      return apply(c);
    case 'RecordVote':
      return vote(c, s);
    case 'IssueLicense':
      return issue(c);
    case 'RefuseLicense':
      return [
        {
          type: 'LicenseRefused',
          licenseId: c.licenseId,
          reason: c.reason,
          refusedAt: at,
          refusedBy: c.actor,
        },
      ];
    case 'AmendLicense':
      return amend(c);
    case 'TransferLicense':
      return transfer(c, s);
    case 'RenewLicense':
      return renew(c, s);
    case 'SuspendLicense':
      return suspend(c);
    case 'ReinstateLicense':
      return [
        {
          type: 'LicenseReinstated',
          licenseId: c.licenseId,
          reason: c.reason,
          reinstatedAt: at,
          reinstatedBy: c.actor,
        },
      ];
    case 'CancelLicense':
      return [
        {
          type: 'LicenseCancelled',
          licenseId: c.licenseId,
          reason: c.reason,
          ...causedBy(c),
          cancelledAt: at,
          cancelledBy: c.actor,
        },
      ];
    default: {
      const unknown: never = c;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

/** Checks the command against the state as of its `now` (so expiry needs no job), then decides. */
export function decideLicense(command: LicenseCommand, state: LicenseState): LicenseEvent[] {
  const current = statusAt(state, command.now);
  if (!allowedIn[command.type].includes(current)) {
    throw new IllegalStateError(`The license is ${current}; ${command.type} is not allowed`, {
      currentState: current,
    });
  }
  return decideAllowed(command, state);
}

export const licenseDecider: Decider<LicenseCommand, LicenseEvent, LicenseState> = {
  initialState: initialLicenseState,
  evolve: evolveLicense,
  decide: decideLicense,
  eventVersions: versionsOf(licensingContracts),
};
