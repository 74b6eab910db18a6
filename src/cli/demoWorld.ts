import { signedFetch, type SigningCredential } from '../../contracts/signers/sign';
import { formatJalaliDate, halfYearOf } from '../shared/jalaliPeriod';

/** A signing credential as the ledger issued it: a terminal's gateway token, or a PSP's. */
export interface DemoSigner extends SigningCredential {
  terminalId: string;
  officeId: string;
}

/** What the demo prints: who can do what in the seeded country. */
export interface DemoWorld {
  period: string;
  tokens: { regulator: string; areo: string; commission: string; agency: string; office: string };
  /** The gateway credential of the Tehran office's own terminal. */
  terminal: DemoSigner;
  /** The PSP, with a terminal of its own in an office that chose it. */
  psp: DemoSigner & { pspId: string };
  payment: { serviceCode: string; amount: string; province: string };
}

const agencies = [
  {
    agencyId: 'traffic',
    nameFa: 'پلیس راهنمایی و رانندگی فراجا',
    nameEn: 'Traffic Police',
    legalId: '10101234508',
    treasuryIban: 'IR510100000001001000000001',
    fees: [{ feeCode: 'traffic-fee', nameFa: 'درآمد خدمات راهور', depositId: '306010100000101' }],
    services: [
      ['vehicle-transfer', 'نقل و انتقال خودرو', 'Vehicle ownership transfer', '1500000'],
      ['driving-licence-renewal', 'تمدید گواهینامه رانندگی', 'Driving licence renewal', '900000'],
    ],
  },
  {
    agencyId: 'civil-registry',
    nameFa: 'سازمان ثبت احوال کشور',
    nameEn: 'National Organization for Civil Registration',
    legalId: '10321234504',
    treasuryIban: 'IR240100000001001000000002',
    fees: [{ feeCode: 'registry-fee', nameFa: 'درآمد ثبت احوال', depositId: '306010100000202' }],
    services: [
      ['smart-id-card', 'صدور کارت هوشمند ملی', 'Smart national ID card', '400000'],
      ['birth-certificate-copy', 'صدور المثنی شناسنامه', 'Duplicate birth certificate', '600000'],
    ],
  },
  {
    agencyId: 'tax',
    nameFa: 'سازمان امور مالیاتی کشور',
    nameEn: 'Iranian National Tax Administration',
    legalId: '10861234508',
    treasuryIban: 'IR940100000001001000000003',
    fees: [{ feeCode: 'tax-service', nameFa: 'خدمات مالیاتی', depositId: '306010100000303' }],
    services: [['tax-return', 'تسلیم اظهارنامه مالیاتی', 'Tax return filing', '250000']],
  },
] as const;

/** One licensed office in each of three provinces; the PSP serves the last two. */
const offices = [
  {
    officeId: 'OF-23-0001',
    province: 'IR-23',
    city: 'Tehran',
    nameFa: 'دفتر پیشخوان انقلاب',
    nameEn: 'Enghelab Pishkhan Office',
    holder: { legalId: '14001234505', name: 'Pishgaman Enghelab Co.' },
    address: 'Enghelab Sq., Karegar St. 12',
    postalCode: '1315783411',
    phone: '02166451234',
    iban: 'IR470170000000310254789001',
    terminalId: 'TH000001',
  },
  {
    officeId: 'OF-10-0001',
    province: 'IR-10',
    city: 'Isfahan',
    nameFa: 'دفتر پیشخوان نقش جهان',
    nameEn: 'Naqsh-e Jahan Pishkhan Office',
    holder: { legalId: '14101234506', name: 'Naqsh-e Jahan Services Co.' },
    address: 'Chaharbagh Abbasi St. 40',
    postalCode: '8173845611',
    phone: '03132214567',
    iban: 'IR320120000004102587963001',
    terminalId: 'IS000001',
  },
  {
    officeId: 'OF-09-0001',
    province: 'IR-09',
    city: 'Mashhad',
    nameFa: 'دفتر پیشخوان امام رضا',
    nameEn: 'Imam Reza Pishkhan Office',
    holder: { legalId: '10101234508', name: 'Razavi Counter Services Co.' },
    address: 'Imam Reza St. 85',
    postalCode: '9133745811',
    phone: '05138541234',
    iban: 'IR460180000000912345678001',
    terminalId: 'MS000001',
  },
] as const;

const psp = { pspId: 'SEP', nameFa: 'پرداخت الکترونیک سامان', nameEn: 'Saman e-Payment' };

class DemoSeedError extends Error {}

/**
 * Seeds a small, believable country through the service's own API, as its parties would:
 * three agencies and their services, the national catalogue (فهرست خدمات قابل برون‌سپاری) of
 * the half-year of `now`, approved tariffs, licensed offices in Tehran, Isfahan and Razavi
 * Khorasan with their terminals, and a PSP (پرداخت‌یار) that registers terminals of its own.
 */
export async function seedDemoWorld(
  base: string,
  regulatorToken: string,
  now: Date,
): Promise<DemoWorld> {
  async function call(token: string, method: string, path: string, body?: unknown) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await res.json()) as Record<string, unknown>;
    if (!res.ok)
      throw new DemoSeedError(
        `${method} ${path} answered ${res.status}: ${JSON.stringify(answer)}`,
      );
    return answer;
  }
  const regulator = (path: string, body: unknown) => call(regulatorToken, 'POST', path, body);
  const credential = async (role: string, scope: object, label: string) =>
    (await regulator('/v1/credentials', { role, scope, label })).token as string;

  const areo = await credential('areo', {}, 'AREO catalogue desk');
  const commission = await credential('commission', {}, 'Regulatory Commission secretariat');

  for (const { services, ...agency } of agencies) {
    await regulator('/v1/agencies', agency);
    for (const [serviceCode, nameFa, nameEn] of services)
      await regulator('/v1/services', {
        serviceCode,
        agencyId: agency.agencyId,
        nameFa,
        nameEn,
        conditions: '',
        customerData: 'none',
      });
  }

  const half = halfYearOf(now);
  const allServices = agencies.flatMap((a) => a.services.map(([code]) => code));
  await call(areo, 'POST', '/v1/catalogues', {
    scope: 'national',
    period: half.id,
    entries: allServices.map((serviceCode) => ({
      serviceCode,
      conditions: '',
      offerBy: formatJalaliDate(half.lastDay),
    })),
  });

  const resolutionDate = new Date(half.start.getTime() - 10 * 24 * 3600 * 1000).toISOString();
  for (const agency of agencies)
    for (const [serviceCode, nameFa, , govFee] of agency.services)
      await call(commission, 'POST', `/v1/tariffs/${serviceCode}/approvals`, {
        resolution: { number: `${half.year}/${half.half * 100 + 17}`, date: resolutionDate },
        effectiveFrom: half.start.toISOString(),
        components: [
          {
            code: 'gov',
            nameFa,
            beneficiary: { kind: 'agency', feeCode: agency.fees[0].feeCode },
            rule: { kind: 'fixed', amount: govFee },
          },
          {
            code: 'office',
            nameFa: 'کارمزد دفتر',
            beneficiary: { kind: 'office' },
            rule: { kind: 'percentage', of: 'gov', percent: '12.5', min: '100000', max: '180000' },
            ceiling: true,
          },
          {
            code: 'vat',
            nameFa: 'مالیات بر ارزش افزوده',
            beneficiary: { kind: 'vat' },
            rule: { kind: 'vat', on: ['office'] },
          },
        ],
        variants: [],
      });

  const registeredPsp = await regulator('/v1/psps', psp);
  const pspCredential: SigningCredential = {
    token: registeredPsp.token as string,
    secret: registeredPsp.signingSecret as string,
  };
  let terminal: DemoSigner | undefined;
  let officeToken = '';
  let pspTerminal: DemoSigner | undefined;
  for (const [i, o] of offices.entries()) {
    const voters = await Promise.all(
      (['areo', 'ict', 'governorate'] as const).map((memberBody) =>
        credential(
          'working_group',
          { province: o.province, memberBody },
          `${o.province} working group`,
        ),
      ),
    );
    const application = await regulator('/v1/licenses', {
      applicant: { kind: 'legal', ...o.holder },
      province: o.province,
      officeKind: 'urban',
      location: { localityKind: 'city', locality: o.city, address: o.address },
      contact: { phone: o.phone },
    });
    const licenseId = application.licenseId as string;
    for (const voter of voters)
      await call(voter, 'POST', `/v1/licenses/${licenseId}/votes`, {
        vote: 'approve',
        reason: 'file complete, coverage needed',
      });
    await regulator(`/v1/licenses/${licenseId}/issue`, {
      licenseNumber: `PK-${o.province.slice(3)}-${String(i + 1).padStart(5, '0')}`,
      validityYears: 5,
    });
    await regulator('/v1/offices', {
      officeId: o.officeId,
      licenseId,
      nameFa: o.nameFa,
      nameEn: o.nameEn,
      locality: { kind: 'city', name: o.city },
      address: o.address,
      postalCode: o.postalCode,
      phone: o.phone,
      iban: o.iban,
    });
    for (const serviceCode of allServices)
      await regulator(`/v1/offices/${o.officeId}/assignments`, { serviceCode });
    const registered = await regulator('/v1/terminals', {
      terminalId: o.terminalId,
      merchantId: `00000${o.terminalId}00`,
      psp: 'Behpardakht Mellat',
      officeId: o.officeId,
    });
    if (i === 0) {
      terminal = {
        terminalId: o.terminalId,
        officeId: o.officeId,
        token: registered.token as string,
        secret: registered.signingSecret as string,
      };
      officeToken = await credential('office', { officeId: o.officeId }, `${o.nameEn} operator`);
      continue;
    }
    await regulator(`/v1/offices/${o.officeId}/psps`, {
      pspId: psp.pspId,
      writtenConsent: `letter ${o.officeId}/${half.year}/1`,
    });
    const pspTerminalId = `SP${o.province.slice(3)}0001`;
    const res = await signedFetch(
      pspCredential,
      'POST',
      `${base}/v1/terminals`,
      JSON.stringify({
        terminalId: pspTerminalId,
        merchantId: `00000${pspTerminalId}00`,
        psp: psp.nameEn,
        officeId: o.officeId,
      }),
    );
    if (res.status !== 201)
      throw new DemoSeedError(`the PSP's terminal answered ${res.status}: ${await res.text()}`);
    pspTerminal ??= { terminalId: pspTerminalId, officeId: o.officeId, ...pspCredential };
  }

  const agency = await credential('agency', { agencyId: 'traffic' }, 'Traffic Police accounting');
  const price = await call(
    regulatorToken,
    'GET',
    `/v1/tariffs/vehicle-transfer/price?province=IR-23&officeKind=urban`,
  );
  return {
    period: half.id,
    tokens: { regulator: regulatorToken, areo, commission, agency, office: officeToken },
    terminal: terminal!,
    psp: { pspId: psp.pspId, ...pspTerminal! },
    payment: { serviceCode: 'vehicle-transfer', amount: price.total as string, province: 'IR-23' },
  };
}
