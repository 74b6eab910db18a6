import type { HolderRequestFiled } from '../../contracts/events/holders';
import { deciderSpec } from '../../test/support/deciderSpec';
import { IllegalStateError, ValidationError } from '../shared/errors';
import { dueReminder, reminderDecider } from './reminders';
import { holderRequestDecider, licenseCommandOf, renewalOpensAt } from './request';

const validUntil = '2027-03-21T20:30:00.000Z';
const now = new Date('2027-01-01T08:00:00Z');
const filed = (over: Partial<HolderRequestFiled> = {}): HolderRequestFiled => ({
  type: 'HolderRequestFiled',
  requestId: 'R1',
  licenseId: 'L1',
  kind: 'renewal',
  applicantId: 'H',
  validityYears: 1,
  filedAt: now.toISOString(),
  ...over,
});
const { type: _t, filedAt: _f, ...asked } = filed();
const file = (over: { status?: 'active' | 'cancelled'; at?: Date; open?: boolean } = {}) => ({
  type: 'FileHolderRequest' as const,
  filed: asked,
  license: { status: over.status ?? ('active' as const), validUntil },
  openOfSameKind: over.open ?? false,
  now: over.at ?? now,
  actor: 'c1',
});
const spec = deciderSpec(holderRequestDecider);

describe('a holder request (درخواست دارنده پروانه)', () => {
  it('renewal may be asked from 90 days before expiry, not a moment earlier', () => {
    const opens = renewalOpensAt(validUntil);
    expect(opens.toISOString()).toBe('2026-12-21T20:30:00.000Z');
    spec
      .given([])
      .when(file({ at: new Date(opens.getTime() - 1) }))
      .thenThrows(IllegalStateError, /from 90 days before expiry/);
    spec
      .given([])
      .when(file({ at: opens }))
      .then([filed({ filedAt: opens.toISOString() })]);
  });

  it('is refused on a license whose state its license command refuses, or while one of its kind is open', () => {
    spec
      .given([])
      .when(file({ status: 'cancelled' }))
      .thenThrows(IllegalStateError, /cancelled/);
    spec
      .given([])
      .when(file({ open: true }))
      .thenThrows(IllegalStateError, /already open/);
  });

  it('a transfer to the holder itself is bad input; a transfer waits for its receiver before the regulator can decide; the same decision again decides nothing, another is 409', () => {
    const transfer = {
      ...file(),
      filed: { ...asked, kind: 'transfer' as const, receiverApplicantId: 'H' },
    };
    spec.given([]).when(transfer).thenThrows(ValidationError);
    const waiting = filed({ kind: 'transfer', receiverApplicantId: 'R' });
    const decide = {
      type: 'DecideHolderRequest' as const,
      outcome: 'approved' as const,
      reason: 'ok',
      now,
      actor: 'reg',
    };
    spec
      .given([waiting])
      .when(decide)
      .thenThrows(IllegalStateError, /not accepted/);
    const accepted = {
      type: 'HolderTransferAccepted' as const,
      requestId: 'R1',
      licenseId: 'L1',
      acceptedBy: 'R',
      acceptedAt: now.toISOString(),
    };
    spec
      .given([waiting])
      .when({ type: 'AcceptTransfer', applicantId: 'R', now, actor: 'c2' })
      .then([accepted]);
    const decided = spec.given([waiting, accepted]).when(decide).events();
    expect(decided).toMatchObject([
      { type: 'HolderRequestDecided', outcome: 'approved', effectNamed: true },
    ]);
    spec
      .given([waiting, accepted, ...decided])
      .when(decide)
      .then([]);
    for (const other of [
      { ...decide, reason: 'another reason' },
      { ...decide, actor: 'another regulator' },
      { ...decide, outcome: 'rejected' as const },
    ])
      spec
        .given([waiting, accepted, ...decided])
        .when(other)
        .thenThrows(IllegalStateError, /approved already/);
  });

  it("each kind maps to licensing's own command, naming the request", () => {
    expect(licenseCommandOf(filed({ validityYears: 2 }), 'r')).toEqual({
      type: 'RenewLicense',
      validityYears: 2,
      holderRequestId: 'R1',
    });
    expect(licenseCommandOf(filed({ kind: 'address_change', address: 'A 1' }), 'r')).toEqual({
      type: 'AmendLicense',
      changes: { address: 'A 1' },
      holderRequestId: 'R1',
    });
    expect(licenseCommandOf(filed({ kind: 'cancellation', reason: 'closing' }), 'r')).toEqual({
      type: 'CancelLicense',
      reason: 'closing',
      holderRequestId: 'R1',
    });
  });
});

describe('renewal reminders (یادآوری تمدید)', () => {
  const day = 86_400_000;
  const at = (days: number) => new Date(new Date(validUntil).getTime() - days * day);
  it('the reminder due is the nearest threshold passed, none beyond 60 days or after expiry', () => {
    expect(dueReminder(validUntil, at(61))).toBeUndefined();
    expect(dueReminder(validUntil, at(60))).toBe(60);
    expect(dueReminder(validUntil, at(31))).toBe(60);
    expect(dueReminder(validUntil, at(30))).toBe(30);
    expect(dueReminder(validUntil, at(0))).toBeUndefined();
  });

  it('is sent once per expiry and threshold; a 60-day reminder after the 30-day one is not sent', () => {
    const remind = (daysBefore: 60 | 30, expiry = validUntil) => ({
      type: 'RemindOfRenewal' as const,
      licenseId: 'L1',
      validUntil: expiry,
      daysBefore,
      applicantId: 'H',
      now,
    });
    const reminders = deciderSpec(reminderDecider);
    const sixty = reminders.given([]).when(remind(60)).events();
    expect(sixty).toHaveLength(1);
    reminders.given(sixty).when(remind(60)).then([]);
    const thirty = reminders.given(sixty).when(remind(30)).events();
    expect(thirty).toHaveLength(1);
    reminders.given(thirty).when(remind(60)).then([]);
    expect(
      reminders
        .given([...sixty, ...thirty])
        .when(remind(60, '2028-03-20T20:30:00.000Z'))
        .events(),
    ).toHaveLength(1);
  });
});
