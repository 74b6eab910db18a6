import { ConcurrencyError } from '../errors';
import { memoryEventStore } from './adapters/memory';
import type { EventStore } from './port';
import { reserve, type Reservation } from './reservation';

const stream = 'reservation-thing-X1';

/** A reservation of `X1` for `owner`; `stale` holders are those that may no longer use it. */
const reservation = (owner: string, stale: readonly string[] = []): Reservation => ({
  stream,
  owner,
  event: { type: 'ThingReserved', data: { owner } },
  holderOf: (recorded) => (recorded.data as { owner: string }).owner,
  mayStillUse: async (holder) => !stale.includes(holder),
});

const holders = async (store: EventStore) =>
  (await store.readStream(stream)).map((e) => (e.data as { owner: string }).owner);

describe('reserving a unique value in its own stream', () => {
  let store: EventStore;
  beforeEach(() => {
    store = memoryEventStore();
  });

  it('gives a free value to the first owner, in one event', async () => {
    expect(await reserve(store, reservation('A'))).toEqual({ reserved: true });
    expect(await holders(store)).toEqual(['A']);
  });

  it('refuses another owner while the holder may still use the value, naming the holder', async () => {
    await reserve(store, reservation('A'));
    expect(await reserve(store, reservation('B'))).toEqual({ reserved: false, holder: 'A' });
    expect(await holders(store)).toEqual(['A']);
  });

  it('lets the holder through again, as after a crash between the reservation and its write', async () => {
    await reserve(store, reservation('A'));
    expect(await reserve(store, reservation('A'))).toEqual({ reserved: true });
    expect(await holders(store)).toEqual(['A']);
  });

  it('replaces a holder that may no longer use the value, and then holds for the new owner', async () => {
    await reserve(store, reservation('A'));
    expect(await reserve(store, reservation('B', ['A']))).toEqual({ reserved: true });
    expect(await reserve(store, reservation('C', ['A']))).toEqual({
      reserved: false,
      holder: 'B',
    });
    expect(await holders(store)).toEqual(['A', 'B']);
  });

  it('gives a value many owners ask for at once to exactly one of them', async () => {
    const owners = Array.from({ length: 20 }, (_, i) => `O${i}`);
    const outcomes = await Promise.all(owners.map((o) => reserve(store, reservation(o))));
    const winners = owners.filter((_, i) => outcomes[i]!.reserved);
    expect(winners).toHaveLength(1);
    expect(await holders(store)).toEqual(winners);
    for (const outcome of outcomes.filter((o) => !o.reserved))
      expect(outcome).toEqual({ reserved: false, holder: winners[0] });
  });

  it('lets exactly one of many owners replace a holder that may no longer use the value', async () => {
    await reserve(store, reservation('A'));
    const owners = Array.from({ length: 10 }, (_, i) => `O${i}`);
    const outcomes = await Promise.all(owners.map((o) => reserve(store, reservation(o, ['A']))));
    const winners = owners.filter((_, i) => outcomes[i]!.reserved);
    expect(winners).toHaveLength(1);
    expect(await holders(store)).toEqual(['A', ...winners]);
  });

  it('gives up with the conflict after its attempts when the stream keeps changing', async () => {
    await reserve(store, reservation('A'));
    const churning: Reservation = {
      ...reservation('B'),
      maxAttempts: 3,
      mayStillUse: async () => {
        const last = (await store.readStream(stream)).at(-1)!;
        await store.append(
          stream,
          [{ type: 'ThingReserved', data: { owner: 'Z' } }],
          last.revision,
        );
        return false;
      },
    };
    await expect(reserve(store, churning)).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await holders(store)).not.toContain('B');
  });
});
