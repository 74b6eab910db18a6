import type { EventOf } from '../../contracts/events/contract';
import type { quoteIssued } from '../../contracts/events/tariffs';

/** How long a quote (پیش‌فاکتور) holds: a payment citing it later is priced afresh. */
export const QUOTE_VALIDITY_MS = 15 * 60_000;

export type QuoteIssued = EventOf<typeof quoteIssued>;

export type QuoteEvent = QuoteIssued;

export type Quote = { status: 'none' } | { status: 'issued'; quote: QuoteIssued };

export const quoteStream = (quoteId: string) => `quote-${quoteId}`;

export function evolveQuote(_state: Quote, event: QuoteEvent): Quote {
  switch (event.type) {
    case 'QuoteIssued':
      return { status: 'issued', quote: event };
  }
}
