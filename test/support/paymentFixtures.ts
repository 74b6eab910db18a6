import type { PaymentReference } from '../../src/payments/referenceData';
import type { TariffApproved, TariffInForce } from '../../src/tariffs';

/** The office of the payment unit tests and benches: urban, in Tehran province (IR-23). */
export const officeA = {
  officeId: 'OF-A',
  province: 'IR-23',
  kind: 'urban',
  iban: 'IR050170000000123456789012',
  nameFa: 'دفتر الف',
} as const;

/** An approved vehicle-transfer tariff in force, with the traffic agency's treasury and fee. */
export const vehicleTransferInForce = (approved: TariffApproved): TariffInForce => ({
  serviceCode: 'vehicle-transfer',
  approved,
  agency: {
    treasuryIban: 'IR820540102680020817909002',
    fees: [{ feeCode: 'transfer', depositId: '300000000000123' }],
  },
});

/** Every reference fact in order at office A: licensed, listed, assigned, priced. */
export const referenceAtOfficeA = (
  tariff: NonNullable<PaymentReference['tariff']>,
): PaymentReference => ({
  office: officeA,
  licenseActive: true,
  inCatalogue: true,
  assigned: true,
  agencyId: 'traffic',
  tariff,
  positions: { tariffs: 3, catalogue: 2, licenses: 5, offices: 7, quotes: 0 },
});
