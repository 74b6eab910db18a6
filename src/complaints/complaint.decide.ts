import { complaintContracts } from '../../contracts/events/complaints';
import { versionsOf } from '../../contracts/events/contract';
import { IllegalStateError, ValidationError } from '../shared/errors';
import type { Decider } from '../shared/eventStore';
import {
  evolveComplaint,
  initialComplaintState,
  type ComplaintEvent,
  type ComplaintFiled,
  type ComplaintState,
} from './complaint';

export interface FileComplaint extends Omit<
  ComplaintFiled,
  'type' | 'dueBy' | 'filedAt' | 'filedBy'
> {
  type: 'FileComplaint';
  dueBy: Date;
  now: Date;
}

interface Step {
  complaintId: string;
  reason: string;
  now: Date;
  actor: string;
}

export interface StartReview extends Step {
  type: 'StartReview';
}

export interface RequestOfficeResponse extends Step {
  type: 'RequestOfficeResponse';
  respondBy: Date;
}

export interface RecordOfficeResponse {
  type: 'RecordOfficeResponse';
  complaintId: string;
  /** The office the responding credential belongs to. */
  officeId: string;
  response: string;
  now: Date;
  actor: string;
}

/** A remedy as ordered; a refund carries the refund id chosen for it outside the decider. */
export type RemedyOrder =
  { kind: 'refund'; paymentId: string; amount: string; refundId: string } | { kind: 'warning' };

export interface ResolveComplaint extends Step {
  type: 'ResolveComplaint';
  outcome: 'upheld' | 'not_upheld';
  remedies: RemedyOrder[];
}

export interface CloseComplaint extends Step {
  type: 'CloseComplaint';
}

/** The payment ledger confirmed an ordered refund. */
export interface RecordRefund {
  type: 'RecordRefund';
  complaintId: string;
  refundId: string;
  now: Date;
}

export type ComplaintCommand =
  | FileComplaint
  | StartReview
  | RequestOfficeResponse
  | RecordOfficeResponse
  | ResolveComplaint
  | CloseComplaint
  | RecordRefund;

type Filed = Exclude<ComplaintState, { status: 'none' }>;

function existing(s: ComplaintState, complaintId: string): Filed {
  if (s.status === 'none') throw new IllegalStateError(`complaint ${complaintId} does not exist`);
  return s;
}

function expectStatus(s: Filed, allowed: readonly Filed['status'][], doing: string): void {
  if (!allowed.includes(s.status)) {
    throw new IllegalStateError(`cannot ${doing} a case that is ${s.status}`, {
      currentState: s.status,
    });
  }
}

function file(c: FileComplaint, s: ComplaintState): ComplaintEvent[] {
  if (s.status !== 'none') throw new IllegalStateError(`complaint ${c.complaintId} already exists`);
  const { type: _t, now, dueBy, ...rest } = c;
  if (dueBy <= now) throw new ValidationError('the SLA must end after filing');
  return [
    {
      type: 'ComplaintFiled',
      ...rest,
      dueBy: dueBy.toISOString(),
      filedAt: now.toISOString(),
      filedBy: 'citizen',
    },
  ];
}

function startReview(c: StartReview, s: ComplaintState): ComplaintEvent[] {
  const f = existing(s, c.complaintId);
  expectStatus(f, ['received'], 'start reviewing');
  return [
    {
      type: 'ComplaintReviewStarted',
      complaintId: c.complaintId,
      reason: c.reason,
      startedAt: c.now.toISOString(),
      startedBy: c.actor,
    },
  ];
}

function requestOfficeResponse(c: RequestOfficeResponse, s: ComplaintState): ComplaintEvent[] {
  const f = existing(s, c.complaintId);
  expectStatus(f, ['under_review'], 'ask the office about');
  const officeId = f.filed.parties.officeId;
  if (!officeId) throw new IllegalStateError('the case concerns no office');
  return [
    {
      type: 'OfficeResponseRequested',
      complaintId: c.complaintId,
      officeId,
      reason: c.reason,
      respondBy: c.respondBy.toISOString(),
      requestedAt: c.now.toISOString(),
      requestedBy: c.actor,
    },
  ];
}

function recordOfficeResponse(c: RecordOfficeResponse, s: ComplaintState): ComplaintEvent[] {
  const f = existing(s, c.complaintId);
  expectStatus(f, ['awaiting_office'], 'record an office response on');
  if (f.filed.parties.officeId !== c.officeId)
    throw new IllegalStateError('only the office concerned may respond');
  return [
    {
      type: 'OfficeResponded',
      complaintId: c.complaintId,
      officeId: c.officeId,
      response: c.response,
      respondedAt: c.now.toISOString(),
      respondedBy: c.actor,
    },
  ];
}

function checkRemedies(c: ResolveComplaint, f: Filed): void {
  const problems: Array<{ path: string; message: string }> = [];
  c.remedies.forEach((r, i) => {
    const path = `remedies.${i}`;
    if (c.outcome !== 'upheld')
      problems.push({ path, message: 'only an upheld case orders a remedy' });
    if (r.kind === 'warning' && !f.filed.parties.officeId)
      problems.push({ path, message: 'a warning needs an office' });
    if (r.kind === 'refund') {
      if (f.filed.kind !== 'complaint' || f.filed.topic !== 'overcharge')
        problems.push({ path, message: 'only an overcharge complaint orders a refund' });
      if (!/^[1-9]\d{0,17}$/.test(r.amount))
        problems.push({
          path: `${path}.amount`,
          message: 'must be a positive whole number of rials',
        });
    }
  });
  const payments = c.remedies.flatMap((r) => (r.kind === 'refund' ? [r.paymentId] : []));
  if (new Set(payments).size !== payments.length)
    problems.push({ path: 'remedies', message: 'one refund per payment' });
  if (c.remedies.filter((r) => r.kind === 'warning').length > 1)
    problems.push({ path: 'remedies', message: 'one warning at most' });
  if (problems.length) throw new ValidationError('The remedies do not fit the case', problems);
}

function resolve(c: ResolveComplaint, s: ComplaintState): ComplaintEvent[] {
  const f = existing(s, c.complaintId);
  expectStatus(f, ['under_review', 'awaiting_office'], 'resolve');
  checkRemedies(c, f);
  const at = c.now.toISOString();
  const refunds: ComplaintEvent[] = c.remedies.flatMap((r) =>
    r.kind !== 'refund'
      ? []
      : [
          {
            type: 'RefundOrdered' as const,
            complaintId: c.complaintId,
            refundId: r.refundId,
            paymentId: r.paymentId,
            amount: r.amount,
            ...(f.filed.receiptCode ? { receiptCode: f.filed.receiptCode } : {}),
            orderedAt: at,
            orderedBy: c.actor,
          },
        ],
  );
  return [
    {
      type: 'ComplaintResolved',
      complaintId: c.complaintId,
      outcome: c.outcome,
      remedies: c.remedies.map((r) =>
        r.kind === 'refund' ? { kind: 'refund', paymentId: r.paymentId, amount: r.amount } : r,
      ),
      reason: c.reason,
      resolvedAt: at,
      resolvedBy: c.actor,
    },
    ...refunds,
  ];
}

function close(c: CloseComplaint, s: ComplaintState): ComplaintEvent[] {
  const f = existing(s, c.complaintId);
  expectStatus(f, ['received', 'under_review', 'awaiting_office'], 'close');
  return [
    {
      type: 'ComplaintClosed',
      complaintId: c.complaintId,
      reason: c.reason,
      closedAt: c.now.toISOString(),
      closedBy: c.actor,
    },
  ];
}

function recordRefund(c: RecordRefund, s: ComplaintState): ComplaintEvent[] {
  const f = existing(s, c.complaintId);
  const refund =
    f.status === 'resolved' ? f.refunds.find((r) => r.refundId === c.refundId) : undefined;
  if (!refund) throw new IllegalStateError(`no refund ${c.refundId} was ordered on this case`);
  if (refund.recordedAt) return [];
  return [
    {
      type: 'RefundRecorded',
      complaintId: c.complaintId,
      refundId: c.refundId,
      paymentId: refund.paymentId,
      amount: refund.amount,
      recordedAt: c.now.toISOString(),
    },
  ];
}

export function decideComplaint(
  command: ComplaintCommand,
  state: ComplaintState,
): ComplaintEvent[] {
  switch (command.type) {
    case 'FileComplaint':
      return file(command, state);
    case 'StartReview':
      return startReview(command, state);
    case 'RequestOfficeResponse':
      return requestOfficeResponse(command, state);
    case 'RecordOfficeResponse':
      return recordOfficeResponse(command, state);
    case 'ResolveComplaint':
      return resolve(command, state);
    case 'CloseComplaint':
      return close(command, state);
    case 'RecordRefund':
      return recordRefund(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const complaintDecider: Decider<ComplaintCommand, ComplaintEvent, ComplaintState> = {
  initialState: initialComplaintState,
  evolve: evolveComplaint,
  decide: decideComplaint,
  eventVersions: versionsOf(complaintContracts),
};
