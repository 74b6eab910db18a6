import { randomUUID } from 'node:crypto';
import { decidePayment, initialPaymentState, type PaymentRecorded } from '../../../src/payments';
import { priceTariff, tariffDecider, type TariffApproved } from '../../../src/tariffs';
import { officeA, referenceAtOfficeA, vehicleTransferInForce } from '../../support/paymentFixtures';
import { approveV1, j } from '../../support/tariffFixtures';

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

const decidedAt = j('1402/12/01');
const [approved] = tariffDecider.decide(approveV1(), tariffDecider.initialState());
const office = officeA;
const inForce = vehicleTransferInForce(approved as TariffApproved);
const place = { province: office.province, officeKind: office.kind, quantity: 2, occurrence: 1 };
const priced = priceTariff(inForce, { ...place, at: decidedAt });

/**
 * A PaymentRecorded as the payment decider writes it (its 25 keys in the decider's order, four
 * postings, tariff and positions), for figures that must see the event's real shape.
 */
export function decidedPayment(): PaymentRecorded {
  const rrn = String(Math.floor(Math.random() * 1e12)).padStart(12, '0');
  const [event] = decidePayment(
    {
      type: 'RecordPayment',
      paymentId: `TA000001-14021201-${rrn}`,
      trackingCode: rrn.padStart(16, '7'),
      facts: {
        terminalId: 'TA000001',
        rrn,
        stan: '004211',
        transactionTime: decidedAt,
        serviceCode: 'vehicle-transfer',
        ...place,
        amount: BigInt(priced.total),
        maskedCard: '603799******1234',
      },
      reference: referenceAtOfficeA({ inForce, priced }),
      customerRef: `hmac-sha256:${randomUUID().replaceAll('-', '')}`,
      fingerprint: randomUUID(),
      receivedAt: new Date(decidedAt.getTime() + 60_000),
      maxAgeDays: 3,
    },
    initialPaymentState(),
  );
  return event as PaymentRecorded;
}
