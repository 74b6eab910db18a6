type Kept = Map<object, { type: string; metadata: unknown; value: unknown }>;
const memos = new Set<Kept>();

/**
 * A decode kept for the event it was made from, for the last `keep` events decoded and until
 * the runner has caught up (`forgetDecodes`): the projections of a round share each page of
 * events (`pageCache.ts`), and most of them decode every payment through its contract, so one
 * decode serves them all. Keyed weakly by the events, the memo lived as long as the SQLite
 * store's tail of recent events (up to 40,000) and doubled what that tail costs the heap. The
 * kept value is frozen, since every projection reads the same one; an event with the same data
 * but another type or metadata is decoded afresh.
 */
export function decodeOnce<T>(keep = 10_000) {
  const kept: Kept = new Map();
  memos.add(kept);
  return (
    e: { type: string; data: unknown; metadata?: unknown },
    decode: () => T | undefined,
  ): T | undefined => {
    const data = e.data;
    if (typeof data !== 'object' || data === null) return decode();
    const known = kept.get(data);
    if (known && known.type === e.type && known.metadata === e.metadata)
      return known.value as T | undefined;
    const value = decode();
    kept.set(data, { type: e.type, metadata: e.metadata, value: deepFreeze(value) });
    if (kept.size > keep) kept.delete(kept.keys().next().value!);
    return value;
  };
}

/** Drops every kept decode: the runner calls it once every build has caught up. */
export function forgetDecodes(): void {
  for (const kept of memos) kept.clear();
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
