import { randomUUID } from 'node:crypto';

/**
 * A payment-shaped event body of about 500 bytes of JSON, so every store
 * figure (ours, raw SQLite, Emmett) writes rows of the same size.
 */
export function paymentData(): Record<string, unknown> {
  return {
    paymentId: randomUUID(),
    terminalId: 'TRM-0042-118273',
    rrn: String(Math.floor(Math.random() * 1e12)).padStart(12, '0'),
    agencyId: 'agency-7c1e9a55-2f4b-4c2e-9d1a-6b0f3e8a1c22',
    officeId: 'office-11-0421',
    serviceCode: 'NID-RENEWAL-SMART-CARD',
    amount: '1250000',
    currency: 'IRR',
    splits: [
      { beneficiary: 'treasury', amount: '1000000' },
      { beneficiary: 'office', amount: '200000' },
      { beneficiary: 'regulator', amount: '50000' },
    ],
    payer: { nationalIdHash: 'sha256:9f2b6c1d8e4a7b3c5d0e1f2a3b4c5d6e' },
    paidAt: '2026-11-30T09:41:12.345Z',
  };
}

export const eventType = 'PaymentRecorded';

export function streamName(): string {
  return `payment-${randomUUID()}`;
}
