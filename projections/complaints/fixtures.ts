import type { EventStore } from '../../src/shared/eventStore';

type Data = Record<string, unknown>;

/** A complaint id in the fixture: a UUID whose last group is `n`. */
export const fixtureComplaintId = (n: number) =>
  `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const event = (type: string, data: Data) => ({ type, data: { type, ...data } });

/** A filing in the contract's shape: an office matter at a provincial desk, or an agency matter. */
export function filed(n: number, at: string, over: Data = {}) {
  const office = n % 2 === 0;
  return event('ComplaintFiled', {
    complaintId: fixtureComplaintId(n),
    trackingCode: `10000000000${n}`.slice(-12),
    kind: 'complaint',
    topic: 'overcharge',
    subject: office
      ? { kind: 'office', officeId: `OF${(n % 3) + 1}`, serviceCode: 'S1' }
      : { kind: 'agency', agencyId: 'AG2' },
    desk: office ? { kind: 'province', province: 'IR-23' } : { kind: 'agency', agencyId: 'AG2' },
    parties: office
      ? { officeId: `OF${(n % 3) + 1}`, province: 'IR-23', agencyIds: ['AG1'] }
      : { agencyIds: ['AG2'] },
    description: `case ${n}`,
    dueBy: at,
    slaWorkingDays: 10,
    filedAt: at,
    filedBy: 'citizen',
    ...over,
  });
}

/** Handling steps of case `n`, in the order the decider allows them. */
export const steps = {
  review: (n: number, at: string) =>
    event('ComplaintReviewStarted', {
      complaintId: fixtureComplaintId(n),
      reason: 'taken up',
      startedAt: at,
      startedBy: 'regulator-1',
    }),
  askOffice: (n: number, at: string, respondBy: string) =>
    event('OfficeResponseRequested', {
      complaintId: fixtureComplaintId(n),
      officeId: `OF${(n % 3) + 1}`,
      reason: 'your account please',
      respondBy,
      requestedAt: at,
      requestedBy: 'regulator-1',
    }),
  officeAnswers: (n: number, at: string) =>
    event('OfficeResponded', {
      complaintId: fixtureComplaintId(n),
      officeId: `OF${(n % 3) + 1}`,
      response: 'we charged the tariff',
      respondedAt: at,
      respondedBy: 'office-1',
    }),
  resolve: (n: number, at: string, refund?: { refundId: string; paymentId: string }) => [
    event('ComplaintResolved', {
      complaintId: fixtureComplaintId(n),
      outcome: refund ? 'upheld' : 'not_upheld',
      remedies: refund ? [{ kind: 'refund', paymentId: refund.paymentId, amount: '5000' }] : [],
      reason: 'decided',
      resolvedAt: at,
      resolvedBy: 'regulator-1',
    }),
    ...(refund
      ? [
          event('RefundOrdered', {
            complaintId: fixtureComplaintId(n),
            ...refund,
            amount: '5000',
            orderedAt: at,
            orderedBy: 'regulator-1',
          }),
        ]
      : []),
  ],
  refundRecorded: (n: number, at: string, refund: { refundId: string; paymentId: string }) =>
    event('RefundRecorded', {
      complaintId: fixtureComplaintId(n),
      ...refund,
      amount: '5000',
      recordedAt: at,
    }),
  close: (n: number, at: string) =>
    event('ComplaintClosed', {
      complaintId: fixtureComplaintId(n),
      reason: 'withdrawn',
      closedAt: at,
      closedBy: 'regulator-1',
    }),
};

/**
 * Five cases in every state a case can be in: received, awaiting the office, resolved with a
 * refund the ledger recorded, resolved with one still pending, and closed.
 */
export async function seedComplaints(store: EventStore): Promise<void> {
  const day = (d: number) => `2024-09-${String(20 + d).padStart(2, '0')}T07:00:00.000Z`;
  const refund = (n: number) => ({ refundId: `CR${n}`, paymentId: `T1-${n}` });
  const cases = [
    [filed(1, day(0))],
    [filed(2, day(0)), steps.review(2, day(1)), steps.askOffice(2, day(1), day(6))],
    [filed(3, day(1)), steps.review(3, day(2)), ...steps.resolve(3, day(3), refund(3))],
    [
      filed(4, day(1)),
      steps.review(4, day(2)),
      steps.askOffice(4, day(2), day(7)),
      steps.officeAnswers(4, day(3)),
      ...steps.resolve(4, day(4), refund(4)),
      steps.refundRecorded(4, day(4), refund(4)),
    ],
    [filed(5, day(2)), steps.close(5, day(3))],
  ];
  for (const [i, events] of cases.entries())
    await store.append(`complaint-${fixtureComplaintId(i + 1)}`, events, 'no_stream');
}
