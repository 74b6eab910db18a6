import { z } from 'zod';
import {
  StoredHalfYear,
  StoredInstant,
  StoredLegalId,
  StoredProvince,
  StoredSheba,
} from '../primitives';
import { customerDataLevels } from '../vocabulary';
import { eventContract } from './contract';

/** A fee an agency collects, and the deposit id (شناسه واریز) that marks it on its treasury account. */
export const AgencyFeeSchema = z.object({
  feeCode: z.string(),
  nameFa: z.string(),
  depositId: z.string(),
});

/**
 * A service-providing agency (دستگاه اجرایی خدمات‌دهنده) was registered: it owns services
 * and receives their government fees in its treasury account (حساب خزانه).
 */
export const agencyRegistered = eventContract(
  'AgencyRegistered',
  1,
  z.object({
    agencyId: z.string(),
    nameFa: z.string(),
    nameEn: z.string(),
    /** National legal id (شناسه ملی). */
    legalId: StoredLegalId,
    /** Treasury account as Sheba (شبا). */
    treasuryIban: StoredSheba,
    fees: z.array(AgencyFeeSchema),
    registeredAt: StoredInstant,
  }),
);

/** A service (خدمت) an agency delivers, e.g. vehicle transfer or passport renewal, was defined. */
export const serviceDefined = eventContract(
  'ServiceDefined',
  1,
  z.object({
    serviceCode: z.string(),
    agencyId: z.string(),
    nameFa: z.string(),
    nameEn: z.string(),
    /** Delivery conditions (شرایط ارائه). */
    conditions: z.string(),
    /** How much customer data (اطلاعات مشتری) the service needs from the agency. */
    customerData: z.enum(customerDataLevels),
    definedAt: StoredInstant,
  }),
);

/** The agency now delivers the service through the offices: its timetable obligation is met. */
export const serviceLaunchedAtOffices = eventContract(
  'ServiceLaunchedAtOffices',
  1,
  z.object({
    serviceCode: z.string(),
    agencyId: z.string(),
    launchedAt: StoredInstant,
    recordedAt: StoredInstant,
  }),
);

/**
 * Who a catalogue is for: the whole country (published by AREO, سازمان اداری و استخدامی
 * کشور) or one province (published by its Management and Planning Organization, سازمان
 * مدیریت و برنامه‌ریزی استان).
 */
export const CatalogueScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('national') }),
  z.object({ kind: z.literal('provincial'), province: StoredProvince }),
]);

/** One service in an outsourceable-services list, with its conditions and timetable. */
export const CatalogueEntrySchema = z.object({
  serviceCode: z.string(),
  agencyId: z.string(),
  conditions: z.string(),
  /** From when offices may offer it; at the earliest the period start. */
  availableFrom: StoredInstant,
  /** Deadline (مهلت) by which the agency must offer it through offices: at most 2 years after notification. */
  offerBy: StoredInstant,
});

/**
 * A six-monthly list of outsourceable services (فهرست خدمات قابل برون‌سپاری) was published for
 * one scope and Jalali half-year. A later list for the same scope and period is a new
 * version; nothing is edited.
 */
export const cataloguePublished = eventContract(
  'CataloguePublished',
  1,
  z.object({
    scope: CatalogueScopeSchema,
    /** Jalali half-year, e.g. `1397-H1`. */
    period: StoredHalfYear,
    version: z.number().int().min(1),
    /** Notification date (تاریخ ابلاغ): from this instant the version is in force. */
    publishedAt: StoredInstant,
    publishedBy: z.string(),
    entries: z.array(CatalogueEntrySchema),
  }),
);

export const catalogueContracts = [
  agencyRegistered,
  serviceDefined,
  serviceLaunchedAtOffices,
  cataloguePublished,
] as const;
