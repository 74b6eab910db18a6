import fc from 'fast-check';
import { pickFields, type FieldPick } from './jsonFields';
import { ledgerEntry, ledgerEntryFields } from './ledger';

const pick: FieldPick = {
  keys: ['id', 'at', 'list', 'n'],
  arrays: { list: { keys: ['kind', 'amount'] } },
};

function expected(value: unknown, p: FieldPick): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of p.keys) {
    if (!Object.hasOwn(value, key)) continue;
    const v = (value as Record<string, unknown>)[key];
    const inner = p.arrays?.[key];
    out[key] = inner && Array.isArray(v) ? v.map((x) => expected(x, inner)) : v;
  }
  return out;
}

const anyKey = fc.oneof(
  fc.constantFrom('id', 'at', 'list', 'n', 'kind', 'amount', 'other', '__proto__', 'i d', ''),
  fc.string(),
);
const member = (value: fc.Arbitrary<unknown>) => fc.dictionary(anyKey, value, { maxKeys: 6 });
const item = fc.oneof(member(fc.jsonValue({ maxDepth: 2 })), fc.jsonValue({ maxDepth: 1 }));
const document = member(
  fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.array(item, { maxLength: 4 })),
) as fc.Arbitrary<unknown>;
/** JSON with `gap` around every structural character, never inside a string. */
function spaced(value: unknown, gap: string): string {
  if (Array.isArray(value))
    return `[${gap}${value.map((v) => spaced(v, gap)).join(`${gap},${gap}`)}${gap}]`;
  if (typeof value === 'object' && value !== null)
    return `{${gap}${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}${gap}:${gap}${spaced(v, gap)}`)
      .join(`${gap},${gap}`)}${gap}}`;
  return JSON.stringify(value);
}
const texts = fc.oneof(
  document.map((d) => JSON.stringify(d)),
  document.map((d) => JSON.stringify(d, null, 2)),
  fc.tuple(document, fc.constantFrom(' ', '\n', '\t', '\r\n')).map(([d, gap]) => spaced(d, gap)),
);

describe('pickFields', () => {
  it('values every picked field as JSON.parse does', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const picked = pickFields(text, pick);
        expect(expected(picked, pick)).toEqual(expected(JSON.parse(text), pick));
        if (!text.includes('\\')) expect(picked).toEqual(expected(picked, pick));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the last of repeated keys, and reads a text with escapes or a non-object whole', () => {
    expect(pickFields('{"id":"a","id":"b","n":1,"n":{"x":1}}', pick)).toEqual({
      id: 'b',
      n: { x: 1 },
    });
    expect(pickFields('{"id":"a\\"b","list":[{"kind":"k\\u0041"},2,null,[]]}', pick)).toEqual({
      id: 'a"b',
      list: [{ kind: 'kA' }, 2, null, []],
    });
    expect(pickFields('{"list":[{"kind":"k","x":1},2,null,[]],"y":0}', pick)).toEqual({
      list: [{ kind: 'k' }, 2, null, []],
    });
    expect(pickFields('{"list":"x","at":-1.5e3,"n":true}', pick)).toEqual({
      list: 'x',
      at: -1500,
      n: true,
    });
    expect(pickFields('[1,2]', pick)).toEqual([1, 2]);
    expect(pickFields('null', pick)).toBeNull();
    expect(pickFields(' {} ', pick)).toEqual({});
    expect(() => pickFields('{"id":"a"', pick)).toThrow(SyntaxError);
    expect(() => pickFields('{"id":"a"} x', pick)).toThrow(SyntaxError);
  });
});

const text = fc.oneof(fc.constantFrom('', 'AG1', 'OF1', 'S1', 'IR01', '3001'), fc.string());
const amount = fc.oneof(
  fc.constantFrom(
    '0',
    '-0',
    '1000',
    '-1000',
    '12.5',
    'x',
    '9007199254740993',
    '-99999999999999999999',
  ),
  fc.integer().map(String),
  fc.bigInt().map(String),
  fc.integer(),
  fc.double(),
  fc.constant(null),
);
const kind = fc.constantFrom(
  'agency',
  'office',
  'vat',
  'technical',
  'held',
  'held-for-refund',
  'unallocated',
  'x',
);
const flat = fc.record(
  {
    kind,
    agencyId: text,
    officeId: text,
    name: text,
    code: text,
    iban: text,
    depositId: text,
    amount,
  },
  { requiredKeys: ['amount'] },
);
const nested = fc.record({
  beneficiary: fc.record(
    { kind, agencyId: text, officeId: text, name: text, iban: text, depositId: text },
    { requiredKeys: [] },
  ),
  code: text,
  amount,
});
const ledgerData = fc.record(
  {
    paymentId: fc.oneof(text, fc.integer()),
    officeId: fc.oneof(text, fc.constant(null)),
    serviceCode: text,
    agencyId: text,
    province: text,
    transactionTime: fc.constantFrom('2024-09-22T10:00:00Z', ''),
    reversedAt: fc.constantFrom('2024-09-23T10:00:00Z', null),
    refundedAt: fc.constantFrom('2024-09-24T10:00:00Z'),
    postings: fc.oneof(fc.array(fc.oneof(flat, nested, fc.integer()), { maxLength: 5 }), text),
    pricedAgainst: fc.record({ tariffs: fc.integer() }),
    violations: fc.array(fc.record({ type: text, excess: amount })),
  },
  { requiredKeys: ['paymentId'] },
);
const ledgerType = fc.constantFrom('PaymentRecorded', 'PaymentReversed', 'PaymentRefunded', 'X');

describe('ledgerEntryFields', () => {
  it('holds every field ledgerEntry reads, of the event and of the payment a correction names', () => {
    fc.assert(
      fc.property(ledgerType, ledgerData, ledgerData, (type, data, origin) => {
        const json = JSON.stringify(data);
        const originJson = JSON.stringify(origin);
        expect(
          ledgerEntry(
            { type, data: pickFields(json, ledgerEntryFields) },
            pickFields(originJson, ledgerEntryFields),
          ),
        ).toEqual(ledgerEntry({ type, data: JSON.parse(json) }, JSON.parse(originJson)));
      }),
      { numRuns: 2000 },
    );
  });
});
