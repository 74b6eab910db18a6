import { quoteIssued } from '../../contracts/events/tariffs';
import { versionsOf } from '../../contracts/events/contract';
import type { Decider } from '../shared/eventStore';
import { IllegalStateError } from '../shared/errors';
import { evolveQuote, QUOTE_VALIDITY_MS, type Quote, type QuoteEvent } from './quote';
import type { OfficeKind } from './tariff';
import type { PricedFor } from './tariffBook';

export interface IssueQuote {
  type: 'IssueQuote';
  quoteId: string;
  /** The office the quote prices for; its province and kind come from the registry. */
  officeId: string;
  province: string;
  officeKind: OfficeKind;
  quantity: number;
  occurrence: number;
  /** Priced by the caller from the tariff book at `at`. */
  priced: PricedFor;
  issuedTo: string;
  at: Date;
}

export type QuoteCommand = IssueQuote;

function issue(command: IssueQuote, state: Quote): QuoteEvent[] {
  if (state.status !== 'none')
    throw new IllegalStateError(`Quote ${command.quoteId} already exists`);
  const { type: _t, at, ...fields } = command;
  return [
    {
      type: 'QuoteIssued',
      ...fields,
      issuedAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + QUOTE_VALIDITY_MS).toISOString(),
    },
  ];
}

export function decideQuote(command: QuoteCommand, state: Quote): QuoteEvent[] {
  switch (command.type) {
    case 'IssueQuote':
      return issue(command, state);
    default: {
      const unknown: never = command.type;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const quoteDecider: Decider<QuoteCommand, QuoteEvent, Quote> = {
  initialState: () => ({ status: 'none' }),
  evolve: evolveQuote,
  decide: decideQuote,
  eventVersions: versionsOf([quoteIssued]),
};
