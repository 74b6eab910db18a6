import { tariffViolationKinds } from '../../contracts/events/reassessment';
import type { PaymentReassessed } from '../../contracts/events/reassessment';
import type { PaymentRecorded } from '../../contracts/events/payments';
import { tariffVerdict } from '../payments';
import { priceTariff, type TariffInForce } from '../tariffs';

const decidedByTariff = new Set<string>(tariffViolationKinds);

/**
 * A payment judged again against a tariff version in force at its transaction time (ارزیابی
 * مجدد): the tariff's verdict on its amount for its place, quantity and issue, beside the
 * verdict it was recorded with. Pure.
 */
export function reassessPayment(
  p: PaymentRecorded,
  tariff: TariffInForce,
  now: Date,
): PaymentReassessed {
  const at = new Date(p.transactionTime);
  const facts = {
    amount: BigInt(p.amount),
    quantity: p.quantity,
    occurrence: p.occurrence,
    transactionTime: at,
  };
  const place = { province: p.province, kind: p.officeKind };
  const input = { province: p.province, officeKind: p.officeKind, ...facts, at };
  const priced = priceTariff(tariff, input);
  const verdict = tariffVerdict(facts, place, priced, { inForce: tariff, priced });
  return {
    type: 'PaymentReassessed',
    paymentId: p.paymentId,
    officeId: p.officeId,
    province: p.province,
    officeKind: p.officeKind,
    serviceCode: p.serviceCode,
    ...(p.agencyId !== undefined ? { agencyId: p.agencyId } : {}),
    transactionTime: p.transactionTime,
    amount: p.amount,
    tariff: {
      tariffId: tariff.approved.tariffId,
      version: tariff.approved.version,
      resolution: tariff.approved.resolution.number,
    },
    expected: priced.total,
    violations: verdict.violation ? [verdict.violation] : [],
    previous: {
      ...(p.tariff ? { tariff: p.tariff } : {}),
      ...(p.expected !== undefined ? { expected: p.expected } : {}),
      violations: p.violations.filter((v) => decidedByTariff.has(v.type)),
    },
    reassessedAt: now.toISOString(),
  };
}
