import { decodeEvent, EventDecodeError, paymentContracts } from '../../contracts/events';
import { versionKey } from '../../contracts/events/contract';
import { v1Fixture } from '../fixtures/v1-log/log';

const { events } = v1Fixture();
const accounts = { officeId: 'OF-A', province: 'IR-23', serviceCode: 'vehicle-transfer' };

/** Payloads of contracts newer than the v1 log. */
const newer: Record<string, { data: unknown }> = {
  PaymentConsumed: {
    data: {
      type: 'PaymentConsumed',
      paymentId: 'TA000001-14050908-000000000001',
      deliveryReference: 'TR-1405-0001',
      amount: '1720733',
      consumedAt: '2026-11-29T08:00:00.000Z',
      consumedBy: 'agency-credential',
      ...accounts,
      agencyId: 'traffic',
    },
  },
};

/** One payload of every payment contract at today's version: the v1 log's, corrections raised. */
const samples = paymentContracts.map((contract) => {
  const stored = events.find((e) => e.type === contract.type) ?? newer[contract.type]!;
  const data =
    contract.version === 1
      ? stored.data
      : { ...(stored.data as object), ...accounts, agencyId: 'traffic' };
  return { contract, data, metadata: { [versionKey]: contract.version } };
});

describe('payment event contracts', () => {
  it.each(samples.map((s) => [s.contract.type, s] as const))(
    '%s round-trips through its schema unchanged',
    (type, { data, metadata }) => {
      expect(decodeEvent({ type, data, metadata })).toEqual({
        type,
        version: metadata[versionKey],
        data,
      });
      expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    },
  );

  it.each(samples.map((s) => [s.contract.type, s] as const))(
    '%s refuses a malformed payload',
    (type, { data, metadata }) => {
      const spoiled = [
        { ...(data as object), paymentId: 7 },
        'amount' in (data as object)
          ? { ...(data as object), amount: 1.5 }
          : { ...(data as object), claimedAt: 'yesterday' },
        Object.fromEntries(Object.entries(data as object).filter(([k]) => k !== 'paymentId')),
      ];
      for (const bad of spoiled)
        expect(() => decodeEvent({ type, data: bad, metadata })).toThrow(EventDecodeError);
    },
  );

  it('a posting of a kind outside the vocabulary, or of a fractional amount, is refused', () => {
    const recorded = samples.find((s) => s.contract.type === 'PaymentRecorded')!;
    const data = recorded.data as { postings: object[] };
    for (const posting of [
      { kind: 'bonus', amount: '1' },
      { kind: 'vat', amount: '1.5' },
    ])
      expect(() =>
        decodeEvent({
          type: 'PaymentRecorded',
          data: { ...data, postings: [posting] },
          metadata: recorded.metadata,
        }),
      ).toThrow(EventDecodeError);
  });
});
