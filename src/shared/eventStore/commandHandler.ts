import { versionKey } from '../../../contracts/events/contract';
import { ConcurrencyError } from '../errors';
import type { AppendResult, EventStore, EventToAppend } from './port';

/**
 * A pure aggregate: `decide` turns a command and the current state into new events
 * (or throws a typed error); `evolve` folds one event into the state.
 */
export interface Decider<Command, Event extends { type: string }, State> {
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  decide: (command: Command, state: State) => Event[];
  /**
   * The version of its contract (contracts/events) each event type is written with today;
   * the handler stamps it in the event's metadata as `schemaVersion`.
   */
  eventVersions?: Readonly<Record<Event['type'], number>>;
}

export interface HandleResult<State> {
  state: State;
  newEvents: number;
  /** Last revision of the stream after the command; -1 if it still does not exist. */
  revision: number;
  append?: AppendResult;
}

/**
 * Read → fold → decide → append with the expected revision. A concurrent writer makes
 * the append fail; because `decide` is pure, the whole cycle is simply run again.
 */
export function commandHandler<Command, Event extends { type: string }, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  options: { maxAttempts?: number; metadata?: (command: Command) => Record<string, unknown> } = {},
) {
  const maxAttempts = options.maxAttempts ?? 5;
  return async function handle(
    stream: string,
    command: Command,
    expected?: number | 'no_stream',
  ): Promise<HandleResult<State>> {
    for (let attempt = 1; ; attempt++) {
      const recorded = await store.readStream(stream);
      const revision = recorded.length - 1;
      if (expected !== undefined && expected !== (revision === -1 ? 'no_stream' : revision)) {
        throw new ConcurrencyError(
          stream,
          String(expected),
          revision === -1 ? 'no_stream' : revision,
        );
      }
      let state = recorded.reduce(
        (s, e) => decider.evolve(s, e.data as Event),
        decider.initialState(),
      );
      const events = decider.decide(command, state);
      if (events.length === 0) return { state, newEvents: 0, revision };
      const toAppend: EventToAppend[] = events.map((e) => {
        const metadata = options.metadata?.(command) ?? {};
        const version = decider.eventVersions?.[e.type as Event['type']];
        return {
          type: e.type,
          data: e,
          metadata: version === undefined ? metadata : { ...metadata, [versionKey]: version },
        };
      });
      try {
        const append = await store.append(
          stream,
          toAppend,
          revision === -1 ? 'no_stream' : revision,
        );
        state = events.reduce(decider.evolve, state);
        return { state, newEvents: events.length, revision: append.nextRevision, append };
      } catch (error) {
        if (
          !(error instanceof ConcurrencyError) ||
          attempt >= maxAttempts ||
          expected !== undefined
        ) {
          throw error;
        }
      }
    }
  };
}
