import { z } from 'zod';
import { StoredInstant, StoredProvince, StoredRial } from '../primitives';
import { officeKinds } from '../vocabulary';
import { eventContract, type EventOf } from './contract';
import { Violation } from './payments';

/** A tariff version as it judges a payment: its id, number and resolution (مصوبه). */
const JudgingTariff = z.object({
  tariffId: z.string(),
  version: z.number().int(),
  resolution: z.string(),
});

/** The violations a tariff decides: an amount above it, below it, or no tariff in force at all. */
export const tariffViolationKinds = ['overcharge', 'undercharge', 'no-tariff'] as const;

/**
 * A recorded payment was judged again (ارزیابی مجدد) against a tariff version the Commission
 * approved afterwards with an effective date before the payment's transaction time. The
 * payment and its split are unchanged (the money moved as recorded): this is a new compliance
 * assessment. `violations` are the tariff's verdict under the judging version (overcharge,
 * undercharge, or none), replacing `previous.violations`, the tariff verdict recorded before;
 * the payment's other violations (license, assignment, catalogue, quote, late) stand.
 * Appended in `reassessment-<serviceCode>-v<version>` with an event id derived from the
 * tariff and the payment, so the same reassessment twice is one.
 */
export const PaymentReassessed = eventContract(
  'PaymentReassessed',
  1,
  z.object({
    paymentId: z.string(),
    officeId: z.string(),
    province: StoredProvince,
    officeKind: z.enum(officeKinds),
    serviceCode: z.string(),
    agencyId: z.string().optional(),
    transactionTime: StoredInstant,
    amount: StoredRial,
    /** The tariff version that judged it now, and the total it asks. */
    tariff: JudgingTariff,
    expected: StoredRial,
    violations: z.array(Violation),
    /** The tariff verdict the payment was recorded with. */
    previous: z.object({
      tariff: JudgingTariff.optional(),
      expected: StoredRial.optional(),
      violations: z.array(Violation),
    }),
    reassessedAt: StoredInstant,
  }),
);
export type PaymentReassessed = EventOf<typeof PaymentReassessed>;

/**
 * Every payment a backdated tariff version covers was reassessed: the last event of its
 * `reassessment-<serviceCode>-v<version>` stream, so the process does it once.
 */
export const TariffReassessmentCompleted = eventContract(
  'TariffReassessmentCompleted',
  1,
  z.object({
    tariffId: z.string(),
    serviceCode: z.string(),
    version: z.number().int(),
    effectiveFrom: StoredInstant,
    approvedAt: StoredInstant,
    /** The log position of the approval: payments recorded before it were reassessed. */
    approvalPosition: z.number().int().nonnegative(),
    payments: z.number().int().nonnegative(),
    completedAt: StoredInstant,
  }),
);
export type TariffReassessmentCompleted = EventOf<typeof TariffReassessmentCompleted>;

export const reassessmentEvents = [PaymentReassessed, TariffReassessmentCompleted] as const;

/** `reassessment-<serviceCode>-v<version>`. */
export const reassessmentStream = (serviceCode: string, version: number) =>
  `reassessment-${serviceCode}-v${version}`;
