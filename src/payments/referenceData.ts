import type { PriceInput, PricedFor, QuoteIssued, OfficeKind } from '../tariffs';
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
  office(officeId: string): OfficeRef | undefined;
  licenseActiveAt(officeId: string, at: Date): boolean;
  assignedAt(officeId: string, serviceCode: string, at: Date): boolean;
  outsourceableAt(serviceCode: string, province: string, at: Date): boolean;
  /** The tariff's price at `input.at`; undefined when no tariff is in force. */
  price(serviceCode: string, input: PriceInput): PricedFor | undefined;
  agencyOf(serviceCode: string): string | undefined;
  quote(quoteId: string): QuoteIssued | undefined;
  positions(): ReferencePositions;
}
