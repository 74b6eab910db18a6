import type { PricedFor } from './tariffBook';
import type { OfficeKind } from './tariff';

/** How long a quote (پیش‌فاکتور) holds: a payment citing it later is priced afresh. */
export const QUOTE_VALIDITY_MS = 15 * 60_000;

/** A priced breakdown given to an office before payment; a payment may cite its id. */
export interface QuoteIssued {
  type: 'QuoteIssued';
  quoteId: string;
  officeId?: string;
  province: string;
  officeKind: OfficeKind;
  quantity: number;
  occurrence: number;
  priced: PricedFor;
  issuedAt: string;
  expiresAt: string;
  issuedTo: string;
}

export type QuoteEvent = QuoteIssued;

export type Quote = { status: 'none' } | { status: 'issued'; quote: QuoteIssued };

export const quoteStream = (quoteId: string) => `quote-${quoteId}`;

export function evolveQuote(_state: Quote, event: QuoteEvent): Quote {
  switch (event.type) {
    case 'QuoteIssued':
      return { status: 'issued', quote: event };
  }
}
