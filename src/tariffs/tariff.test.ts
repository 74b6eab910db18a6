import { deciderSpec } from '../../test/support/deciderSpec';
import { IllegalStateError, NotFoundError, ValidationError } from '../shared/errors';
import { tariffDecider } from './tariff.decide';
import {
  approveV1,
  approveV2,
  j,
  vehicleTransferComponents,
} from '../../test/support/tariffFixtures';
import { versionInForce } from './tariff';
import type { TariffApproved, TariffComponent } from './tariff';

const spec = deciderSpec(tariffDecider);
const v1 = spec.given([]).when(approveV1()).events() as TariffApproved[];
const v2 = spec.given(v1).when(approveV2()).events() as TariffApproved[];
const problemsOf = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    return (e as ValidationError).problems;
  }
  throw new Error('did not throw');
};

describe('approving tariffs', () => {
  it('records version 1 with its resolution and effective date', () => {
    expect(v1).toEqual([
      expect.objectContaining({
        type: 'TariffApproved',
        tariffId: 'vehicle-transfer/v1',
        version: 1,
        agencyId: 'traffic',
        resolution: { number: '285/1402', date: j('1402/10/01').toISOString() },
        effectiveFrom: j('1402/11/01').toISOString(),
      }),
    ]);
  });
  it('a later resolution supersedes from its effective date; history stays', () => {
    expect(v2[0]).toMatchObject({ tariffId: 'vehicle-transfer/v2', version: 2 });
    const versions = [...v1, ...v2];
    expect(versionInForce(versions, j('1402/10/30'))).toBeUndefined();
    expect(versionInForce(versions, j('1402/11/01'))?.version).toBe(1);
    expect(versionInForce(versions, new Date(j('1403/02/01').getTime() - 1))?.version).toBe(1);
    expect(versionInForce(versions, j('1403/02/01'))?.version).toBe(2);
  });
  it('an expired version does not revive the one it superseded', () => {
    const v2until = spec
      .given(v1)
      .when(approveV2({ effectiveUntil: j('1403/06/01') }))
      .events() as TariffApproved[];
    expect(versionInForce([...v1, ...v2until], j('1403/06/02'))).toBeUndefined();
  });
  it('rejects an approval taking effect before its resolution date', () => {
    expect(
      problemsOf(spec.given([]).when(approveV1({ effectiveFrom: j('1402/09/30') })).events),
    ).toEqual([
      {
        path: 'effectiveFrom',
        message: 'an approval cannot take effect before its resolution date',
      },
    ]);
  });
  it('rejects an approval overlapping another on the same date (409)', () => {
    spec
      .given(v1)
      .when(
        approveV2({
          effectiveFrom: j('1402/11/01'),
          resolution: { number: '9/1403', date: j('1402/10/01') },
        }),
      )
      .thenThrows(IllegalStateError, /Overlaps vehicle-transfer\/v1/);
  });
  it('rejects an approval slipped in before a later one', () => {
    spec
      .given([...v1, ...v2])
      .when(
        approveV2({
          effectiveFrom: j('1403/01/20'),
          resolution: { number: '130/1403', date: j('1403/01/10') },
        }),
      )
      .thenThrows(IllegalStateError, /v2/);
  });
  it('rejects an unknown service (404)', () => {
    spec
      .given([])
      .when(approveV1({ service: undefined }))
      .thenThrows(NotFoundError);
  });
  it('rejects the same resolution twice', () => {
    spec
      .given(v1)
      .when(approveV2({ resolution: { number: '285/1402', date: j('1403/01/10') } }))
      .thenThrows(IllegalStateError, /already recorded/);
  });

  const base = vehicleTransferComponents('1500000', '25333', '150000');
  const withRule = (i: number, patch: Partial<TariffComponent>) =>
    base.map((c, k) => (k === i ? { ...c, ...patch } : c));
  it.each([
    [
      'a negative amount',
      withRule(0, { rule: { kind: 'fixed', amount: '-5' } }),
      'components.0.rule.amount',
    ],
    [
      'a fractional amount',
      withRule(1, { rule: { kind: 'perUnit', unit: 'page', amount: '10.5' } }),
      'components.1.rule.amount',
    ],
    [
      'a percentage over 100',
      withRule(2, { rule: { kind: 'percentage', of: 'gov', percent: '100.5' } }),
      'components.2.rule.percent',
    ],
    [
      'a percentage of a later component',
      withRule(2, { rule: { kind: 'percentage', of: 'vat', percent: '5' } }),
      'components.2.rule.of',
    ],
    ['a ceiling on a non-office fee', withRule(0, { ceiling: true }), 'components.0.ceiling'],
    [
      'an unknown agency fee',
      withRule(0, { beneficiary: { kind: 'agency', feeCode: 'nope' } }),
      'components.0.beneficiary.feeCode',
    ],
    [
      'a technical IBAN with a wrong checksum',
      withRule(1, {
        beneficiary: { kind: 'technical', name: 't', iban: 'IR062960000000100324200002' },
      }),
      'components.1.beneficiary.iban',
    ],
  ])('rejects %s, naming the field', (_name, components, path) => {
    expect(problemsOf(spec.given([]).when(approveV1({ components })).events)).toContainEqual(
      expect.objectContaining({ path }),
    );
  });
  it('rejects a variant for a province that does not exist or replacing nothing', () => {
    const problems = problemsOf(
      spec.given([]).when(
        approveV1({
          variants: [{ province: 'IR-99', components: [{ ...base[0]!, code: 'other' }] }],
        }),
      ).events,
    );
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['variants.0.province', 'variants.0.components.0.code']),
    );
  });
  it('rejects tiers that do not start at the first occurrence', () => {
    const tiered = withRule(0, {
      rule: { kind: 'tiered', tiers: [{ fromOccurrence: 2, amount: '1' }] },
    });
    expect(
      problemsOf(spec.given([]).when(approveV1({ components: tiered })).events),
    ).toContainEqual(expect.objectContaining({ path: 'components.0.rule.tiers' }));
  });
});
