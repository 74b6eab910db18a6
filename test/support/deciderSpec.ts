import type { Decider } from '../../src/shared/eventStore';

/**
 * Given/when/then for a pure decider: `given(events).when(command).then(events)` or
 * `.thenThrows(ErrorClass, message?)`. No store and no clock are involved.
 */
export function deciderSpec<C, E extends { type: string }, S>(decider: Decider<C, E, S>) {
  return {
    given(events: E[]) {
      const state = events.reduce(decider.evolve, decider.initialState());
      return {
        when(command: C) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: E[]) {
              expect(run()).toEqual(expected);
            },
            thenThrows(errorClass: new (...args: never[]) => Error, message?: string | RegExp) {
              expect(run).toThrow(errorClass);
              if (message !== undefined) expect(run).toThrow(message);
            },
            events: run,
          };
        },
      };
    },
  };
}
