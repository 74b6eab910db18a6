import { startOfJalaliDay } from '../../src/shared/jalaliPeriod';
import type { ApproveTariff } from '../../src/tariffs/tariff.decide';
import type { TariffComponent } from '../../src/tariffs/tariff';

/** A Jalali day's start in Tehran, for readable tests: `j('1402/11/01')`. */
export function j(day: string): Date {
  const [jy, jm, jd] = day.split('/').map(Number) as [number, number, number];
  return startOfJalaliDay({ jy, jm, jd });
}

export const technicalIban = 'IR062960000000100324200001';

/** The worked example used by unit and API tests: government fee, pages, capped office fee, VAT. */
export function vehicleTransferComponents(
  gov: string,
  perPage: string,
  officeMax: string,
): TariffComponent[] {
  return [
    {
      code: 'gov',
      nameFa: 'هزینه دولتی',
      beneficiary: { kind: 'agency', feeCode: 'transfer' },
      rule: { kind: 'fixed', amount: gov },
    },
    {
      code: 'pages',
      nameFa: 'هزینه فنی هر برگ',
      beneficiary: { kind: 'technical', name: 'Technical operator', iban: technicalIban },
      rule: { kind: 'perUnit', unit: 'page', amount: perPage },
    },
    {
      code: 'office',
      nameFa: 'کارمزد دفتر',
      beneficiary: { kind: 'office' },
      rule: { kind: 'percentage', of: 'gov', percent: '12.5', min: '100000', max: officeMax },
      ceiling: true,
    },
    {
      code: 'vat',
      nameFa: 'مالیات بر ارزش افزوده',
      beneficiary: { kind: 'vat' },
      rule: { kind: 'vat', on: ['pages', 'office'] },
    },
  ];
}

export const ruralOffice: TariffComponent = {
  code: 'office',
  nameFa: 'کارمزد دفتر روستایی',
  beneficiary: { kind: 'office' },
  rule: { kind: 'percentage', of: 'gov', percent: '7.5', min: '50000', max: '150000' },
  ceiling: true,
};

export function approveV1(overrides: Partial<ApproveTariff> = {}): ApproveTariff {
  return {
    type: 'ApproveTariff',
    serviceCode: 'vehicle-transfer',
    service: { agencyId: 'traffic', feeCodes: ['transfer'] },
    resolution: { number: '285/1402', date: j('1402/10/01') },
    effectiveFrom: j('1402/11/01'),
    components: vehicleTransferComponents('1500000', '25333', '150000'),
    variants: [{ officeKind: 'rural', components: [ruralOffice] }],
    approvedBy: 'commission-1',
    at: j('1402/10/05'),
    ...overrides,
  };
}

export function approveV2(overrides: Partial<ApproveTariff> = {}): ApproveTariff {
  return approveV1({
    resolution: { number: '120/1403', date: j('1403/01/10') },
    effectiveFrom: j('1403/02/01'),
    components: vehicleTransferComponents('1800000', '30000', '200000'),
    at: j('1403/01/12'),
    ...overrides,
  });
}

/** The agency and service the tariff tests price, as the regulator registers them over HTTP. */
export const trafficAgency = {
  agencyId: 'traffic',
  nameFa: 'پلیس راهور',
  nameEn: 'Traffic Police',
  legalId: '10380284790',
  treasuryIban: 'IR820540102680020817909002',
  fees: [{ feeCode: 'transfer', nameFa: 'نقل و انتقال', depositId: '300000000000123' }],
};
export const vehicleTransferService = {
  serviceCode: 'vehicle-transfer',
  agencyId: 'traffic',
  nameFa: 'نقل و انتقال خودرو',
  nameEn: 'Vehicle transfer',
  conditions: '',
  customerData: 'records',
};
