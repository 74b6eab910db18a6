import { deciderSpec } from '../../test/support/deciderSpec';
import { IllegalStateError, ValidationError } from '../shared/errors';
import { activeAt, statusAt, type LicenseEvent, type LicenseStatus } from './license';
import { effectDecider } from './effects';
import { allowedIn, licenseDecider, validityEnd, type LicenseCommand } from './license.decide';

const now = new Date('2026-11-29T08:00:00Z');
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);
const id = 'L-1';
const who = { licenseId: id, actor: 'cred-1' };

const applied: LicenseEvent = {
  type: 'LicenseApplied',
  licenseId: id,
  applicant: { kind: 'legal', legalId: '10380284790', name: 'Pishgaman Co.' },
  province: 'IR-23',
  officeKind: 'urban',
  location: { localityKind: 'city', locality: 'Tehran', address: 'Azadi St. 1' },
  contact: { phone: '02112345678' },
  appliedAt: now.toISOString(),
  recordedBy: 'cred-1',
};
const voted = (
  memberBody: 'areo' | 'ict' | 'governorate',
  vote: 'approve' | 'reject',
): LicenseEvent => ({
  type: 'WorkingGroupVoteRecorded',
  licenseId: id,
  memberBody,
  vote,
  reason: 'r',
  votedAt: now.toISOString(),
  votedBy: 'wg',
});
const decided = (outcome: 'approved' | 'rejected'): LicenseEvent => ({
  type: 'WorkingGroupDecided',
  licenseId: id,
  outcome,
  approvals: outcome === 'approved' ? 2 : 1,
  rejections: outcome === 'approved' ? 1 : 2,
  decidedAt: now.toISOString(),
});
const approved = [
  applied,
  voted('areo', 'approve'),
  voted('ict', 'reject'),
  voted('governorate', 'approve'),
  decided('approved'),
];
const issued: LicenseEvent = {
  type: 'LicenseIssued',
  licenseId: id,
  licenseNumber: 'PK-07-0001',
  validFrom: now.toISOString(),
  validUntil: validityEnd(now, 5).toISOString(),
  issuedAt: now.toISOString(),
  issuedBy: 'cred-1',
};
const suspended = (at: Date, until?: Date): LicenseEvent => ({
  type: 'LicenseSuspended',
  licenseId: id,
  reason: 'audit',
  ...(until ? { until: until.toISOString() } : {}),
  suspendedAt: at.toISOString(),
  suspendedBy: 'cra',
});

const spec = deciderSpec(licenseDecider);

describe('license application and working-group review', () => {
  it('an urban office needs a legal entity as applicant', () => {
    spec
      .given([])
      .when({
        type: 'ApplyForLicense',
        ...who,
        now,
        applicant: { kind: 'natural', nationalId: '0499370899', name: 'Ali' },
        province: 'IR-23',
        officeKind: 'urban',
        location: applied.location,
        contact: applied.contact,
      })
      .thenThrows(ValidationError, 'legal entity');
  });

  it('a rural office may be held by a natural person with a valid national id, normalised', () => {
    const events = spec
      .given([])
      .when({
        type: 'ApplyForLicense',
        ...who,
        now,
        applicant: { kind: 'natural', nationalId: '۰۴۹۹۳۷۰۸۹۹', name: 'Ali' },
        province: 'IR-23',
        officeKind: 'rural',
        location: { localityKind: 'village', locality: 'Kan', address: 'Main road' },
        contact: applied.contact,
      })
      .events();
    expect(events[0]).toMatchObject({
      type: 'LicenseApplied',
      applicant: { nationalId: '0499370899' },
    });
  });

  it('rejects a bad legal id and an unknown province', () => {
    const base = {
      type: 'ApplyForLicense' as const,
      ...who,
      now,
      officeKind: 'urban' as const,
      location: applied.location,
      contact: applied.contact,
    };
    spec
      .given([])
      .when({
        ...base,
        applicant: { kind: 'legal', legalId: '10380284791', name: 'x' },
        province: 'IR-23',
      })
      .thenThrows(ValidationError);
    spec
      .given([])
      .when({
        ...base,
        applicant: { kind: 'legal', legalId: '10380284790', name: 'x' },
        province: 'IR-31',
      })
      .thenThrows(ValidationError);
  });

  it('the third vote decides by majority', () => {
    spec
      .given([applied, voted('areo', 'reject'), voted('ict', 'approve')])
      .when({
        type: 'RecordVote',
        ...who,
        now,
        memberBody: 'governorate',
        vote: 'reject',
        reason: 'no premises',
      })
      .then([
        {
          type: 'WorkingGroupVoteRecorded',
          licenseId: id,
          memberBody: 'governorate',
          vote: 'reject',
          reason: 'no premises',
          votedAt: now.toISOString(),
          votedBy: 'cred-1',
        },
        {
          type: 'WorkingGroupDecided',
          licenseId: id,
          outcome: 'rejected',
          approvals: 1,
          rejections: 2,
          decidedAt: now.toISOString(),
        },
      ]);
  });

  it('a member body votes once', () => {
    spec
      .given([applied, voted('ict', 'approve')])
      .when({
        type: 'RecordVote',
        ...who,
        now,
        memberBody: 'ict',
        vote: 'reject',
        reason: 'changed mind',
      })
      .thenThrows(IllegalStateError, 'already voted');
  });

  it('issues with validity to the same Jalali day five years on (start of day, Tehran)', () => {
    spec
      .given(approved)
      .when({
        type: 'IssueLicense',
        ...who,
        now,
        licenseNumber: 'PK-07-0001',
        licenseNumberTaken: false,
        validityYears: 5,
      })
      .then([issued]);
    expect(issued.validUntil).toBe('2031-11-28T20:30:00.000Z');
  });

  it('refuses a license number already in use', () => {
    spec
      .given(approved)
      .when({
        type: 'IssueLicense',
        ...who,
        now,
        licenseNumber: 'PK-07-0001',
        licenseNumberTaken: true,
        validityYears: 5,
      })
      .thenThrows(ValidationError);
  });
});

describe('an issued license', () => {
  it('when suspended, an illegal command is 409 naming the current state', () => {
    const run = () =>
      spec
        .given([...approved, issued, suspended(now)])
        .when({
          type: 'TransferLicense',
          ...who,
          now: later(1),
          to: { kind: 'legal', legalId: '14007650912', name: 'B' },
          reason: 'sale',
        })
        .events();
    expect(run).toThrow(IllegalStateError);
    try {
      run();
    } catch (error) {
      expect((error as IllegalStateError).details).toEqual({ currentState: 'suspended' });
    }
  });

  it('renewal extends validity from the old end, not from now', () => {
    const events = spec
      .given([...approved, issued])
      .when({ type: 'RenewLicense', ...who, now: later(100), validityYears: 2 })
      .events();
    expect(events).toEqual([
      expect.objectContaining({
        type: 'LicenseRenewed',
        previousValidUntil: issued.validUntil,
        validUntil: validityEnd(new Date(issued.validUntil), 2).toISOString(),
      }),
    ]);
  });

  it('once validity has passed, it is expired and renewal is refused', () => {
    spec
      .given([...approved, issued])
      .when({ type: 'RenewLicense', ...who, now: new Date(issued.validUntil), validityYears: 1 })
      .thenThrows(IllegalStateError, 'expired');
  });

  it('a suspension with an end date lapses by itself; reinstating after it is refused', () => {
    const given = [...approved, issued, suspended(later(1), later(10))];
    spec
      .given(given)
      .when({ type: 'ReinstateLicense', ...who, now: later(5), reason: 'fixed' })
      .then([
        {
          type: 'LicenseReinstated',
          licenseId: id,
          reason: 'fixed',
          reinstatedAt: later(5).toISOString(),
          reinstatedBy: 'cred-1',
        },
      ]);
    spec
      .given(given)
      .when({ type: 'ReinstateLicense', ...who, now: later(11), reason: 'fixed' })
      .thenThrows(IllegalStateError, 'active');
  });

  it('transfer to another legal entity records both holders; to the same holder is refused', () => {
    const to = { kind: 'legal' as const, legalId: '14007650912', name: 'B' };
    expect(
      spec
        .given([...approved, issued])
        .when({ type: 'TransferLicense', ...who, now, to, reason: 'sale' })
        .events(),
    ).toEqual([
      expect.objectContaining({ type: 'LicenseTransferred', from: applied.applicant, to }),
    ]);
    spec
      .given([...approved, issued])
      .when({ type: 'TransferLicense', ...who, now, to: { ...applied.applicant }, reason: 'x' })
      .thenThrows(ValidationError);
  });

  it('a suspension must end in the future', () => {
    spec
      .given([...approved, issued])
      .when({ type: 'SuspendLicense', ...who, now, reason: 'x', until: now })
      .thenThrows(ValidationError);
  });
});

describe('"was the license active at T"', () => {
  const events = [
    ...approved,
    issued,
    suspended(later(10), later(20)),
    suspended(later(30)),
    {
      type: 'LicenseReinstated',
      licenseId: id,
      reason: 'ok',
      reinstatedAt: later(40).toISOString(),
      reinstatedBy: 'cra',
    },
    {
      type: 'LicenseCancelled',
      licenseId: id,
      reason: 'closed',
      cancelledAt: later(50).toISOString(),
      cancelledBy: 'cra',
    },
  ] satisfies LicenseEvent[];
  const state = events.reduce(licenseDecider.evolve, licenseDecider.initialState());

  it.each([
    [-1, false],
    [0, true],
    [9, true],
    [10, false],
    [19, false],
    [20, true],
    [30, false],
    [39, false],
    [40, true],
    [49, true],
    [50, false],
    [5000, false],
  ])('at day %d: %s', (day, expected) => {
    expect(activeAt(state, later(day))).toBe(expected);
  });

  it('without cancellation, it is active until the instant validity ends and expired from then', () => {
    const s = [...approved, issued].reduce(licenseDecider.evolve, licenseDecider.initialState());
    const end = new Date(issued.validUntil);
    expect(activeAt(s, new Date(end.getTime() - 1))).toBe(true);
    expect(activeAt(s, end)).toBe(false);
    expect(statusAt(s, end)).toBe('expired');
  });
});

describe('every (state × command) pair', () => {
  const to = { kind: 'legal' as const, legalId: '14007650912', name: 'B' };
  const commands: Record<LicenseCommand['type'], (at: Date) => LicenseCommand> = {
    ApplyForLicense: (at) => ({
      type: 'ApplyForLicense',
      ...who,
      now: at,
      applicant: applied.applicant,
      province: 'IR-23',
      officeKind: 'urban',
      location: applied.location,
      contact: applied.contact,
    }),
    RecordVote: (at) => ({
      type: 'RecordVote',
      ...who,
      now: at,
      memberBody: 'areo',
      vote: 'approve',
      reason: 'ok',
    }),
    IssueLicense: (at) => ({
      type: 'IssueLicense',
      ...who,
      now: at,
      licenseNumber: 'N-2',
      licenseNumberTaken: false,
      validityYears: 5,
    }),
    RefuseLicense: (at) => ({ type: 'RefuseLicense', ...who, now: at, reason: 'x' }),
    AmendLicense: (at) => ({
      type: 'AmendLicense',
      ...who,
      now: at,
      changes: { phone: '02100000000' },
    }),
    TransferLicense: (at) => ({ type: 'TransferLicense', ...who, now: at, to, reason: 'sale' }),
    RenewLicense: (at) => ({ type: 'RenewLicense', ...who, now: at, validityYears: 1 }),
    SuspendLicense: (at) => ({ type: 'SuspendLicense', ...who, now: at, reason: 'x' }),
    ReinstateLicense: (at) => ({ type: 'ReinstateLicense', ...who, now: at, reason: 'x' }),
    CancelLicense: (at) => ({ type: 'CancelLicense', ...who, now: at, reason: 'x' }),
  };
  const expiredAt = new Date(new Date(issued.validUntil).getTime() + 1);
  const states: Record<Exclude<LicenseStatus, never>, [LicenseEvent[], Date]> = {
    none: [[], now],
    under_review: [[applied], now],
    approved: [approved, now],
    rejected: [
      [
        applied,
        voted('areo', 'reject'),
        voted('ict', 'reject'),
        voted('governorate', 'approve'),
        decided('rejected'),
      ],
      now,
    ],
    refused: [
      [
        ...approved,
        {
          type: 'LicenseRefused',
          licenseId: id,
          reason: 'x',
          refusedAt: now.toISOString(),
          refusedBy: 'cra',
        },
      ],
      now,
    ],
    active: [[...approved, issued], now],
    suspended: [[...approved, issued, suspended(now)], now],
    expired: [[...approved, issued], expiredAt],
    cancelled: [
      [
        ...approved,
        issued,
        {
          type: 'LicenseCancelled',
          licenseId: id,
          reason: 'x',
          cancelledAt: now.toISOString(),
          cancelledBy: 'cra',
        },
      ],
      now,
    ],
  };
  const pairs = Object.entries(states).flatMap(([status, given]) =>
    Object.entries(commands).map(
      ([type, make]) =>
        [status as LicenseStatus, type as LicenseCommand['type'], given, make] as const,
    ),
  );

  it.each(pairs)('in %s, %s', (status, type, [given, at], make) => {
    const state = given.reduce(licenseDecider.evolve, licenseDecider.initialState());
    expect(statusAt(state, at)).toBe(status);
    const run = () => licenseDecider.decide(make(at), state);
    if (allowedIn[type].includes(status)) {
      expect(run().length).toBeGreaterThan(0);
    } else {
      expect(run).toThrow(IllegalStateError);
    }
  });
});

const inForce = [...approved, issued];
const renew = (holderRequestId?: string): LicenseCommand => ({
  type: 'RenewLicense',
  validityYears: 1,
  ...(holderRequestId ? { holderRequestId } : {}),
  ...who,
  now,
});
const suspend = (actionId: string): LicenseCommand => ({
  type: 'SuspendLicense',
  reason: 'overcharges',
  recommendation: { officeId: 'OF-1', actionId },
  ...who,
  now,
});

describe("a license command run as another decision's effect (اثر تصمیم) is written once", () => {
  const spec = deciderSpec(effectDecider);

  it("a renewal naming a holder's request renews once; naming it again decides nothing, another request renews again", () => {
    const first = spec.given(inForce).when(renew('R1')).events();
    expect(first).toMatchObject([{ type: 'LicenseRenewed', holderRequestId: 'R1' }]);
    spec
      .given([...inForce, ...first])
      .when(renew('R1'))
      .then([]);
    expect(
      spec
        .given([...inForce, ...first])
        .when(renew('R2'))
        .events(),
    ).toHaveLength(1);
  });

  it("the regulator's own commands name no cause and are decided as ever", () => {
    const own = spec.given(inForce).when(renew()).events();
    expect(own[0]).not.toHaveProperty('holderRequestId');
    expect(
      spec
        .given([...inForce, ...own])
        .when(renew())
        .events(),
    ).toHaveLength(1);
  });

  it('a suspension naming a recommendation is written once', () => {
    const first = spec.given(inForce).when(suspend('A1')).events();
    expect(first).toMatchObject([{ type: 'LicenseSuspended', recommendation: { actionId: 'A1' } }]);
    spec
      .given([...inForce, ...first])
      .when(suspend('A1'))
      .then([]);
  });
});
