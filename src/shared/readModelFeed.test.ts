import { memoryEventStore, type EventStore, type ReadAllOptions } from './eventStore';
import { feed } from './readModelFeed';

describe('a read-model feed with a stream-prefix filter', () => {
  it('after catching up, starts its next read at the head it saw, not after its last match', async () => {
    const inner = memoryEventStore();
    const reads: number[] = [];
    const store: EventStore = {
      ...inner,
      readAll: (o: ReadAllOptions = {}) => (reads.push(o.after ?? 0), inner.readAll(o)),
    };
    await inner.append('license-1', [{ type: 'LicenseApplied', data: {} }], 'no_stream');
    for (let i = 0; i < 5; i++)
      await inner.append(`payment-${i}`, [{ type: 'PaymentRecorded', data: {} }], 'no_stream');
    const seen: string[] = [];
    const f = feed(store, { streamPrefixes: ['license-'] }, (e) => seen.push(e.stream));
    await f.ready;
    reads.length = 0;
    await f.ensure(6);
    await f.ensure(6);
    expect(reads).toEqual([1]);
    expect(f.position).toBe(6);
    const { position } = await inner.append(
      'license-2',
      [{ type: 'LicenseApplied', data: {} }],
      'no_stream',
    );
    await f.ensure(position);
    expect(seen).toEqual(['license-1', 'license-2']);
    await f.stop();
  });
});
