import { useState } from 'preact/hooks';
import { Failure, networkFailure } from '../api/client';

export type Acted<T> =
  | { state: 'idle' }
  | { state: 'busy' }
  | { state: 'failed'; failure: Failure }
  | { state: 'done'; data: T };

/**
 * A state-changing request a person starts (a vote, an issue, an upload): busy while it runs,
 * so a second click sends nothing, then its answer or its failure.
 */
export function useAction<A extends unknown[], T>(
  act: (...args: A) => Promise<T>,
  onDone?: (data: T) => void,
): [Acted<T>, (...args: A) => void] {
  const [acted, setActed] = useState<Acted<T>>({ state: 'idle' });
  const run = (...args: A) => {
    if (acted.state === 'busy') return;
    setActed({ state: 'busy' });
    act(...args).then(
      (data) => {
        setActed({ state: 'done', data });
        onDone?.(data);
      },
      (failure: unknown) =>
        setActed({
          state: 'failed',
          failure: failure instanceof Failure ? failure : networkFailure(),
        }),
    );
  };
  return [acted, run];
}
