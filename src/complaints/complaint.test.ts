import { IllegalStateError, ValidationError } from '../shared/errors';
import { deciderSpec } from '../../test/support/deciderSpec';
import type { ComplaintEvent, ComplaintFiled } from './complaint';
import { complaintDecider, type ComplaintCommand } from './complaint.decide';
import { readTrackingCode, newTrackingCode } from './trackingCode';

const spec = deciderSpec(complaintDecider);
const id = 'c-1';
const now = new Date('2026-02-08T07:00:00Z');
const iso = now.toISOString();
const regulator = 'cred-regulator';

const filed: ComplaintFiled = {
  type: 'ComplaintFiled',
  complaintId: id,
  trackingCode: '400000000002',
  kind: 'complaint',
  topic: 'overcharge',
  subject: { kind: 'office', officeId: 'OF-1', serviceCode: 'S-1' },
  desk: { kind: 'province', province: 'IR-23' },
  parties: { officeId: 'OF-1', province: 'IR-23', agencyIds: ['AG-1'] },
  receiptCode: 'R-77',
  description: 'charged 200000 instead of 150000',
  dueBy: '2026-02-22T20:30:00.000Z',
  slaWorkingDays: 10,
  filedAt: '2026-02-07T06:30:00.000Z',
  filedBy: 'citizen',
};
const reviewing: ComplaintEvent = {
  type: 'ComplaintReviewStarted',
  complaintId: id,
  reason: 'assigned',
  startedAt: iso,
  startedBy: regulator,
};
const step = { complaintId: id, reason: 'r', now, actor: regulator };
const refund = { kind: 'refund' as const, paymentId: 'P-9', amount: '50000', refundId: 'rf-1' };

describe('complaint decider', () => {
  it('files a case with its due date and the citizen as actor', () => {
    const { type: _t, dueBy: _d, filedAt: _f, filedBy: _b, ...rest } = filed;
    const command: ComplaintCommand = {
      type: 'FileComplaint',
      ...rest,
      dueBy: new Date(filed.dueBy),
      now: new Date(filed.filedAt),
    };
    spec.given([]).when(command).then([filed]);
  });

  it('when a case already exists, rejects filing it again', () => {
    const { type: _t, dueBy: _d, filedAt: _f, filedBy: _b, ...rest } = filed;
    spec
      .given([filed])
      .when({ type: 'FileComplaint', ...rest, dueBy: new Date(filed.dueBy), now })
      .thenThrows(IllegalStateError);
  });

  it('received → under review, with actor and reason', () => {
    spec
      .given([filed])
      .when({ type: 'StartReview', ...step, reason: 'assigned' })
      .then([reviewing]);
  });

  it('when the case is received, rejects asking the office (review first)', () => {
    spec
      .given([filed])
      .when({ type: 'RequestOfficeResponse', ...step, respondBy: new Date('2026-02-16T20:30:00Z') })
      .thenThrows(IllegalStateError, /received/);
  });

  it('asks the office concerned, due by the office SLA, and records only that office’s answer', () => {
    spec
      .given([filed, reviewing])
      .when({ type: 'RequestOfficeResponse', ...step, respondBy: new Date('2026-02-16T20:30:00Z') })
      .then([
        {
          type: 'OfficeResponseRequested',
          complaintId: id,
          officeId: 'OF-1',
          reason: 'r',
          respondBy: '2026-02-16T20:30:00.000Z',
          requestedAt: iso,
          requestedBy: regulator,
        },
      ]);
    const asked: ComplaintEvent = {
      type: 'OfficeResponseRequested',
      complaintId: id,
      officeId: 'OF-1',
      reason: 'r',
      respondBy: '2026-02-16T20:30:00.000Z',
      requestedAt: iso,
      requestedBy: regulator,
    };
    spec
      .given([filed, reviewing, asked])
      .when({
        type: 'RecordOfficeResponse',
        complaintId: id,
        officeId: 'OF-2',
        response: 'x',
        now,
        actor: 'o2',
      })
      .thenThrows(IllegalStateError, /office concerned/);
    spec
      .given([filed, reviewing, asked])
      .when({
        type: 'RecordOfficeResponse',
        complaintId: id,
        officeId: 'OF-1',
        response: 'tariff misread',
        now,
        actor: 'o1',
      })
      .then([
        {
          type: 'OfficeResponded',
          complaintId: id,
          officeId: 'OF-1',
          response: 'tariff misread',
          respondedAt: iso,
          respondedBy: 'o1',
        },
      ]);
  });

  it('an upheld overcharge complaint orders a refund and a warning', () => {
    spec
      .given([filed, reviewing])
      .when({
        type: 'ResolveComplaint',
        ...step,
        outcome: 'upheld',
        remedies: [refund, { kind: 'warning' }],
      })
      .then([
        {
          type: 'ComplaintResolved',
          complaintId: id,
          outcome: 'upheld',
          remedies: [{ kind: 'refund', paymentId: 'P-9', amount: '50000' }, { kind: 'warning' }],
          reason: 'r',
          resolvedAt: iso,
          resolvedBy: regulator,
        },
        {
          type: 'RefundOrdered',
          complaintId: id,
          refundId: 'rf-1',
          paymentId: 'P-9',
          amount: '50000',
          receiptCode: 'R-77',
          orderedAt: iso,
          orderedBy: regulator,
        },
      ]);
  });

  it('rejects a remedy on a case not upheld, and a refund for anything but an overcharge complaint', () => {
    spec
      .given([filed, reviewing])
      .when({
        type: 'ResolveComplaint',
        ...step,
        outcome: 'not_upheld',
        remedies: [{ kind: 'warning' }],
      })
      .thenThrows(ValidationError);
    const criticism = { ...filed, kind: 'criticism' as const };
    spec
      .given([criticism, reviewing])
      .when({ type: 'ResolveComplaint', ...step, outcome: 'upheld', remedies: [refund] })
      .thenThrows(ValidationError);
    spec
      .given([filed, reviewing])
      .when({
        type: 'ResolveComplaint',
        ...step,
        outcome: 'upheld',
        remedies: [{ ...refund, amount: '0' }],
      })
      .thenThrows(ValidationError);
    spec
      .given([filed, reviewing])
      .when({
        type: 'ResolveComplaint',
        ...step,
        outcome: 'upheld',
        remedies: [refund, { ...refund, refundId: 'rf-2' }],
      })
      .thenThrows(ValidationError);
  });

  it('a warning needs an office: a service matter cannot warn anyone', () => {
    const service = {
      ...filed,
      subject: { kind: 'service' as const, serviceCode: 'S-1' },
      desk: { kind: 'agency' as const, agencyId: 'AG-1' },
      parties: { agencyIds: ['AG-1'] },
    };
    spec
      .given([service, reviewing])
      .when({
        type: 'ResolveComplaint',
        ...step,
        outcome: 'upheld',
        remedies: [{ kind: 'warning' }],
      })
      .thenThrows(ValidationError);
  });

  it('the ledger’s confirmation links the refund back once; a second confirmation changes nothing', () => {
    const resolved = complaintDecider.decide(
      { type: 'ResolveComplaint', ...step, outcome: 'upheld', remedies: [refund] },
      [filed, reviewing].reduce(complaintDecider.evolve, complaintDecider.initialState()),
    );
    const recorded: ComplaintEvent = {
      type: 'RefundRecorded',
      complaintId: id,
      refundId: 'rf-1',
      paymentId: 'P-9',
      amount: '50000',
      recordedAt: iso,
    };
    spec
      .given([filed, reviewing, ...resolved])
      .when({ type: 'RecordRefund', complaintId: id, refundId: 'rf-1', now })
      .then([recorded]);
    spec
      .given([filed, reviewing, ...resolved, recorded])
      .when({ type: 'RecordRefund', complaintId: id, refundId: 'rf-1', now })
      .then([]);
    spec
      .given([filed, reviewing, ...resolved])
      .when({ type: 'RecordRefund', complaintId: id, refundId: 'rf-other', now })
      .thenThrows(IllegalStateError);
  });

  describe('illegal transitions', () => {
    const resolvedEvent: ComplaintEvent = {
      type: 'ComplaintResolved',
      complaintId: id,
      outcome: 'not_upheld',
      remedies: [],
      reason: 'r',
      resolvedAt: iso,
      resolvedBy: regulator,
    };
    const closedEvent: ComplaintEvent = {
      type: 'ComplaintClosed',
      complaintId: id,
      reason: 'duplicate',
      closedAt: iso,
      closedBy: regulator,
    };
    const commands: ComplaintCommand[] = [
      { type: 'StartReview', ...step },
      { type: 'RequestOfficeResponse', ...step, respondBy: new Date('2026-03-01T00:00:00Z') },
      { type: 'ResolveComplaint', ...step, outcome: 'not_upheld', remedies: [] },
      { type: 'CloseComplaint', ...step },
    ];
    it.each([
      ['resolved', [filed, reviewing, resolvedEvent]],
      ['closed', [filed, closedEvent]],
    ])('when the case is %s, every handling step is refused', (_name, history) => {
      for (const command of commands)
        spec.given(history).when(command).thenThrows(IllegalStateError);
    });
    it('nothing can be done to a case that does not exist', () => {
      for (const command of commands)
        spec
          .given([])
          .when(command)
          .thenThrows(IllegalStateError, /does not exist/);
    });
  });
});

describe('tracking codes (کد رهگیری)', () => {
  it('are 12 digits with a check digit that catches a mistyped digit', () => {
    const code = newTrackingCode();
    expect(code).toMatch(/^[1-9]\d{11}$/);
    expect(readTrackingCode(code)).toBe(code);
    const typo = `${code.slice(0, 5)}${(Number(code[5]) + 1) % 10}${code.slice(6)}`;
    expect(readTrackingCode(typo)).toBeUndefined();
  });

  it('are read from Persian digits with separators', () => {
    expect(readTrackingCode('۴۰۰۰-۰۰۰۰-۰۰۰۲')).toBe('400000000002');
  });
});
