import { randomUUID } from 'node:crypto';
import { decidePayment, initialPaymentState, type PaymentRecorded } from '../../../src/payments';
import { priceTariff, tariffDecider, type TariffApproved } from '../../../src/tariffs';
import { officeA, referenceAtOfficeA, vehicleTransferInForce } from '../../support/paymentFixtures';
import { approveV1, j } from '../../support/tariffFixtures';

const decidedAt = j('1402/12/01');
const [approved] = tariffDecider.decide(approveV1(), tariffDecider.initialState());
const inForce = vehicleTransferInForce(approved as TariffApproved);
const place = { province: officeA.province, officeKind: officeA.kind, quantity: 2, occurrence: 1 };
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
