import fc from 'fast-check';
import { Exact } from '../shared/money';
import { deciderSpec } from '../../test/support/deciderSpec';
import { NotFoundError, ValidationError } from '../shared/errors';
import { apportion, priceVersion } from './pricing';
import { tariffDecider } from './tariff.decide';
import { tariffBook } from './tariffBook';
import { approveV1, approveV2, j, technicalIban } from '../../test/support/tariffFixtures';
import type { TariffApproved, TariffComponent } from './tariff';

const spec = deciderSpec(tariffDecider);
const v1 = spec.given([]).when(approveV1()).events() as TariffApproved[];
const v2 = spec.given(v1).when(approveV2()).events() as TariffApproved[];
const book = tariffBook((id) =>
  id === 'traffic'
    ? {
        treasuryIban: 'IR820540102680020817909002',
        fees: [{ feeCode: 'transfer', depositId: '300000000000123' }],
      }
    : undefined,
);
[...v1, ...v2].forEach((data, i) => book.fold.apply({ position: i + 1, data }));
const amounts = (p: { total: string; lines: Array<{ code: string; amount: string }> }) => ({
  total: p.total,
  ...Object.fromEntries(p.lines.map((l) => [l.code, l.amount])),
});

describe('pricing, hand-computed', () => {
  const at = j('1402/12/01');
  it('urban, 3 pages, VAT 9%: the office fee hits its cap; VAT 20,339.91 takes the spare rial', () => {
    // gov 1,500,000; pages 3 × 25,333 = 75,999; office 12.5% of gov = 187,500 → max 150,000;
    // VAT 9% × (75,999 + 150,000) = 20,339.91; exact total 1,746,338.91 → 1,746,339.
    expect(
      amounts(
        book.price('vehicle-transfer', {
          province: 'IR-23',
          officeKind: 'urban',
          quantity: 3,
          occurrence: 1,
          at,
        }),
      ),
    ).toEqual({
      total: '1746339',
      gov: '1500000',
      pages: '75999',
      office: '150000',
      vat: '20340',
    });
  });
  it('rural: the rural office fee, 7.5% of gov = 112,500', () => {
    // VAT 9% × (75,999 + 112,500) = 16,964.91; total 1,705,463.91 → 1,705,464.
    expect(
      amounts(
        book.price('vehicle-transfer', {
          province: 'IR-23',
          officeKind: 'rural',
          quantity: 3,
          occurrence: 1,
          at,
        }),
      ),
    ).toEqual({
      total: '1705464',
      gov: '1500000',
      pages: '75999',
      office: '112500',
      vat: '16965',
    });
  });
  it('the same version after 1403/01/01 takes VAT at 10%', () => {
    // VAT 10% × 225,999 = 22,599.9; total 1,748,598.9 → 1,748,599.
    const p = book.price('vehicle-transfer', {
      province: 'IR-23',
      officeKind: 'urban',
      quantity: 3,
      occurrence: 1,
      at: j('1403/01/15'),
    });
    expect(amounts(p)).toEqual({
      total: '1748599',
      gov: '1500000',
      pages: '75999',
      office: '150000',
      vat: '22600',
    });
    expect(p.vatPercent).toBe('10');
    expect(p.tariffId).toBe('vehicle-transfer/v1');
  });
  it('after supersession, version 2 prices: urban and rural', () => {
    const at2 = j('1403/02/15');
    // gov 1,800,000; pages 90,000; office 225,000 → max 200,000; VAT 10% × 290,000 = 29,000.
    const urban = book.price('vehicle-transfer', {
      province: 'IR-23',
      officeKind: 'urban',
      quantity: 3,
      occurrence: 1,
      at: at2,
    });
    expect(amounts(urban)).toEqual({
      total: '2119000',
      gov: '1800000',
      pages: '90000',
      office: '200000',
      vat: '29000',
    });
    expect(urban.resolution.number).toBe('120/1403');
    // rural office 7.5% × 1,800,000 = 135,000; VAT 10% × 225,000 = 22,500.
    const rural = book.price('vehicle-transfer', {
      province: 'IR-23',
      officeKind: 'rural',
      quantity: 3,
      occurrence: 1,
      at: at2,
    });
    expect(amounts(rural)).toEqual({
      total: '2047500',
      gov: '1800000',
      pages: '90000',
      office: '135000',
      vat: '22500',
    });
  });
  it('the split names treasury IBAN and deposit id for the agency, the IBAN for the technical fee', () => {
    const p = book.price('vehicle-transfer', {
      province: 'IR-23',
      officeKind: 'urban',
      quantity: 1,
      occurrence: 1,
      at,
    });
    expect(p.lines[0]).toMatchObject({
      iban: 'IR820540102680020817909002',
      depositId: '300000000000123',
    });
    expect(p.lines[1]).toMatchObject({ iban: technicalIban });
    expect(p.lines[2]).toMatchObject({ ceiling: true });
  });
  it('an office may charge less than the ceiling, never more', () => {
    const input = {
      province: 'IR-23',
      officeKind: 'urban' as const,
      quantity: 3,
      occurrence: 1,
      at,
    };
    const less = book.price('vehicle-transfer', {
      ...input,
      charged: { office: new Exact(100000) },
    });
    // VAT 9% × 175,999 = 15,839.91
    expect(amounts(less)).toEqual({
      total: '1691839',
      gov: '1500000',
      pages: '75999',
      office: '100000',
      vat: '15840',
    });
    expect(() =>
      book.price('vehicle-transfer', { ...input, charged: { office: new Exact(150001) } }),
    ).toThrow(ValidationError);
    expect(() =>
      book.price('vehicle-transfer', { ...input, charged: { gov: new Exact(1) } }),
    ).toThrow(ValidationError);
  });
  it('no tariff in force before the first effective date', () => {
    expect(() =>
      book.price('vehicle-transfer', {
        province: 'IR-23',
        officeKind: 'urban',
        quantity: 1,
        occurrence: 1,
        at: j('1402/10/30'),
      }),
    ).toThrow(NotFoundError);
    expect(book.asOf('vehicle-transfer', j('1402/10/30'))).toBeUndefined();
    expect(book.history('vehicle-transfer')).toHaveLength(2);
  });
  it('tiered by occurrence: first, second, third and later', () => {
    const tiered: TariffApproved = {
      ...(v1[0] as TariffApproved),
      variants: [],
      components: [
        {
          code: 'reissue',
          nameFa: 'المثنی',
          beneficiary: { kind: 'agency', feeCode: 'transfer' },
          rule: {
            kind: 'tiered',
            tiers: [
              { fromOccurrence: 1, amount: '100' },
              { fromOccurrence: 2, amount: '200' },
              { fromOccurrence: 3, amount: '500' },
            ],
          },
        },
      ],
    };
    const total = (occurrence: number) =>
      priceVersion(tiered, { province: 'IR-23', officeKind: 'urban', quantity: 1, occurrence, at })
        .total;
    expect([1, 2, 3, 7].map(total)).toEqual(['100', '200', '500', '500']);
  });
});

const rialArb = fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String);
const percentArb = fc.integer({ min: 0, max: 1_000_000 }).map((n) => (n / 10_000).toFixed(4));
function componentsArb(): fc.Arbitrary<TariffComponent[]> {
  const kinds = fc.array(fc.constantFrom('fixed', 'perUnit', 'percentage', 'tiered', 'vat'), {
    minLength: 1,
    maxLength: 7,
  });
  return kinds.chain((ks) =>
    fc.tuple(
      ...ks.map((kind, i) => {
        const code = `c${i}`;
        const earlier = ks
          .slice(0, i)
          .map((k, n) => ({ k, code: `c${n}` }))
          .filter((e) => e.k !== 'vat')
          .map((e) => e.code);
        const make = (rule: TariffComponent['rule']): TariffComponent => ({
          code,
          nameFa: code,
          beneficiary: rule.kind === 'vat' ? { kind: 'vat' } : { kind: 'office' },
          rule,
        });
        if ((kind === 'percentage' || kind === 'vat') && earlier.length === 0)
          return rialArb.map((amount) => make({ kind: 'fixed', amount }));
        switch (kind) {
          case 'perUnit':
            return rialArb.map((amount) => make({ kind: 'perUnit', unit: 'page', amount }));
          case 'percentage':
            return fc
              .record({
                of: fc.constantFrom(...earlier),
                percent: percentArb,
                min: fc.option(rialArb, { nil: undefined }),
                extra: rialArb,
              })
              .map(({ of, percent, min, extra }) =>
                make({
                  kind: 'percentage',
                  of,
                  percent,
                  ...(min !== undefined
                    ? { min, max: (BigInt(min) + BigInt(extra)).toString() }
                    : {}),
                }),
              );
          case 'tiered':
            return fc.array(rialArb, { minLength: 1, maxLength: 3 }).map((a) =>
              make({
                kind: 'tiered',
                tiers: a.map((amount, k) => ({ fromOccurrence: k + 1, amount })),
              }),
            );
          case 'vat':
            return fc.subarray(earlier, { minLength: 1 }).map((on) => make({ kind: 'vat', on }));
          default:
            return rialArb.map((amount) => make({ kind: 'fixed', amount }));
        }
      }),
    ),
  );
}
const versionOf = (components: TariffComponent[]): TariffApproved => ({
  ...(v1[0] as TariffApproved),
  components,
  variants: [],
});
const placeArb = fc.record({
  quantity: fc.integer({ min: 1, max: 10_000 }),
  occurrence: fc.integer({ min: 1, max: 5 }),
  at: fc.constantFrom(j('1402/12/01'), j('1403/06/01')),
});

describe('pricing properties', () => {
  it('the split sums to the total, no share is negative, each share is within a rial of exact', () => {
    fc.assert(
      fc.property(componentsArb(), placeArb, (components, p) => {
        const priced = priceVersion(versionOf(components), {
          province: 'IR-23',
          officeKind: 'urban',
          ...p,
        });
        const sum = priced.lines.reduce((s, l) => s.plus(l.amount), new Exact(0));
        expect(sum.toFixed()).toBe(priced.total);
        for (const l of priced.lines) {
          expect(new Exact(l.amount).isNegative()).toBe(false);
          expect(new Exact(l.amount).minus(l.exact).abs().lessThan(1)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
  it('the total never falls as the quantity rises', () => {
    fc.assert(
      fc.property(
        componentsArb(),
        placeArb,
        fc.integer({ min: 0, max: 1000 }),
        (components, p, more) => {
          const version = versionOf(components);
          const a = priceVersion(version, { province: 'IR-23', officeKind: 'urban', ...p });
          const b = priceVersion(version, {
            province: 'IR-23',
            officeKind: 'urban',
            ...p,
            quantity: p.quantity + more,
          });
          expect(new Exact(b.total).greaterThanOrEqualTo(a.total)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
  it('apportioning tiny fractions still sums exactly', () => {
    const { total, shares } = apportion(['0.4', '0.4', '0.4'].map((x) => new Exact(x)));
    expect(total.toFixed()).toBe('1');
    expect(shares.map((s) => s.toFixed())).toEqual(['1', '0', '0']);
  });
});
