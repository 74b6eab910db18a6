import { z } from 'zod';
import { isRialString, StoredInstant, StoredProvince, StoredRial } from '../primitives';
import { officeKinds } from '../vocabulary';
import { eventContract } from './contract';

/**
 * Whole rials as the Commission's resolution was entered: Persian digits or a zero fraction
 * (`"۱۵۰۰۰۰۰"`, `"1500000.00"`) are kept as written; readers parse them with the money module.
 */
const RialAsEntered = z
  .string()
  .refine(isRialString, 'whole rials as a decimal string, e.g. "1500000"');

/** Who receives a component's money in the split settlement (تسهیم). */
export const BeneficiarySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agency'), feeCode: z.string() }),
  /** A technical operator, paid to its Sheba as the resolution names it. */
  z.object({ kind: z.literal('technical'), name: z.string(), iban: z.string() }),
  z.object({ kind: z.literal('office') }),
  z.object({ kind: z.literal('vat') }),
]);

/** How a component's amount is worked out. */
export const ComponentRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), amount: RialAsEntered }),
  z.object({ kind: z.literal('perUnit'), unit: z.string(), amount: RialAsEntered }),
  z.object({
    kind: z.literal('percentage'),
    /** The earlier component the percentage is of. */
    of: z.string(),
    /** A percentage from 0 to 100, at most 4 decimals: `"12.5"`. */
    percent: z.string(),
    min: RialAsEntered.optional(),
    max: RialAsEntered.optional(),
  }),
  z.object({
    kind: z.literal('tiered'),
    tiers: z.array(z.object({ fromOccurrence: z.number().int().min(1), amount: RialAsEntered })),
  }),
  /** VAT (مالیات بر ارزش افزوده) on the named earlier components, at the rate in force. */
  z.object({ kind: z.literal('vat'), on: z.array(z.string()) }),
]);

/**
 * One line of a tariff (تعرفه): the agency's government fee (to its treasury with a deposit
 * id), a technical fee, the office's service fee (کارمزد دفتر), or VAT (مالیات بر ارزش افزوده)
 * on named components. A `ceiling` component is a maximum: less may be charged, never more.
 */
export const TariffComponentSchema = z.object({
  code: z.string(),
  nameFa: z.string(),
  beneficiary: BeneficiarySchema,
  rule: ComponentRuleSchema,
  ceiling: z.boolean().optional(),
});

/** Replacement components for one province and/or office kind; the most specific variant wins. */
export const TariffVariantSchema = z.object({
  province: StoredProvince.optional(),
  officeKind: z.enum(officeKinds).optional(),
  components: z.array(TariffComponentSchema),
});

/** A Commission resolution (مصوبه کمیسیون تنظیم مقررات): its number and date. */
export const ResolutionSchema = z.object({ number: z.string(), date: StoredInstant });

const tariffApprovedV1 = z.object({
  tariffId: z.string(),
  serviceCode: z.string(),
  agencyId: z.string(),
  version: z.number().int().min(1),
  resolution: ResolutionSchema,
  effectiveFrom: StoredInstant,
  effectiveUntil: StoredInstant.optional(),
  components: z.array(TariffComponentSchema),
  variants: z.array(TariffVariantSchema),
  approvedAt: StoredInstant,
  approvedBy: z.string(),
});

/**
 * The Commission approved a tariff version for a service. It governs from `effectiveFrom`
 * until a later version takes effect (supersession) or until `effectiveUntil`. Version 2 names
 * the regulator's proposal (پیشنهاد تعرفه) it approved, when it approved one; version 1 never
 * did, so it rises unchanged.
 */
export const tariffApproved = eventContract(
  'TariffApproved',
  2,
  tariffApprovedV1.extend({ proposalId: z.string().optional() }),
  {
    1: {
      schema: tariffApprovedV1.extend({ type: z.literal('TariffApproved') }),
      up: (v1: z.infer<typeof tariffApprovedV1>) => v1,
    },
  },
);

/**
 * The regulator (CRA) proposed a tariff change (پیشنهاد تغییر تعرفه) to the Commission: the
 * schedule it would set from `effectiveFrom`, and why. It prices nothing until the Commission
 * approves it by resolution; `basedOn` is the version in force when it was drafted.
 */
export const tariffProposed = eventContract(
  'TariffProposed',
  1,
  z.object({
    proposalId: z.string(),
    serviceCode: z.string(),
    agencyId: z.string(),
    basedOn: z.object({ tariffId: z.string(), version: z.number().int().min(1) }).optional(),
    effectiveFrom: StoredInstant,
    effectiveUntil: StoredInstant.optional(),
    components: z.array(TariffComponentSchema),
    variants: z.array(TariffVariantSchema),
    /** The regulator's reasons (توجیه), as written. */
    justification: z.string(),
    proposedAt: StoredInstant,
    proposedBy: z.string(),
  }),
);

/** The Commission approved a proposal by resolution (مصوبه); `tariffId` is the version it recorded. */
export const tariffProposalApproved = eventContract(
  'TariffProposalApproved',
  1,
  z.object({
    proposalId: z.string(),
    serviceCode: z.string(),
    tariffId: z.string(),
    version: z.number().int().min(1),
    resolution: ResolutionSchema,
    approvedAt: StoredInstant,
    approvedBy: z.string(),
  }),
);

/** The Commission rejected a proposal (رد پیشنهاد), with its reason. */
export const tariffProposalRejected = eventContract(
  'TariffProposalRejected',
  1,
  z.object({
    proposalId: z.string(),
    serviceCode: z.string(),
    reason: z.string(),
    rejectedAt: StoredInstant,
    rejectedBy: z.string(),
  }),
);

/** The regulator withdrew its pending proposal (انصراف از پیشنهاد) before the Commission decided. */
export const tariffProposalWithdrawn = eventContract(
  'TariffProposalWithdrawn',
  1,
  z.object({
    proposalId: z.string(),
    serviceCode: z.string(),
    reason: z.string().optional(),
    withdrawnAt: StoredInstant,
    withdrawnBy: z.string(),
  }),
);

export const tariffProposalContracts = [
  tariffProposed,
  tariffProposalApproved,
  tariffProposalRejected,
  tariffProposalWithdrawn,
] as const;

/** One priced line of a split: a component's share in whole rials and where it is paid. */
export const PricedLineSchema = z.object({
  code: z.string(),
  nameFa: z.string(),
  beneficiary: BeneficiarySchema,
  /** This component's share in whole rials. */
  amount: StoredRial,
  /** The exact amount before rounding (may have a fraction of a rial). */
  exact: z.string(),
  ceiling: z.boolean(),
  /** Sheba (شبا) the share is paid to, when known. */
  iban: z.string().optional(),
  /** Treasury deposit id (شناسه واریز) of an agency fee. */
  depositId: z.string().optional(),
});

/** A tariff version priced for one place and quantity: the total and its exact split. */
export const PricedSchema = z.object({
  serviceCode: z.string(),
  tariffId: z.string(),
  tariffVersion: z.number().int().min(1),
  resolution: ResolutionSchema,
  total: StoredRial,
  lines: z.array(PricedLineSchema),
  /** VAT rate applied, as a percentage string. */
  vatPercent: z.string(),
  /** The variant that replaced components, if one did. */
  variant: z
    .object({ province: StoredProvince.optional(), officeKind: z.enum(officeKinds).optional() })
    .nullable(),
});

/** A priced breakdown (پیش‌فاکتور) was given to an office before payment; a payment may cite its id. */
export const quoteIssued = eventContract(
  'QuoteIssued',
  1,
  z.object({
    quoteId: z.string(),
    officeId: z.string().optional(),
    province: StoredProvince,
    officeKind: z.enum(officeKinds),
    quantity: z.number().int().min(1),
    occurrence: z.number().int().min(1),
    priced: PricedSchema,
    issuedAt: StoredInstant,
    /** After this instant a payment citing the quote is priced afresh. */
    expiresAt: StoredInstant,
    issuedTo: z.string(),
  }),
);

export const tariffContracts = [tariffApproved, quoteIssued, ...tariffProposalContracts] as const;
