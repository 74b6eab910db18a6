import fc from 'fast-check';
import { leafBytes, leafText, storedJson, writeLeaf, type LeafEvent } from './canonical';
import { eventTree } from './dayTree';
import { leafHash, rootOf, treeHead } from './merkle';

const leavesOf = (n: number) =>
  Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));

describe('the tree head built as leaves come', () => {
  it('gives the same head as the tree over all the leaves at every size up to 300', () => {
    const leaves = leavesOf(300);
    const head = treeHead();
    expect(head.root().equals(rootOf([]))).toBe(true);
    for (let n = 1; n <= 300; n++) {
      head.leafHash(leaves[n - 1]!);
      expect(head.size).toBe(n);
      expect(head.root().toString('hex')).toBe(rootOf(leaves.slice(0, n)).toString('hex'));
    }
  });

  it('hashes a leaf it is given as bytes or text as leafHash does', () => {
    const texts = ['', 'leaf 0', '{"nameFa":"دفتر پیشخوان ۱۲"}', 'x'.repeat(70_000)];
    const head = treeHead();
    for (const t of texts) head.leaf(t);
    head.leaf(Buffer.from('bytes'));
    const expected = rootOf([...texts.map((t) => leafHash(t)), leafHash(Buffer.from('bytes'))]);
    expect(head.root().equals(expected)).toBe(true);
  });

  it('refuses a leaf hash that is not 32 bytes, and adds nothing when a writer declines', () => {
    const head = treeHead();
    expect(() => head.leafHash(Buffer.alloc(31))).toThrow(RangeError);
    expect(head.leafWritten(0, () => -1)).toBe(false);
    expect(head.size).toBe(0);
  });
});

const event = (over: Partial<LeafEvent>, data: unknown = { amount: '1' }): LeafEvent => {
  const canonical = { data: storedJson(data), metadata: storedJson({ schemaVersion: 1 }) };
  return {
    position: 42,
    stream: 'payment-1',
    revision: 0,
    id: '7d1e',
    type: 'PaymentRecorded',
    data: JSON.parse(canonical.data) as unknown,
    metadata: JSON.parse(canonical.metadata) as Record<string, unknown>,
    recordedAt: new Date('2026-03-21T06:00:00.007Z'),
    canonical,
    ...over,
  };
};

const written = (e: LeafEvent): string | undefined => {
  const into = Buffer.alloc(64 * 1024);
  const end = writeLeaf(e, into, 3);
  return end < 0 ? undefined : into.subarray(3, end).toString('utf8');
};

describe('a leaf written into the hashing buffer from the stored bytes', () => {
  it('is the leaf text, for any data, metadata, names, positions and instants', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.record({
          id: fc.string(),
          stream: fc.string({ unit: 'binary' }),
          type: fc.string(),
          position: fc.nat(),
          revision: fc.nat(),
          recordedAt: fc.date({
            min: new Date('2000-01-01T00:00:00Z'),
            max: new Date('2100-01-01T00:00:00Z'),
            noInvalidDate: true,
          }),
        }),
        (data, metadata, fields) => {
          const canonical = { data: storedJson(data), metadata: storedJson(metadata) };
          const e = event({ ...fields, canonical });
          expect(written(e)).toBe(leafText(e));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('writes the leaves of a day second after second, escapes names and takes non-ASCII data', () => {
    const start = Date.parse('2026-03-21T06:00:00Z');
    for (let i = 0; i < 3000; i += 7) {
      const e = event({ position: i + 1, recordedAt: new Date(start + i) });
      expect(written(e)).toBe(leafText(e));
    }
    for (const name of ['a"b', 'back\\slash', 'tab\t', 'دفتر', '\ud800'])
      for (const field of ['id', 'stream', 'type'] as const) {
        const e = event({ [field]: name }, { note: 'دفتر "۱۲"\n' });
        expect(written(e)).toBe(leafText(e));
      }
  });

  it('declines what it cannot write as leafText would: no stored bytes, no room, odd instants and integers', () => {
    const { canonical: _, ...parsed } = event({});
    expect(written(parsed)).toBeUndefined();
    expect(written(event({}, { blob: 'x'.repeat(30_000) }))).toBeUndefined();
    expect(written(event({ recordedAt: new Date('+012026-03-21T06:00:00Z') }))).toBeUndefined();
    expect(written(event({ recordedAt: new Date('-000001-03-21T06:00:00Z') }))).toBeUndefined();
    expect(written(event({ revision: -1 }))).toBeUndefined();
    expect(written(event({ position: 2 ** 53 }))).toBeUndefined();
  });

  it('gives the day the same root from the stored bytes, the parsed events, or leaves too big to write', () => {
    const day = [
      event({ position: 1 }),
      event({ position: 2, id: 'i"d' }),
      event({ position: 3 }, { blob: 'y'.repeat(30_000) }),
      event({ position: 4, recordedAt: new Date('2026-03-21T06:00:01.999Z') }),
    ];
    const { canonical: _, ...parsed } = event({ position: 5 });
    day.push(parsed);
    const tree = eventTree();
    for (const e of day) tree.add(e);
    expect(tree.size).toBe(5);
    expect(tree.root().equals(rootOf(day.map((e) => leafHash(leafBytes(e)))))).toBe(true);
  });
});
