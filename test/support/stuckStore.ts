import type { EventStore } from '../../src/shared/eventStore';

/**
 * A store whose appends can be held: after `stick()` every append waits until `release()`,
 * then goes through. For timeouts and retries while the store does not answer.
 */
export function stuckStore(inner: EventStore) {
  let stuck = false;
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop === 'append' && typeof value === 'function')
        return async (...args: unknown[]) => {
          if (stuck) await gate;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  return {
    store,
    stick: () => {
      stuck = true;
    },
    release: () => {
      stuck = false;
      release();
    },
  };
}
