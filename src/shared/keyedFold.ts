import { readsEvent, type KeyedFold, type Snapshot } from '../../contracts/keyedFold';
import type { EventStore } from './eventStore';
import { follow, type Following } from './readModel';

export type { KeyedFold, Snapshot } from '../../contracts/keyedFold';

/**
 * A keyed model in memory: starts from a snapshot when given one and follows the log after it,
 * so a restart reads only what the projection had not folded yet. `onRecord` keeps the
 * model's own indexes (a license's number, an office's license) as records change.
 */
export function keyedModel<R>(
  store: EventStore,
  model: KeyedFold<R>,
  options: { snapshot?: Snapshot<R>; onRecord?: (key: string, record: R) => void } = {},
): { records: Map<string, R>; following: Following } {
  const records = new Map<string, R>();
  const set = (key: string, record: R) => {
    records.set(key, record);
    options.onRecord?.(key, record);
  };
  for (const [key, record] of options.snapshot?.records ?? []) set(key, record);
  const following = follow(
    store,
    model.filter,
    (event) => {
      if (!readsEvent(model.filter, event)) return;
      const key = model.keyOf(event);
      const next = model.fold(records.get(key), event);
      if (next !== undefined) set(key, next);
    },
    options.snapshot?.position ?? 0,
  );
  return { records, following };
}
