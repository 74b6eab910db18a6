import { deciderSpec } from '../../test/support/deciderSpec';
import { IllegalStateError } from '../shared/errors';
import { quoteDecider, type IssueQuote } from './quote.decide';
import type { PricedFor } from './tariffBook';

const priced = {
  serviceCode: 's',
  tariffId: 's/v1',
  tariffVersion: 1,
  resolution: { number: '1', date: '' },
  total: '10',
  lines: [],
  vatPercent: '10',
  variant: null,
} satisfies PricedFor;
const issue: IssueQuote = {
  type: 'IssueQuote',
  quoteId: 'q1',
  officeId: 'OF-1',
  province: 'IR-23',
  officeKind: 'urban',
  quantity: 1,
  occurrence: 1,
  priced,
  issuedTo: 'office-1',
  at: new Date('2024-05-01T10:00:00Z'),
};

describe('quotes', () => {
  it('a quote holds the priced breakdown and expires after 15 minutes', () => {
    const [event] = deciderSpec(quoteDecider).given([]).when(issue).events();
    expect(event).toMatchObject({
      type: 'QuoteIssued',
      quoteId: 'q1',
      priced,
      expiresAt: '2024-05-01T10:15:00.000Z',
    });
  });
  it('a quote id is used once', () => {
    const spec = deciderSpec(quoteDecider);
    spec.given(spec.given([]).when(issue).events()).when(issue).thenThrows(IllegalStateError);
  });
});
