import fc from 'fast-check';
import { PaymentRecorded, PaymentReversed, paymentReversedV1 } from '../contracts/events/payments';
import { accountsPass, entryPasses } from './ledgerShape';

const recorded = PaymentRecorded.schema.pick({
  paymentId: true,
  officeId: true,
  serviceCode: true,
  agencyId: true,
  transactionTime: true,
  postings: true,
});
const reversedV2 = PaymentReversed.schema.pick({
  paymentId: true,
  officeId: true,
  serviceCode: true,
  agencyId: true,
  reversedAt: true,
  postings: true,
});
const reversedV1 = paymentReversedV1.pick({ paymentId: true, reversedAt: true, postings: true });
const accounts = PaymentRecorded.schema.pick({ officeId: true, serviceCode: true, agencyId: true });

/** Mostly what the contract holds, now and then something else in its place. */
const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: bad, weight: 1 });
const text = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('OF-1', 'S1', 'AG1'));
const notText = fc.oneof(fc.integer(), fc.constant(null), fc.boolean(), fc.constant([]));
const instant = mostly(
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    '2024-02-29T10:00:00Z',
    '2023-02-29T10:00:00Z',
    '2024-09-31T10:00:00Z',
    '2024-13-01T10:00:00Z',
    '2024-09-22T24:00:00Z',
    '2024-09-22T10:00:00+03:30',
    '2024-09-22T10:00:00',
    '2024-09-22 10:00:00Z',
    '',
    7,
  ),
);
const amount = mostly(
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
  fc.oneof(fc.constantFrom('-0', '007', '1.5', '1e3', ' 1', ''), fc.integer()),
);
const posting = mostly(
  fc.record(
    {
      kind: mostly(
        fc.constantFrom('agency', 'technical', 'office', 'vat', 'held-for-refund', 'unallocated'),
        fc.constantFrom('held', 'bonus', '', 3),
      ),
      code: mostly(text, notText),
      iban: mostly(text, notText),
      depositId: mostly(text, notText),
      agencyId: mostly(text, notText),
      amount,
    },
    { requiredKeys: ['kind', 'amount'] },
  ),
  fc.oneof(fc.integer(), fc.constant(null), fc.constant([])),
);
const payload = fc.record(
  {
    paymentId: mostly(text, notText),
    officeId: mostly(text, notText),
    serviceCode: mostly(text, notText),
    agencyId: mostly(text, notText),
    transactionTime: instant,
    reversedAt: instant,
    postings: mostly(fc.array(posting, { maxLength: 4 }), text),
  },
  {
    requiredKeys: [
      'paymentId',
      'officeId',
      'serviceCode',
      'transactionTime',
      'reversedAt',
      'postings',
    ],
  },
);
const clean = (v: Record<string, unknown>) =>
  JSON.parse(JSON.stringify(v)) as Record<string, unknown>;

describe('the precompiled ledger checks', () => {
  it('accept nothing the contract schemas refuse', () => {
    let accepted = 0;
    fc.assert(
      fc.property(payload, (raw) => {
        const d = clean(raw);
        if (entryPasses(d, 'transactionTime', true)) {
          accepted++;
          expect(recorded.safeParse(d).success).toBe(true);
        }
        if (entryPasses(d, 'reversedAt', true)) expect(reversedV2.safeParse(d).success).toBe(true);
        if (entryPasses(d, 'reversedAt', false)) expect(reversedV1.safeParse(d).success).toBe(true);
        if (accountsPass(d)) expect(accounts.safeParse(d).success).toBe(true);
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(500);
  });

  it('accept what the ledger writes, so the hot path rarely asks the schema', () => {
    const written = {
      paymentId: 'TA000001-14050908-000000000001',
      officeId: 'OF-A',
      serviceCode: 'vehicle-transfer',
      agencyId: 'traffic',
      transactionTime: '2026-11-29T07:59:00.000Z',
      postings: [
        {
          kind: 'agency',
          code: 'gov',
          amount: '1500000',
          iban: 'IR1',
          depositId: '3',
          agencyId: 'traffic',
        },
        { kind: 'held-for-refund', amount: '-100' },
      ],
    };
    expect(entryPasses(written, 'transactionTime', true)).toBe(true);
    expect(accountsPass(written)).toBe(true);
    const leapDay = { ...written, transactionTime: '2024-02-29T07:59:00.000Z' };
    expect(entryPasses(leapDay, 'transactionTime', true)).toBe(false);
    expect(recorded.safeParse(leapDay).success).toBe(true);
  });
});
