import type { EventStore, EventToAppend } from '../../src/shared/eventStore';

/**
 * A reassessment (ارزیابی مجدد) of a recorded payment's data against a later tariff version,
 * with the violations it finds; the payment's earlier violations are kept as `previous`.
 */
export function reassessmentOf(
  payment: unknown,
  tariff: { tariffId: string; version: number; resolution: string },
  violations: Array<Record<string, string>>,
  reassessedAt: string,
): EventToAppend {
  const p = payment as Record<string, unknown>;
  return {
    type: 'PaymentReassessed',
    metadata: { schemaVersion: 1 },
    data: {
      type: 'PaymentReassessed',
      paymentId: p.paymentId,
      officeId: p.officeId,
      province: p.province,
      officeKind: p.officeKind,
      serviceCode: p.serviceCode,
      agencyId: p.agencyId,
      transactionTime: p.transactionTime,
      amount: p.amount,
      tariff,
      expected: '1000000',
      violations,
      previous: { violations: p.violations },
      reassessedAt,
    },
  };
}

/**
 * Payments of the seeded ledger judged again against a backdated tariff: `T1-3` (an overcharge,
 * refunded) now right, `T1-1` (right) now undercharged, `T1-5` (reversed) now overcharged.
 */
export async function seedReassessments(store: EventStore): Promise<void> {
  const judged = [
    { i: 3, violations: [] },
    { i: 1, violations: [{ type: 'undercharge', expected: '2000000', shortfall: '500' }] },
    { i: 5, violations: [{ type: 'overcharge', expected: '1000000', excess: '1000' }] },
  ];
  for (const { i, violations } of judged) {
    const [recorded] = await store.readStream(`payment-T1-${i}`);
    await store.append(
      'reassessment-S2-v2',
      [
        reassessmentOf(
          recorded!.data,
          { tariffId: 'S2/v2', version: 2, resolution: '2/1403' },
          violations,
          '2024-09-25T08:00:00.000Z',
        ),
      ],
      'any',
    );
  }
}
