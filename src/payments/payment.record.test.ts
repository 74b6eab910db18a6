import { deciderSpec } from '../../test/support/deciderSpec';
import { approveV1, j } from '../../test/support/tariffFixtures';
import {
  officeA,
  referenceAtOfficeA,
  vehicleTransferInForce,
} from '../../test/support/paymentFixtures';
import { IdempotencyMismatchError } from '../shared/errors';
import {
  priceTariff,
  tariffDecider,
  type QuoteIssued,
  type TariffApproved,
  type TariffInForce,
} from '../tariffs';
import type { PaymentFacts } from './assess';
import type { PaymentRecorded, ViolationType } from './payment';
import { paymentDecider, type RecordPayment } from './payment.decide';
import type { PaymentReference } from './referenceData';
import { violationKinds } from '../../contracts/vocabulary';

const spec = deciderSpec(paymentDecider);

const at = new Date(j('1402/12/01').getTime() + 10 * 3_600_000);
const [approved] = deciderSpec(tariffDecider)
  .given([])
  .when(approveV1())
  .events() as TariffApproved[];
const inForce: TariffInForce = vehicleTransferInForce(approved!);
const office = officeA;
const place = { province: office.province, officeKind: office.kind, quantity: 2, occurrence: 1 };
const priced = priceTariff(inForce, { ...place, at });
const total = BigInt(priced.total);

const reference: PaymentReference = referenceAtOfficeA({ inForce, priced });

const facts: PaymentFacts = {
  terminalId: 'TA000001',
  rrn: '000000000001',
  stan: '004211',
  transactionTime: at,
  serviceCode: 'vehicle-transfer',
  quantity: 2,
  occurrence: 1,
  amount: total,
  maskedCard: '603799******1234',
};

const command = (
  change: { facts?: Partial<PaymentFacts>; reference?: Partial<PaymentReference> } = {},
  receivedAt = new Date(at.getTime() + 1000),
): RecordPayment => ({
  type: 'RecordPayment',
  paymentId: 'TA000001-14021201-000000000001',
  trackingCode: '1234567890123456',
  facts: { ...facts, ...change.facts },
  reference: { ...reference, ...change.reference },
  fingerprint: `${String(change.facts?.amount ?? total)}|${change.facts?.quantity ?? 2}`,
  idempotencyKey: 'k-1',
  receivedAt,
  maxAgeDays: 3,
});

const quote = (expiresAt: Date): QuoteIssued => ({
  type: 'QuoteIssued',
  quoteId: '5b0e9a8e-3c1f-4a53-9a55-0d6c1f1f0a11',
  officeId: office.officeId,
  province: office.province,
  officeKind: office.kind,
  quantity: 2,
  occurrence: 1,
  priced,
  issuedAt: new Date(at.getTime() - 3_600_000).toISOString(),
  expiresAt: expiresAt.toISOString(),
  issuedTo: 'cred-office',
});

function recordedBy(c: RecordPayment): PaymentRecorded {
  const [event, ...more] = spec.given([]).when(c).events() as PaymentRecorded[];
  expect(more).toEqual([]);
  const sum = event!.postings.reduce((s, p) => s + BigInt(p.amount), 0n);
  expect(sum.toString()).toBe(event!.amount);
  return event!;
}

const violationsOf = (c: RecordPayment): ViolationType[] =>
  recordedBy(c).violations.map((v) => v.type);

describe('RecordPayment', () => {
  it('when every reference fact holds and the amount is the tariff, records it unflagged, split by the tariff', () => {
    const e = recordedBy(command());
    expect(e).toMatchObject({
      status: 'recorded',
      violations: [],
      expected: priced.total,
      officeId: 'OF-A',
      province: 'IR-23',
      agencyId: 'traffic',
      tariff: { tariffId: priced.tariffId, version: priced.tariffVersion },
      pricedAgainst: reference.positions,
    });
    expect(e.postings.map((p) => p.kind)).toEqual(['agency', 'technical', 'office', 'vat']);
  });

  it('when the amount is above the tariff, flags an overcharge and holds the excess for refund', () => {
    const e = recordedBy(command({ facts: { amount: total + 100n } }));
    expect(e.status).toBe('flagged');
    expect(e.violations).toEqual([{ type: 'overcharge', expected: priced.total, excess: '100' }]);
    expect(e.postings.at(-1)).toEqual({ kind: 'held-for-refund', amount: '100' });
  });

  it('when the amount is below anything the tariff allows, flags an undercharge and scales the split', () => {
    expect(recordedBy(command({ facts: { amount: 1000n } })).violations).toEqual([
      { type: 'undercharge', expected: priced.total, shortfall: (total - 1000n).toString() },
    ]);
  });

  it('when no tariff is in force, flags no-tariff and leaves the money unallocated', () => {
    const e = recordedBy(command({ reference: { tariff: undefined } }));
    expect(e.violations).toEqual([{ type: 'no-tariff' }]);
    expect(e.postings).toEqual([{ kind: 'unallocated', amount: total.toString() }]);
  });

  it('when the service is not assigned to the office, flags service-not-assigned', () => {
    expect(violationsOf(command({ reference: { assigned: false } }))).toEqual([
      'service-not-assigned',
    ]);
  });

  it('when the license was not active at the transaction time, flags license-inactive', () => {
    expect(violationsOf(command({ reference: { licenseActive: false } }))).toEqual([
      'license-inactive',
    ]);
  });

  it('when the service is not on the catalogue of the province, flags not-in-catalogue', () => {
    expect(violationsOf(command({ reference: { inCatalogue: false } }))).toEqual([
      'not-in-catalogue',
    ]);
  });

  it('when the cited quote had expired, flags quote-expired and prices by the tariff', () => {
    const q = quote(new Date(at.getTime() - 60_000));
    const e = recordedBy(command({ facts: { quoteId: q.quoteId }, reference: { quote: q } }));
    expect(e.violations).toEqual([
      { type: 'quote-expired', quoteId: q.quoteId, expiredAt: q.expiresAt },
    ]);
  });

  it('when the cited quote is unknown or for another payment, flags quote-mismatch', () => {
    const q = quote(new Date(at.getTime() + 60_000));
    expect(recordedBy(command({ facts: { quoteId: q.quoteId } })).violations).toEqual([
      { type: 'quote-mismatch', quoteId: q.quoteId, reason: 'no such quote' },
    ]);
    expect(
      recordedBy(command({ facts: { quoteId: q.quoteId, quantity: 3 }, reference: { quote: q } }))
        .violations,
    ).toContainEqual({ type: 'quote-mismatch', quoteId: q.quoteId, reason: 'differs in quantity' });
  });

  it('when it arrives more than the allowed days after the card was charged, flags it late', () => {
    const late = new Date(at.getTime() + 4 * 86_400_000 + 1);
    expect(recordedBy(command({}, late)).violations).toEqual([
      { type: 'late', daysLate: 2, maxAgeDays: 3 },
    ]);
  });

  it('covers every violation kind of the vocabulary', () => {
    const seen = new Set<string>([
      ...violationsOf(command({ facts: { amount: total + 1n } })),
      ...violationsOf(command({ facts: { amount: 1000n } })),
      ...violationsOf(
        command({
          reference: {
            tariff: undefined,
            assigned: false,
            licenseActive: false,
            inCatalogue: false,
          },
        }),
      ),
      ...violationsOf(
        command({ facts: { quoteId: 'q' } }, new Date(at.getTime() + 5 * 86_400_000)),
      ),
      ...violationsOf(
        command({
          facts: { quoteId: quote(at).quoteId },
          reference: { quote: quote(new Date(at.getTime() - 1)) },
        }),
      ),
    ]);
    expect([...seen].sort()).toEqual([...violationKinds].sort());
  });

  describe('the same payment again (same terminal, RRN and day)', () => {
    const first = recordedBy(command());
    it('with the same body and idempotency key, records nothing new: the first answer stands', () => {
      spec.given([first]).when(command()).then([]);
    });
    it('with another body under the same key, refuses', () => {
      spec
        .given([first])
        .when(command({ facts: { amount: total + 1n } }))
        .thenThrows(IdempotencyMismatchError, /already recorded with other details/);
    });
  });
});
