import type { EventStore } from '../../src/shared/eventStore';

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
    const p = recorded!.data as Record<string, unknown>;
    await store.append(
      'reassessment-S2-v2',
      [
        {
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
            tariff: { tariffId: 'S2/v2', version: 2, resolution: '2/1403' },
            expected: '1000000',
            violations,
            previous: { violations: p.violations },
            reassessedAt: '2024-09-25T08:00:00.000Z',
          },
        },
      ],
      'any',
    );
  }
}
