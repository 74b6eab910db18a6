import { holderRequestStream } from '../../contracts/events/holders';
import { ConcurrencyError } from '../shared/errors';
import { memoryEventStore, type EventStore } from '../shared/eventStore';
import { openRequestStream, reserveOpenRequest } from './openRequests';
import type { HolderRequestEvent } from './request';

const now = new Date('2026-11-29T08:00:00Z');
const licenseId = 'lic-1';
const kind = 'address_change' as const;

const reserveFor = (store: EventStore, requestId: string) =>
  reserveOpenRequest(store, { licenseId, kind, requestId, now });

const facts = (requestId: string) => ({ requestId, licenseId, kind });

const write = (
  store: EventStore,
  requestId: string,
  e: HolderRequestEvent,
  expected: 'no_stream' | 0,
) => store.append(holderRequestStream(requestId), [{ type: e.type, data: e }], expected);

const file = (store: EventStore, requestId: string) =>
  write(
    store,
    requestId,
    {
      type: 'HolderRequestFiled',
      ...facts(requestId),
      applicantId: 'holder',
      address: 'Azadi St. 2',
      filedAt: now.toISOString(),
    },
    'no_stream',
  );

const decide = (store: EventStore, requestId: string) =>
  write(
    store,
    requestId,
    {
      type: 'HolderRequestDecided',
      ...facts(requestId),
      outcome: 'rejected',
      reason: 'no proof',
      decidedAt: now.toISOString(),
      decidedBy: 'cra',
    },
    0,
  );

const holders = async (store: EventStore) =>
  (await store.readStream(openRequestStream(licenseId, kind))).map(
    (e) => (e.data as { requestId: string }).requestId,
  );

describe('one open request of a kind per license, reserved in its own stream', () => {
  it('a second request is refused while the first is open, and takes over once it is decided', async () => {
    const store = memoryEventStore();
    expect(await reserveFor(store, 'r1')).toBe(true);
    await file(store, 'r1');
    expect(await reserveFor(store, 'r2')).toBe(false);
    await decide(store, 'r1');
    expect(await reserveFor(store, 'r2')).toBe(true);
    expect(await holders(store)).toEqual(['r1', 'r2']);
  });

  it('the holder retrying finds its own reservation and goes on, writing nothing again', async () => {
    const store = memoryEventStore();
    expect(await reserveFor(store, 'r1')).toBe(true);
    expect(await reserveFor(store, 'r1')).toBe(true);
    expect(await holders(store)).toEqual(['r1']);
  });

  it('a request reserved and never filed lapses: the next takes over, and the late filing is refused', async () => {
    const store = memoryEventStore();
    expect(await reserveFor(store, 'stopped')).toBe(true);
    expect(await reserveFor(store, 'r2')).toBe(true);
    expect((await store.readStream(holderRequestStream('stopped'))).map((e) => e.type)).toEqual([
      'HolderRequestLapsed',
    ]);
    await expect(file(store, 'stopped')).rejects.toBeInstanceOf(ConcurrencyError);
    await file(store, 'r2');
    expect(await reserveFor(store, 'r3')).toBe(false);
  });

  it('a filing that wins the race with the lapse keeps the reservation', async () => {
    const store = memoryEventStore();
    expect(await reserveFor(store, 'slow')).toBe(true);
    await file(store, 'slow');
    expect(await reserveFor(store, 'r2')).toBe(false);
    expect((await store.readStream(holderRequestStream('slow'))).map((e) => e.type)).toEqual([
      'HolderRequestFiled',
    ]);
  });

  it('of many requests reserving and filing at once, one is filed; every other is refused or lapsed', async () => {
    const store = memoryEventStore();
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const fileIfReserved = async (id: string) =>
      (await reserveFor(store, id)) &&
      file(store, id).then(
        () => true,
        () => false,
      );
    const filed = await Promise.all(ids.map(fileIfReserved));
    expect(filed.filter(Boolean)).toHaveLength(1);
    const last = (await holders(store)).at(-1)!;
    expect(filed[ids.indexOf(last)]).toBe(true);
  });
});
