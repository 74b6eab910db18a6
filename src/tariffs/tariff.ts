import type { OfficeKind } from '../../contracts/vocabulary';

export { officeKinds, type OfficeKind } from '../../contracts/vocabulary';

/** Who receives a component's money in the split settlement (تسهیم). */
export type Beneficiary =
  | { kind: 'agency'; feeCode: string }
  | { kind: 'technical'; name: string; iban: string }
  | { kind: 'office' }
  | { kind: 'vat' };

/** How a component's amount is worked out; every rial amount is a whole-rial decimal string. */
export type ComponentRule =
  | { kind: 'fixed'; amount: string }
  | { kind: 'perUnit'; unit: string; amount: string }
  | { kind: 'percentage'; of: string; percent: string; min?: string; max?: string }
  | { kind: 'tiered'; tiers: Array<{ fromOccurrence: number; amount: string }> }
  | { kind: 'vat'; on: string[] };

/**
 * One line of a tariff (تعرفه): the agency's government fee (to its treasury with a
 * deposit id), a technical fee, the office's service fee (کارمزد دفتر), or VAT
 * (مالیات بر ارزش افزوده) on named components. A `ceiling` component is a maximum: less
 * may be charged, never more.
 */
export interface TariffComponent {
  code: string;
  nameFa: string;
  beneficiary: Beneficiary;
  rule: ComponentRule;
  ceiling?: boolean;
}

/** Replacement components for one province and/or office kind; the most specific variant wins. */
export interface TariffVariant {
  province?: string;
  officeKind?: OfficeKind;
  components: TariffComponent[];
}

/** A Commission resolution (مصوبه کمیسیون تنظیم مقررات): its number and date. */
export interface Resolution {
  number: string;
  date: string;
}

/**
 * The Commission approved a tariff version for a service. It governs from `effectiveFrom`
 * until a later version takes effect (supersession) or until `effectiveUntil`.
 */
export interface TariffApproved {
  type: 'TariffApproved';
  tariffId: string;
  serviceCode: string;
  agencyId: string;
  version: number;
  resolution: Resolution;
  effectiveFrom: string;
  effectiveUntil?: string;
  components: TariffComponent[];
  variants: TariffVariant[];
  approvedAt: string;
  approvedBy: string;
}

export type TariffEvent = TariffApproved;

/** All versions of one service's tariff, in approval order; history is never dropped. */
export type TariffHistory = { status: 'none' } | { status: 'approved'; versions: TariffApproved[] };

export const tariffStream = (serviceCode: string) => `tariff-${serviceCode}`;

export function evolveTariff(state: TariffHistory, event: TariffEvent): TariffHistory {
  switch (event.type) {
    case 'TariffApproved':
      return {
        status: 'approved',
        versions: [...(state.status === 'approved' ? state.versions : []), event],
      };
  }
}

/**
 * The version in force at an instant: the one with the latest `effectiveFrom` at or
 * before it, unless that one has expired (an expired version does not revive the one
 * it superseded).
 */
export function versionInForce(
  versions: readonly TariffApproved[],
  at: Date,
): TariffApproved | undefined {
  const iso = at.toISOString();
  const candidate = versions
    .filter((v) => v.effectiveFrom <= iso)
    .reduce<TariffApproved | undefined>(
      (best, v) => (!best || v.effectiveFrom > best.effectiveFrom ? v : best),
      undefined,
    );
  if (!candidate || (candidate.effectiveUntil !== undefined && candidate.effectiveUntil <= iso))
    return undefined;
  return candidate;
}
