import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { versionsOf, type EventOf } from '../../contracts/events/contract';
import {
  applicantAccountEvents,
  type applicantCodeSent,
  type applicantCodeUsed,
  type applicantSignedUp,
} from '../../contracts/events/applicants';
import { IllegalStateError } from '../shared/errors';
import type { Decider } from '../shared/eventStore';
import type { SecretBox } from '../shared/secrets';

export type ApplicantCodeSent = EventOf<typeof applicantCodeSent>;
export type ApplicantCodeUsed = EventOf<typeof applicantCodeUsed>;
export type ApplicantSignedUp = EventOf<typeof applicantSignedUp>;
export type CodeEvent = ApplicantCodeSent | ApplicantCodeUsed;

/** How long a sign-up code (رمز یک‌بارمصرف) is valid. */
export const codeTtlMs = 5 * 60_000;
/**
 * Codes that may be tried against one request; counted in the request memory (not the log),
 * so a wrong code stores nothing.
 */
export const maxCodeTries = 5;

/** A sign-up request: the code sent, and whether it was used. */
export type CodeState =
  { status: 'none' } | { status: 'sent'; sent: ApplicantCodeSent; used: boolean };

export function evolveCode(s: CodeState, e: CodeEvent): CodeState {
  if (e.type === 'ApplicantCodeSent') return { status: 'sent', sent: e, used: false };
  return s.status === 'sent' ? { ...s, used: true } : s;
}

export type CodeCommand =
  | { type: 'RecordCodeSent'; sent: Omit<ApplicantCodeSent, 'type'> }
  | {
      type: 'UseCode';
      applicantRef: string;
      codeHash: string;
      applicantId: string;
      credentialId: string;
      now: Date;
    };

const same = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Why a code does not open a session, or undefined when it does. */
export function codeVerdict(
  s: CodeState,
  applicantRef: string,
  codeHash: string,
  now: Date,
): 'missing' | 'expired' | 'wrong' | undefined {
  if (s.status !== 'sent' || s.sent.applicantRef !== applicantRef) return 'missing';
  if (s.used || s.sent.expiresAt <= now.toISOString()) return 'expired';
  if (!same(codeHash, s.sent.codeHash)) return 'wrong';
  return undefined;
}

export function decideCode(c: CodeCommand, s: CodeState): CodeEvent[] {
  if (c.type === 'RecordCodeSent') {
    if (s.status !== 'none') throw new IllegalStateError('this code was sent already');
    return [{ type: 'ApplicantCodeSent', ...c.sent }];
  }
  if (codeVerdict(s, c.applicantRef, c.codeHash, c.now) !== undefined || s.status !== 'sent')
    return [];
  return [
    {
      type: 'ApplicantCodeUsed',
      requestId: s.sent.requestId,
      applicantId: c.applicantId,
      credentialId: c.credentialId,
      usedAt: c.now.toISOString(),
    },
  ];
}

export const codeDecider: Decider<CodeCommand, CodeEvent, CodeState> = {
  initialState: () => ({ status: 'none' }),
  evolve: evolveCode,
  decide: decideCode,
  eventVersions: versionsOf(applicantAccountEvents),
};

export type AccountState = { status: 'none' } | { status: 'signedUp'; account: ApplicantSignedUp };
export type AccountCommand = { type: 'SignUp'; account: Omit<ApplicantSignedUp, 'type'> };

/** Signing up twice with one national id reaches the same account: the second writes nothing. */
export const accountDecider: Decider<AccountCommand, ApplicantSignedUp, AccountState> = {
  initialState: () => ({ status: 'none' }),
  evolve: (_s, e) => ({ status: 'signedUp', account: e }),
  decide: (c, s) => (s.status === 'none' ? [{ type: 'ApplicantSignedUp', ...c.account }] : []),
  eventVersions: versionsOf(applicantAccountEvents),
};

/** A six-digit code. */
export const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * Keyed hashes under keys of their own: the national id's (`applicantRef`, and the account id
 * derived from it) and the code's, bound to its request (six digits could be tried exhaustively
 * against a plain hash, not against a keyed one).
 */
export function applicantKeys(secrets: SecretBox) {
  const refKey = secrets.derive('applicants/national-id');
  const codeKey = secrets.derive('applicants/code');
  const applicantRef = (nationalId: string) =>
    `hmac-sha256:${createHmac('sha256', refKey).update(nationalId, 'utf8').digest('hex')}`;
  return {
    applicantRef,
    applicantIdOf: (nationalId: string) => applicantRef(nationalId).slice(12, 44),
    codeHash: (requestId: string, code: string) =>
      `hmac-sha256:${createHmac('sha256', codeKey).update(`${requestId}:${code}`, 'utf8').digest('hex')}`,
  };
}
