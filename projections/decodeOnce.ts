/**
 * A decode kept for the event it was made from, while that event's data object lives: the
 * projections of a round share each event (`pageCache.ts`), and most of them decode every
 * payment through its contract. The kept value is frozen, since every projection reads the same
 * one; an event with the same data but another type or metadata is decoded afresh.
 */
export function decodeOnce<T>() {
  const kept = new WeakMap<object, { type: string; metadata: unknown; value: T | undefined }>();
  return (
    e: { type: string; data: unknown; metadata?: unknown },
    decode: () => T | undefined,
  ): T | undefined => {
    const data = e.data;
    if (typeof data !== 'object' || data === null) return decode();
    const known = kept.get(data);
    if (known && known.type === e.type && known.metadata === e.metadata) return known.value;
    const value = decode();
    kept.set(data, { type: e.type, metadata: e.metadata, value: deepFreeze(value) });
    return value;
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
