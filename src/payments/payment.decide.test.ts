import { deciderSpec } from '../../test/support/deciderSpec';
import { IdempotencyMismatchError, IllegalStateError, NotFoundError } from '../shared/errors';
import type { PaymentRecorded, PaymentRefunded, PaymentReversed } from './payment';
import { paymentDecider } from './payment.decide';

const spec = deciderSpec(paymentDecider);
const at = new Date('2026-11-29T10:00:00Z');

const recorded: PaymentRecorded = {
  type: 'PaymentRecorded',
  paymentId: 'TA000001-14050908-000000000001',
  trackingCode: '1234567890123456',
  terminalId: 'TA000001',
  officeId: 'OF-A',
  province: 'IR-23',
  officeKind: 'urban',
  rrn: '000000000001',
  stan: '000001',
  transactionTime: '2026-11-29T08:00:00.000Z',
  receivedAt: '2026-11-29T08:00:01.000Z',
  serviceCode: 'vehicle-transfer',
  quantity: 1,
  occurrence: 1,
  amount: '1100',
  maskedCard: '603799******1234',
  status: 'flagged',
  violations: [{ type: 'overcharge', expected: '1000', excess: '100' }],
  expected: '1000',
  postings: [
    { kind: 'agency', code: 'gov', amount: '700' },
    { kind: 'office', code: 'office', amount: '300' },
    { kind: 'held-for-refund', amount: '100' },
  ],
  pricedAgainst: { tariffs: 1, catalogue: 1, licenses: 1, offices: 1, quotes: 0 },
  fingerprint: 'f',
};

const reversal: PaymentReversed = {
  type: 'PaymentReversed',
  paymentId: recorded.paymentId,
  terminalId: 'TA000001',
  amount: '-1100',
  postings: [
    { kind: 'agency', code: 'gov', amount: '-700' },
    { kind: 'office', code: 'office', amount: '-300' },
    { kind: 'held-for-refund', amount: '-100' },
  ],
  reversedAt: at.toISOString(),
  idempotencyKey: 'r1',
  officeId: 'OF-A',
  province: 'IR-23',
  serviceCode: 'vehicle-transfer',
};

const refund = (refundId: string, amount: bigint, reason = 'overcharge returned') =>
  ({
    type: 'RefundPayment',
    refundId,
    amount,
    reason,
    by: 'cred-1',
    byRole: 'regulator',
    at,
  }) as const;

describe('the payment decider', () => {
  describe('reversal (برگشت)', () => {
    it('when the terminal reverses the same day, records negative postings of every line', () => {
      spec
        .given([recorded])
        .when({ type: 'ReversePayment', terminalId: 'TA000001', idempotencyKey: 'r1', at })
        .then([reversal]);
    });
    it('when another terminal asks, the payment does not exist for it', () => {
      spec
        .given([recorded])
        .when({ type: 'ReversePayment', terminalId: 'TB000001', at })
        .thenThrows(NotFoundError);
    });
    it('when already reversed, refuses; the same key again is a replay with no new event', () => {
      spec
        .given([recorded, reversal])
        .when({ type: 'ReversePayment', terminalId: 'TA000001', at })
        .thenThrows(IllegalStateError, /already reversed/);
      spec
        .given([recorded, reversal])
        .when({ type: 'ReversePayment', terminalId: 'TA000001', idempotencyKey: 'r1', at })
        .then([]);
    });
    it('when the Tehran day has turned (midnight is 20:30 UTC), refuses', () => {
      spec
        .given([recorded])
        .when({
          type: 'ReversePayment',
          terminalId: 'TA000001',
          at: new Date('2026-11-29T20:30:00Z'),
        })
        .thenThrows(IllegalStateError, /day of the transaction/);
    });
    it('when part was refunded, refuses: it would pay back more than was paid', () => {
      const [partial] = spec.given([recorded]).when(refund('a', 50n)).events() as PaymentRefunded[];
      spec
        .given([recorded, partial!])
        .when({ type: 'ReversePayment', terminalId: 'TA000001', at })
        .thenThrows(IllegalStateError, /refunded/);
    });
  });

  describe('refund (استرداد)', () => {
    it('draws first from the excess held for refund', () => {
      const [event] = spec.given([recorded]).when(refund('a', 60n)).events() as PaymentRefunded[];
      expect(event!.postings.map((p) => p.amount)).toEqual(['0', '0', '-60']);
    });
    it('then from the other lines pro rata, never below zero, summing exactly', () => {
      const [event] = spec.given([recorded]).when(refund('a', 601n)).events() as PaymentRefunded[];
      expect(event!.postings.map((p) => p.amount)).toEqual(['-351', '-150', '-100']);
    });
    it('when it exceeds what is left, refuses', () => {
      const [first] = spec.given([recorded]).when(refund('a', 1000n)).events() as PaymentRefunded[];
      spec
        .given([recorded, first!])
        .when(refund('b', 101n))
        .thenThrows(IllegalStateError, /100 rials/);
      const [rest] = spec
        .given([recorded, first!])
        .when(refund('b', 100n))
        .events() as PaymentRefunded[];
      spec.given([recorded, first!, rest!]).when(refund('c', 1n)).thenThrows(IllegalStateError);
    });
    it('when the same refund id comes again, replays with the same content and refuses other content', () => {
      const [first] = spec.given([recorded]).when(refund('a', 100n)).events() as PaymentRefunded[];
      spec.given([recorded, first!]).when(refund('a', 100n)).then([]);
      spec.given([recorded, first!]).when(refund('a', 5n)).thenThrows(IdempotencyMismatchError);
    });
    it('when the payment was reversed, refuses', () => {
      spec
        .given([recorded, reversal])
        .when(refund('a', 1n))
        .thenThrows(IllegalStateError, /reversed/);
    });
    it('when there is no such payment, not found', () => {
      spec.given([]).when(refund('a', 1n)).thenThrows(NotFoundError);
    });
  });
});

describe('consumption for a service delivery (مصرف پرداخت)', () => {
  const paid: PaymentRecorded = { ...recorded, agencyId: 'traffic' };
  const consume = (deliveryReference: string, agencyId = 'traffic') =>
    ({ type: 'ConsumePayment', agencyId, deliveryReference, by: 'agency-cred', at }) as const;
  const consumed = paymentDecider.decide(consume('D-1'), stateOf([paid]))[0]!;
  const refunded = (amount: bigint, refundId: string): PaymentRefunded =>
    paymentDecider.decide(refund(refundId, amount), stateOf([paid]))[0] as PaymentRefunded;

  it('when the agency of the service consumes a whole payment, records one consumption with the accounts', () => {
    expect(consumed).toEqual({
      type: 'PaymentConsumed',
      paymentId: paid.paymentId,
      deliveryReference: 'D-1',
      amount: '1100',
      consumedAt: at.toISOString(),
      consumedBy: 'agency-cred',
      officeId: 'OF-A',
      province: 'IR-23',
      serviceCode: 'vehicle-transfer',
      agencyId: 'traffic',
    });
  });
  it('when another agency asks, the payment does not exist for it', () => {
    spec.given([paid]).when(consume('D-1', 'registry')).thenThrows(NotFoundError);
  });
  it('when consumed, the same delivery reference is a replay and another one is refused naming the first', () => {
    spec.given([paid, consumed]).when(consume('D-1')).then([]);
    const second = () => paymentDecider.decide(consume('D-2'), stateOf([paid, consumed]));
    expect(second).toThrow(IllegalStateError);
    expect(second).toThrow(/already consumed for delivery D-1/);
    try {
      second();
    } catch (error) {
      expect((error as IllegalStateError).details).toEqual({
        consumption: {
          deliveryReference: 'D-1',
          consumedAt: at.toISOString(),
          consumedBy: 'agency-cred',
        },
      });
    }
  });
  it('when reversed, refuses to consume', () => {
    spec
      .given([paid, { ...reversal, agencyId: 'traffic' }])
      .when(consume('D-1'))
      .thenThrows(IllegalStateError, /reversed/);
  });
  it('when consumed, the terminal cannot reverse it: a refund with a reason is still possible', () => {
    spec
      .given([paid, consumed])
      .when({ type: 'ReversePayment', terminalId: 'TA000001', at })
      .thenThrows(IllegalStateError, /consumed/);
    expect(paymentDecider.decide(refund('f-after', 100n), stateOf([paid, consumed]))).toHaveLength(
      1,
    );
  });
  it("when only the overcharge's excess was refunded, the agency's share is whole and the payment consumable", () => {
    expect(
      paymentDecider.decide(consume('D-1'), stateOf([paid, refunded(100n, 'f1')])),
    ).toHaveLength(1);
  });
  it("when a refund took part of the agency's share, or all of the payment, refuses to consume", () => {
    spec
      .given([paid, refunded(200n, 'f2')])
      .when(consume('D-1'))
      .thenThrows(IllegalStateError, /agency's share/);
    spec
      .given([paid, refunded(1100n, 'f3')])
      .when(consume('D-1'))
      .thenThrows(IllegalStateError, /refunded/);
  });
});

function stateOf(events: Parameters<typeof paymentDecider.evolve>[1][]) {
  return events.reduce(paymentDecider.evolve, paymentDecider.initialState());
}
