import type { PriceInput, PricedFor, QuoteIssued, OfficeKind, TariffInForce } from '../tariffs';
import type { ReferencePositions } from './payment';

/** What pricing needs of the office a terminal belongs to. */
export interface OfficeRef {
  officeId: string;
  province: string;
  kind: OfficeKind;
  /** Sheba (شبا) receiving the office's fee share. */
  iban: string;
  nameFa: string;
}

/**
 * The reference data a payment is checked against, as it stood at the transaction time.
 * Every answer comes from memory kept current by subscription: nothing here reads the log.
 */
export interface ReferenceData {
  /** The office an active terminal (پایانه) posts for at `at`; undefined when unknown or deactivated. */
  officeOfTerminal(terminalId: string, at: Date): string | undefined;
  /** The registered PSP (پرداخت‌یار) that runs the terminal and may post for it, if any. */
  pspOfTerminal(terminalId: string): string | undefined;
  office(officeId: string): OfficeRef | undefined;
  licenseActiveAt(officeId: string, at: Date): boolean;
  assignedAt(officeId: string, serviceCode: string, at: Date): boolean;
  outsourceableAt(serviceCode: string, province: string, at: Date): boolean;
  /** The tariff version in force at `at` with its agency's accounts; undefined when none is. */
  tariffInForce(serviceCode: string, at: Date): TariffInForce | undefined;
  /** The split of the tariff in force for `input`; undefined when it has no price that fits. */
  price(tariff: TariffInForce, input: PriceInput): PricedFor | undefined;
  agencyOf(serviceCode: string): string | undefined;
  /** Where each reference model stands; the cited quote's own position is added per payment. */
  positions(): Omit<ReferencePositions, 'quotes'>;
}

/**
 * The reference facts (اطلاعات مرجع) one payment is decided on, resolved from `ReferenceData`
 * at its transaction time before the decision, with the log positions they were read at.
 * Plain data: the decision reads nothing else, so the same facts give the same event.
 */
export interface PaymentReference {
  office: OfficeRef;
  /** Whether the office's license (پروانه) was active at the transaction time. */
  licenseActive: boolean;
  /** Whether the service was on the outsourcing catalogue (فهرست واگذاری) of the office's province. */
  inCatalogue: boolean;
  /** Whether the service was assigned (تخصیص خدمت) to the office. */
  assigned: boolean;
  /** The agency (دستگاه) that owns the service, when the catalogue knows it. */
  agencyId?: string;
  /** The tariff in force and its price for the payment's place, quantity and occurrence; absent when none is. */
  tariff?: { inForce: TariffInForce; priced: PricedFor };
  /** The quote (پیش‌فاکتور) the payment cites, when it cites one the ledger knows. */
  quote?: QuoteIssued;
  positions: ReferencePositions;
}
