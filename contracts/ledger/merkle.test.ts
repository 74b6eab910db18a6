import fc from 'fast-check';
import { auditPath, leafHash, rootOf, subtreeHash, verifyInclusion } from './merkle';
import { canonicalJson, leafText, storedJson, type LeafEvent } from './canonical';

/** The eight leaves of Certificate Transparency's reference tests and their tree heads by size. */
const ctLeaves = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const ctRoots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const leavesOf = (n: number) =>
  Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));

describe('the RFC 6962 Merkle tree', () => {
  it('gives the empty tree the hash of the empty string', () => {
    expect(rootOf([]).toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it("matches Certificate Transparency's reference tree heads for sizes 1 to 8", () => {
    const leaves = ctLeaves.map((h) => leafHash(Buffer.from(h, 'hex')));
    for (let n = 1; n <= 8; n++)
      expect(rootOf(leaves.slice(0, n)).toString('hex')).toBe(ctRoots[n - 1]);
  });

  it('builds the same head bottom-up as by splitting at the largest power of two', () => {
    for (let n = 0; n <= 130; n++) {
      const leaves = leavesOf(n);
      expect(rootOf(leaves).equals(subtreeHash(0, n, (i) => leaves[i]!))).toBe(true);
    }
  });

  it('proves every leaf of every tree up to 70 leaves, and refuses a wrong index, leaf or path', () => {
    for (let n = 1; n <= 70; n++) {
      const leaves = leavesOf(n);
      const root = rootOf(leaves);
      for (let m = 0; m < n; m++) {
        const path = auditPath(m, 0, n, (i) => leaves[i]!);
        expect(verifyInclusion(leaves[m]!, m, n, path, root)).toBe(true);
        if (n > 1) {
          expect(verifyInclusion(leaves[m]!, (m + 1) % n, n, path, root)).toBe(false);
          expect(verifyInclusion(leaves[(m + 1) % n]!, m, n, path, root)).toBe(false);
          const bent = path.map((p, i) => (i === 0 ? leafHash(p) : p));
          expect(verifyInclusion(leaves[m]!, m, n, bent, root)).toBe(false);
        }
        expect(verifyInclusion(leaves[m]!, m, n, path.slice(1), root)).toBe(n === 1);
      }
    }
  });

  it('hashes a leaf given as text exactly as its UTF-8 bytes', () => {
    for (const text of ['', 'leaf 0', '{"nameFa":"دفتر پیشخوان ۱۲"}', 'a\u0000b'])
      expect(leafHash(text).equals(leafHash(Buffer.from(text, 'utf8')))).toBe(true);
  });

  it('uses chunk hashes it is given in place of the leaves under them', () => {
    const leaves = leavesOf(37);
    const chunk = (a: number, b: number) =>
      b - a === 8 && a % 8 === 0 && b <= 32 ? rootOf(leaves.slice(a, b)) : undefined;
    const touched = new Set<number>();
    const leaf = (i: number) => (touched.add(i), leaves[i]!);
    const path = auditPath(19, 0, 37, leaf, chunk);
    expect(verifyInclusion(leaves[19]!, 19, 37, path, rootOf(leaves))).toBe(true);
    expect([...touched].every((i) => (i >= 16 && i < 24) || i >= 32)).toBe(true);
  });
});

describe('canonical JSON (RFC 8785)', () => {
  it('orders keys by code unit and drops whitespace, whatever order they came in', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], é: { z: 0, y: -1.5 } })).toBe(
      '{"a":[true,null,"x"],"b":1,"é":{"y":-1.5,"z":0}}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('orders array-index keys as strings too, which JSON.stringify alone would put first in numeric order', () => {
    expect(canonicalJson({ b: { 10: 'x', 9: 'y', a: 1 }, a: [{ 2: 0, 1: 0 }] })).toBe(
      '{"a":[{"1":0,"2":0}],"b":{"10":"x","9":"y","a":1}}',
    );
    expect(canonicalJson(JSON.parse('{"__proto__":1,"a":2}'))).toBe('{"__proto__":1,"a":2}');
  });

  it('writes the same bytes as parsing and writing again, in any key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const once = canonicalJson(value);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
        expect(JSON.parse(once)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
    expect(() => canonicalJson({ a: { b: Number.POSITIVE_INFINITY } })).toThrow(TypeError);
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([undefined])).toThrow(TypeError);
  });
});

/** RFC 8785 written the plain way, key by key, to hold the faster writer to. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(o[k])}`).join(',')}}`;
}

const event = (data: unknown, metadata: Record<string, unknown>): LeafEvent => ({
  position: 42,
  stream: 'payment-1',
  revision: 0,
  id: '7d1e',
  type: 'PaymentRecorded',
  data,
  metadata,
  recordedAt: new Date('2026-03-21T06:00:00.007Z'),
});

describe('the leaf encoding', () => {
  it('writes the bytes seals were made of before it was made faster', () => {
    const data = {
      rrn: '000123',
      amount: '1250000',
      splits: [{ beneficiary: 'office', amount: '200000' }],
      payer: { nationalIdHash: 'sha256:9f' },
      note: 'دفتر "۱۲"\n',
      skipped: undefined,
      9: 'nine',
      10: 'ten',
    };
    expect(leafText(event(data, { schemaVersion: 1, causationId: 'c' }))).toBe(
      '{"data":{"10":"ten","9":"nine","amount":"1250000","note":"دفتر \\"۱۲\\"\\n","payer":{"nationalIdHash":"sha256:9f"},"rrn":"000123","splits":[{"amount":"200000","beneficiary":"office"}]},"id":"7d1e","metadata":{"causationId":"c","schemaVersion":1},"position":42,"recordedAt":"2026-03-21T06:00:00.007Z","revision":0,"stream":"payment-1","type":"PaymentRecorded"}',
    );
  });

  it('is the canonical JSON of the eight fields, for any data and metadata', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue()), (data, metadata) => {
        const e = event(data, metadata);
        const text = leafText(e);
        expect(text).toBe(reference({ ...e, recordedAt: e.recordedAt.toISOString() }));
        expect(canonicalJson(data)).toBe(reference(data));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts each shape of keys by its own keys, before and after the shapes it remembers run out', () => {
    expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
    expect(canonicalJson({ b: 1, c: 3, a: 2 })).toBe('{"a":2,"b":1,"c":3}');
    expect(canonicalJson({ b: 1, c: 3, d: 2 })).toBe('{"b":1,"c":3,"d":2}');
    for (let i = 0; i < 3000; i++)
      expect(canonicalJson({ z: 1, [`k${i}`]: 2, a: 3 })).toBe(`{"a":3,"k${i}":2,"z":1}`);
    expect(canonicalJson({ b: 1, c: 3, a: 2 })).toBe('{"a":2,"b":1,"c":3}');
  });

  it('sorts objects whose keys came in order but hold objects out of order, and skips undefined', () => {
    const inOrder = { a: 1, b: { d: 1, c: 2 }, e: undefined, f: 'x' };
    expect(canonicalJson(inOrder)).toBe('{"a":1,"b":{"c":2,"d":1},"f":"x"}');
    expect(canonicalJson({ a: 1, b: 2, c: [{ z: 1, y: 2 }] })).toBe(
      '{"a":1,"b":2,"c":[{"y":2,"z":1}]}',
    );
    expect(canonicalJson(Object.assign(Object.create(null) as object, { b: 1, a: 2 }))).toBe(
      '{"a":2,"b":1}',
    );
    expect(() => leafText(event({ a: Number.NaN }, {}))).toThrow(TypeError);
    expect(() => leafText({ ...event({}, {}), position: Number.POSITIVE_INFINITY })).toThrow(
      TypeError,
    );
  });

  it('splices the stored canonical bytes in: the same leaf as writing it from the parsed event', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue()), (data, metadata) => {
        const stored = { data: storedJson(data), metadata: storedJson(metadata) };
        const parsed = event(JSON.parse(stored.data), JSON.parse(stored.metadata) as never);
        expect(leafText({ ...parsed, canonical: stored })).toBe(leafText(parsed));
        expect(stored.data).toBe(canonicalJson(JSON.parse(JSON.stringify(data) ?? 'null')));
      }),
      { numRuns: 500 },
    );
  });

  it('hashes the stored bytes as they are, so bytes changed without the value are a leaf changed', () => {
    const e = event({ amount: '1' }, {});
    expect(leafText({ ...e, canonical: { data: '{ "amount":"1"}', metadata: '{}' } })).not.toBe(
      leafText(e),
    );
  });
});

describe('data and metadata as a store writes them (storedJson)', () => {
  class Rials {
    constructor(readonly value: bigint) {}
    toJSON() {
      return this.value.toString();
    }
  }

  it('writes what JSON.stringify would keep, in canonical form, so a store keeps the value it kept before', () => {
    const data = {
      when: new Date('2026-03-21T06:00:00.007Z'),
      amount: new Rials(1_250_000n),
      list: [1, undefined, () => 0],
      gone: undefined,
      fn: () => 0,
      10: 'ten',
      9: 'nine',
      b: { z: 1, a: 2 },
    };
    const json = storedJson(data);
    expect(json).toBe(
      '{"10":"ten","9":"nine","amount":"1250000","b":{"a":2,"z":1},"list":[1,null,null],"when":"2026-03-21T06:00:00.007Z"}',
    );
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(data)));
    expect(canonicalJson(JSON.parse(json))).toBe(json);
  });

  it('refuses what JSON cannot hold, as JSON.stringify does', () => {
    expect(() => storedJson({ a: 1n })).toThrow(TypeError);
    expect(() => storedJson(undefined)).toThrow(TypeError);
    expect(() => storedJson({ a: Number.NaN })).not.toThrow();
    expect(storedJson({ a: Number.NaN })).toBe('{"a":null}');
  });

  it('leaves canonicalJson of a class instance as it was: its own keys, key by key', () => {
    class Box {
      constructor(
        readonly v: number,
        readonly a: string,
      ) {}
      toJSON() {
        return 'ignored';
      }
    }
    expect(canonicalJson({ box: new Box(1, 's') })).toBe('{"box":{"a":"s","v":1}}');
  });
});

describe('the leaf text written fast', () => {
  it('writes instants as toISOString does, within a second, across seconds and back', () => {
    const base = Date.parse('2026-03-21T06:00:00.000Z');
    for (const t of [0, 7, 10, 99, 100, 999, 1000, 1001, 61_999, 5, -1, -1000, -86_400_001]) {
      const e = {
        ...event({}, {}),
        recordedAt: new Date(base + t),
        canonical: { data: '{}', metadata: '{}' },
      };
      expect(JSON.parse(leafText(e)).recordedAt).toBe(new Date(base + t).toISOString());
    }
    const old = {
      ...event({}, {}),
      recordedAt: new Date(-1),
      canonical: { data: '{}', metadata: '{}' },
    };
    expect(JSON.parse(leafText(old)).recordedAt).toBe('1969-12-31T23:59:59.999Z');
  });

  it('escapes ids, streams and types as JSON.stringify does', () => {
    for (const s of [
      'plain',
      'q"uote',
      'back\\slash',
      'tab\t',
      '\u0001',
      'دفتر',
      '\ud83d\ude00',
      '\ud800',
    ])
      expect(
        leafText({
          ...event({}, {}),
          id: s,
          stream: s,
          type: s,
          canonical: { data: '{}', metadata: '{}' },
        }),
      ).toBe(leafText({ ...event({}, {}), id: s, stream: s, type: s }));
  });

  it('hashes long and non-ASCII leaf texts as their UTF-8 bytes', () => {
    for (const text of [
      '',
      'دفتر "۱۲"',
      'x'.repeat(21_000),
      'ی'.repeat(21_000),
      'x'.repeat(30_000),
    ])
      expect(leafHash(text)).toEqual(leafHash(Buffer.from(text, 'utf8')));
  });
});
