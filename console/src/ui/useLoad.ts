import { useEffect, useState } from 'preact/hooks';
import { Failure, networkFailure } from '../api/client';

export type Loaded<T> =
  { state: 'loading' } | { state: 'failed'; failure: Failure } | { state: 'ready'; data: T };

/** Runs `load` whenever `keys` change; a late answer to an older request is dropped. */
export function useLoad<T>(load: () => Promise<T>, keys: unknown[]): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    load().then(
      (data) => current && setLoaded({ state: 'ready', data }),
      (failure: unknown) =>
        current &&
        setLoaded({
          state: 'failed',
          failure: failure instanceof Failure ? failure : networkFailure(),
        }),
    );
    return () => {
      current = false;
    };
  }, [...keys, attempt]);
  return [loaded, () => setAttempt((n) => n + 1)];
}
