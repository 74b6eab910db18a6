import { memoryEventStore, type RecordedEvent } from '../src/shared/eventStore';
import { seedLedger } from './fixtures';
import { ledgerEntry, ledgerFact } from './ledger';

describe('ledgerFact and ledgerEntry decode each event once for every projection', () => {
  let events: RecordedEvent[];
  beforeAll(async () => {
    const store = memoryEventStore();
    await seedLedger(store, 12);
    events = await store.readAll({});
    await store.close();
  });
  const first = (type: string) => events.find((e) => e.type === type)!;

  it('answers the same frozen fact for the same event, and a fresh decode for a copy of it', () => {
    const payment = first('PaymentRecorded');
    const fact = ledgerFact(payment)!;
    expect(fact).toMatchObject({ kind: 'payment', paymentId: expect.any(String) });
    expect(ledgerFact(payment)).toBe(fact);
    expect(Object.isFrozen(fact) && Object.isFrozen(fact.postings[0])).toBe(true);
    const copy = structuredClone(payment);
    expect(ledgerFact(copy)).not.toBe(fact);
    expect(ledgerFact(copy)).toEqual(fact);
    expect(ledgerEntry(payment)).toBe(ledgerEntry(payment));
  });

  it('keeps nothing of a decode that needed the payment: a first-version reversal decodes with its origin only', () => {
    const reversal = first('PaymentReversed');
    const origin = events.find(
      (e) =>
        e.type === 'PaymentRecorded' &&
        (e.data as { paymentId: string }).paymentId ===
          (reversal.data as { paymentId: string }).paymentId,
    )!;
    expect(ledgerEntry(reversal)).toBeUndefined();
    const withOrigin = ledgerEntry(reversal, origin.data);
    expect(withOrigin).toMatchObject({ kind: 'reversal', officeId: ledgerEntry(origin)!.officeId });
    expect(ledgerEntry(reversal)).toBeUndefined();
  });

  it('does not decode what does not pass, once or twice', () => {
    const broken = { ...first('PaymentRecorded'), data: { type: 'PaymentRecorded', amount: 'x' } };
    expect(ledgerFact(broken)).toBeUndefined();
    expect(ledgerFact(broken)).toBeUndefined();
  });
});
