import type Decimal from 'decimal.js';
import { ValidationError } from '../shared/errors';
import { Exact, formatRial } from '../shared/money';
import type {
  Beneficiary,
  OfficeKind,
  TariffApproved,
  TariffComponent,
  TariffVariant,
} from './tariff';
import { vatRateAt } from './vat';

export interface PriceInput {
  province: string;
  officeKind: OfficeKind;
  /** Units (pages, items) for per-unit components; a whole number from 1. */
  quantity: number;
  /** Which issue of the service this is for the citizen: 1 first, 2 second reissue… */
  occurrence: number;
  at: Date;
  /** What the office actually charges for a ceiling component, if less than the ceiling. */
  charged?: Readonly<Record<string, Decimal>>;
}

export interface PricedLine {
  code: string;
  nameFa: string;
  beneficiary: Beneficiary;
  /** This component's share in whole rials. */
  amount: string;
  /** The exact amount before rounding (may have a fraction of a rial). */
  exact: string;
  ceiling: boolean;
}

export interface Priced {
  total: string;
  lines: PricedLine[];
  /** VAT rate applied, as a percentage string. */
  vatPercent: string;
  variant: Pick<TariffVariant, 'province' | 'officeKind'> | null;
}

/** The variant for a place: province and kind beats province alone, which beats kind alone. */
export function selectVariant(
  variants: readonly TariffVariant[],
  province: string,
  kind: OfficeKind,
) {
  let best: TariffVariant | undefined;
  let bestScore = 0;
  for (const v of variants) {
    if (
      (v.province !== undefined && v.province !== province) ||
      (v.officeKind !== undefined && v.officeKind !== kind)
    ) {
      continue;
    }
    const score = (v.province !== undefined ? 2 : 0) + (v.officeKind !== undefined ? 1 : 0);
    if (score > bestScore) [best, bestScore] = [v, score];
  }
  return best;
}

export function componentsFor(
  base: readonly TariffComponent[],
  variant: TariffVariant | undefined,
): TariffComponent[] {
  if (!variant) return [...base];
  return base.map((c) => variant.components.find((r) => r.code === c.code) ?? c);
}

function exactAmounts(
  components: readonly TariffComponent[],
  input: PriceInput,
  vatRate: Decimal,
): Decimal[] {
  const byCode = new Map<string, Decimal>();
  return components.map((c) => {
    const rule = c.rule;
    let value: Decimal;
    switch (rule.kind) {
      case 'fixed':
        value = new Exact(rule.amount);
        break;
      case 'perUnit':
        value = new Exact(rule.amount).times(input.quantity);
        break;
      case 'percentage': {
        value = (byCode.get(rule.of) ?? new Exact(0)).times(rule.percent).div(100);
        if (rule.min !== undefined) value = Exact.max(value, rule.min);
        if (rule.max !== undefined) value = Exact.min(value, rule.max);
        break;
      }
      case 'tiered': {
        const tier =
          [...rule.tiers].reverse().find((t) => t.fromOccurrence <= input.occurrence) ??
          rule.tiers[0]!;
        value = new Exact(tier.amount);
        break;
      }
      case 'vat':
        value = rule.on
          .reduce((sum, code) => sum.plus(byCode.get(code) ?? 0), new Exact(0))
          .times(vatRate);
        break;
      default: {
        const unknown: never = rule;
        throw new Error(`unknown rule ${JSON.stringify(unknown)}`);
      }
    }
    const charged = input.charged?.[c.code];
    if (charged !== undefined) value = charged;
    byCode.set(c.code, value);
    return value;
  });
}

/**
 * The one rounding rule (largest remainder): the total is the exact sum of all
 * components rounded half-up to a whole rial; each share is its exact amount rounded
 * down, and the rials still missing to reach the total go one each to the shares
 * that lost the largest fractions (ties: the earlier component in the tariff). So the
 * shares always add up to the total, none is negative, and each is within one rial of
 * its exact amount.
 */
export function apportion(exact: readonly Decimal[]): { total: Decimal; shares: Decimal[] } {
  const total = exact
    .reduce((s, x) => s.plus(x), new Exact(0))
    .toDecimalPlaces(0, Exact.ROUND_HALF_UP);
  const shares = exact.map((x) => x.floor());
  let missing = total.minus(shares.reduce((s, x) => s.plus(x), new Exact(0))).toNumber();
  const order = exact
    .map((x, i) => ({ i, fraction: x.minus(x.floor()) }))
    .sort((a, b) => b.fraction.comparedTo(a.fraction) || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    shares[i] = shares[i]!.plus(1);
    missing -= 1;
  }
  return { total, shares };
}

/** Prices one tariff version for a place, quantity and occurrence at an instant. */
export function priceVersion(version: TariffApproved, input: PriceInput): Priced {
  if (!Number.isInteger(input.quantity) || input.quantity < 1) {
    throw new ValidationError('Invalid quantity', [
      { path: 'quantity', message: 'a whole number from 1' },
    ]);
  }
  if (!Number.isInteger(input.occurrence) || input.occurrence < 1) {
    throw new ValidationError('Invalid occurrence', [
      { path: 'occurrence', message: 'a whole number from 1' },
    ]);
  }
  const variant = selectVariant(version.variants, input.province, input.officeKind);
  const components = componentsFor(version.components, variant);
  const vatRate = vatRateAt(input.at);
  for (const [code, amount] of Object.entries(input.charged ?? {})) {
    const component = components.find((c) => c.code === code);
    if (!component?.ceiling) {
      throw new ValidationError('Only a ceiling component may be charged less', [
        { path: `charged.${code}`, message: 'not a ceiling component of this tariff' },
      ]);
    }
    const ceiling = exactAmounts(components, { ...input, charged: {} }, vatRate)[
      components.indexOf(component)
    ]!;
    if (amount.greaterThan(ceiling) || amount.isNegative()) {
      throw new ValidationError('Charged above the ceiling', [
        { path: `charged.${code}`, message: `at most ${ceiling.toFixed()} rials` },
      ]);
    }
  }
  const exact = exactAmounts(components, input, vatRate);
  const { total, shares } = apportion(exact);
  return {
    total: formatRial(total),
    lines: components.map((c, i) => ({
      code: c.code,
      nameFa: c.nameFa,
      beneficiary: c.beneficiary,
      amount: formatRial(shares[i]!),
      exact: exact[i]!.toFixed(),
      ceiling: c.ceiling === true,
    })),
    vatPercent: vatRate.times(100).toFixed(),
    variant: variant ? { province: variant.province, officeKind: variant.officeKind } : null,
  };
}
