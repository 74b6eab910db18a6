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
 * Thrown inside `sortedCopy` for an object whose keys JSON.stringify might not write in the
 * order they were added: array-index keys, which engines enumerate first in numeric order (any
 * key starting with a digit is sent the slow way, which writes every key correctly),
 * `__proto__`, and objects that are not plain (a class instance's `toJSON` would be called by
 * JSON.stringify on a copy that kept its prototype; key by key writes its own keys, as before).
 */
const needsKeyByKey = new Error('canonical JSON key by key');

/**
 * The value with every object's keys in sorted order, so one native JSON.stringify writes the
 * canonical form: 4× faster on payment events than writing key by key, which is what the daily
 * seals spend their time on. An object whose keys are already sorted and whose values need no
 * copy is returned as it is, which spares building it again (a copy is a keyed store per key).
 */
function sortedCopy(value: unknown): unknown {
  if (typeof value !== 'object') {
    if (typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no NaN or Infinity');
      return value;
    }
    throw new TypeError(`canonical JSON cannot hold ${typeof value}`);
  }
  if (value === null) return null;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = sortedCopy(value[i]);
    return out;
  }
  if (value instanceof Date) return value.toISOString();
  const o = value as Record<string, unknown>;
  const proto: unknown = Object.getPrototypeOf(o);
  if (proto !== Object.prototype && proto !== null) throw needsKeyByKey;
  const keys = Object.keys(o);
  let same = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const first = k.charCodeAt(0);
    if ((first >= 0x30 && first <= 0x39) || k === '__proto__') throw needsKeyByKey;
    if (i > 0 && keys[i - 1]! > k) same = false;
    const v = o[k];
    if (v !== null && typeof v === 'object') same = false;
    else if (v !== undefined) sortedCopy(v);
  }
  if (same && proto === Object.prototype) return o;
  const sorted = sortedKeys(keys);
  const out: Record<string, unknown> = {};
  for (let i = 0; i < sorted.length; i++) {
    const k = sorted[i]!;
    const v = o[k];
    if (v !== undefined) out[k] = sortedCopy(v);
  }
  return out;
}

/** Key lists seen, by first key, with their sorted order: at most `shapesKept` lists in all. */
const shapes = new Map<string, { keys: readonly string[]; sorted: readonly string[] }[]>();
const shapesKept = 1024;
let shapesHeld = 0;

/**
 * `keys` in UTF-16 code-unit order (RFC 8785's), taken from a list seen before with the same
 * keys in the same order when there is one: the events of a log repeat a few shapes, and
 * sorting every object's keys again cost a payment's leaf a fifth of its time.
 *
 * A shape remembered is also built once with `Object.fromEntries`, which lays down V8's
 * hidden-class path for those keys in that order. Without it, a copy of 20 keys or more
 * (a payment has 25) built key by key, as `sortedCopy` builds it, falls into V8's dictionary
 * mode: 2 µs more to copy and write a payment, and a larger object for the collector.
 */
function sortedKeys(keys: readonly string[]): readonly string[] {
  const first = keys[0] ?? '';
  const seen = shapes.get(first);
  if (seen)
    next: for (const shape of seen) {
      if (shape.keys.length !== keys.length) continue;
      for (let i = 1; i < keys.length; i++) if (shape.keys[i] !== keys[i]) continue next;
      return shape.sorted;
    }
  // Default sort compares UTF-16 code units, which is RFC 8785's order.
  const sorted = keys.slice().sort();
  if (shapesHeld < shapesKept) {
    shapesHeld++;
    if (seen) seen.push({ keys, sorted });
    else shapes.set(first, [{ keys, sorted }]);
    Object.fromEntries(sorted.map((k) => [k, null]));
  }
  return sorted;
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

/**
 * A value as an event store writes it at append time (JSON stocké): its canonical JSON, with
 * what JSON.stringify would make of it first (`toJSON`, undefined in arrays as null, functions
 * left out), so the bytes parse back to the value the store would have kept anyway and
 * `canonicalJson` of that parsed value gives these bytes again. Writing them once here is what
 * lets a seal hash an event's stored bytes as they are.
 */
export function storedJson(value: unknown): string {
  return storedForm(value).json;
}

/**
 * `storedJson` with the value those bytes parse back to (keys in canonical order), for a store
 * that hands out what it just wrote without reading it back: readers then get the same object
 * whether it comes from the store's memory or from its file.
 */
export function storedForm(value: unknown): { json: string; value: unknown } {
  try {
    const sorted = sortedCopy(value);
    return { json: JSON.stringify(sorted), value: sorted };
  } catch (e) {
    if (e !== needsKeyByKey && !(e instanceof TypeError)) throw e;
    const plain = JSON.stringify(value);
    if (plain === undefined) throw new TypeError(`JSON cannot hold ${typeof value}`);
    const json = canonicalJson(JSON.parse(plain));
    return { json, value: JSON.parse(json) as unknown };
  }
}

/**
 * An event's data and metadata exactly as its store holds them, when the store wrote them with
 * `storedJson` (canonical JSON, RFC 8785). Absent for rows written before the store did (and
 * from stores that keep no text of their own): their leaf is written from the parsed event.
 */
export interface StoredCanonical {
  data: string;
  metadata: string;
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
  canonical?: StoredCanonical | undefined;
}

/**
 * An event read for its leaf alone, from a store that holds its data and metadata as canonical
 * JSON: those bytes, and the data and metadata not parsed, since the leaf needs nothing else.
 */
export type StoredLeafEvent = Omit<LeafEvent, 'data' | 'metadata' | 'canonical'> & {
  canonical: StoredCanonical;
};

const hasStoredBytes = (e: LeafEvent | StoredLeafEvent): e is StoredLeafEvent =>
  e.canonical !== undefined;

/**
 * The leaf encoding of an event (برگ): the UTF-8 bytes of the canonical JSON of its position,
 * stream, revision, id, type, data, metadata and recording instant (ISO 8601, UTC, ms).
 */
export const leafBytes = (e: LeafEvent): Buffer => Buffer.from(leafText(e), 'utf8');

/** A leaf field for `leafText`'s literal: undefined stays out, as `canonicalJson` leaves it. */
const field = (v: unknown): unknown => (v === undefined ? undefined : sortedCopy(v));

/**
 * The leaf encoding as text: what `leafBytes` encodes in UTF-8, the same bytes as
 * `canonicalJson` of the eight fields. When the store holds the event's data and metadata as
 * canonical JSON, those bytes go in as they are, between the other six fields (short strings
 * and integers, already in canonical order): nothing is parsed or sorted, and the leaf is made
 * of the bytes the store hands out, so a stored byte changed is a leaf changed. Otherwise it is
 * written from the parsed event as one literal whose keys are already in canonical order.
 */
export function leafText(e: LeafEvent | StoredLeafEvent): string {
  if (hasStoredBytes(e)) {
    const c = e.canonical;
    return (
      `{"data":${c.data},"id":${jsonString(e.id)},"metadata":${c.metadata},` +
      `"position":${integer(e.position)},"recordedAt":"${isoInstant(e.recordedAt)}",` +
      `"revision":${integer(e.revision)},"stream":${jsonString(e.stream)},` +
      `"type":${jsonString(e.type)}}`
    );
  }
  try {
    return JSON.stringify({
      data: field(e.data),
      id: field(e.id),
      metadata: field(e.metadata),
      position: field(e.position),
      recordedAt: e.recordedAt.toISOString(),
      revision: field(e.revision),
      stream: field(e.stream),
      type: field(e.type),
    });
  } catch (err) {
    if (err !== needsKeyByKey) throw err;
    return keyByKey({
      data: e.data,
      id: e.id,
      metadata: e.metadata,
      position: e.position,
      recordedAt: e.recordedAt.toISOString(),
      revision: e.revision,
      stream: e.stream,
      type: e.type,
    });
  }
}

/**
 * A string as JSON (and RFC 8785) writes it: ids, streams and types are quoted as they are
 * unless they hold what JSON.stringify writes otherwise (`"`, `\\`, controls, surrogates).
 */
function jsonString(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff))
      return JSON.stringify(s);
  }
  return `"${s}"`;
}

/** The second last written by `isoInstant`, and its ISO text up to the milliseconds. */
let isoSecond = Number.NaN;
let isoPrefix = '';

/**
 * `Date.toISOString()`, taken from the last instant's text when it fell in the same second:
 * a log's neighbours mostly do, and writing the whole text cost a leaf a quarter of its time.
 */
function isoInstant(d: Date): string {
  const t = d.getTime();
  const ms = t - Math.floor(t / 1000) * 1000;
  if (t - ms === isoSecond) return `${isoPrefix}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
  const iso = d.toISOString();
  if (iso.length === 24) {
    isoSecond = t - ms;
    isoPrefix = iso.slice(0, 20);
  }
  return iso;
}

/** A position or revision as canonical JSON writes it: a safe integer, in decimal. */
function integer(n: number): string {
  if (!Number.isSafeInteger(n)) throw new TypeError(`a leaf's position and revision are integers`);
  return String(n);
}

/** The ASCII bytes of a literal piece of the leaf. */
const piece = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const leafPieces = {
  open: piece('{"data":'),
  id: piece(',"id":'),
  metadata: piece(',"metadata":'),
  position: piece(',"position":'),
  recordedAt: piece(',"recordedAt":"'),
  revision: piece('","revision":'),
  stream: piece(',"stream":'),
  type: piece(',"type":'),
};

function put(into: Uint8Array, at: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) into[at + i] = bytes[i]!;
  return at + bytes.length;
}

/** `s` quoted, byte by byte, when it is printable ASCII with nothing JSON escapes; else -1. */
function putQuoted(into: Uint8Array, at: number, s: string): number {
  into[at] = 0x22;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return -1;
    into[at + 1 + i] = c;
  }
  into[at + 1 + s.length] = 0x22;
  return at + 2 + s.length;
}

function putQuotedOrWrite(into: Buffer, at: number, s: string): number {
  const end = putQuoted(into, at, s);
  return end >= 0 ? end : at + into.write(jsonString(s), at, 'utf8');
}

function putInteger(into: Uint8Array, at: number, n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) return -1;
  let digits = 1;
  for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
  for (let i = digits - 1, m = n; i >= 0; i--, m = Math.floor(m / 10))
    into[at + i] = 0x30 + (m % 10);
  return at + digits;
}

/** The bytes of `isoInstant`'s text, for the second it last wrote. */
const isoBytes = new Uint8Array(24);
let isoBytesSecond = Number.NaN;

function putInstant(into: Uint8Array, at: number, d: Date): number {
  const t = d.getTime();
  const ms = t - Math.floor(t / 1000) * 1000;
  if (t - ms !== isoBytesSecond) {
    const iso = isoInstant(d);
    if (iso.length !== 24) return -1;
    for (let i = 0; i < 20; i++) isoBytes[i] = iso.charCodeAt(i);
    isoBytesSecond = t - ms;
  }
  for (let i = 0; i < 20; i++) into[at + i] = isoBytes[i]!;
  into[at + 20] = 0x30 + Math.floor(ms / 100);
  into[at + 21] = 0x30 + (Math.floor(ms / 10) % 10);
  into[at + 22] = 0x30 + (ms % 10);
  into[at + 23] = 0x5a;
  return at + 24;
}

/** Room a leaf's literal pieces, integers and instant can take besides its strings. */
const leafFrame = 256;

/**
 * The leaf bytes of an event whose store holds its data and metadata (`leafBytes`, the same
 * bytes), written into `into` from `at` without making the leaf's text: the stored JSON goes in
 * by one UTF-8 write each and the rest byte by byte, since joining the pieces into a string
 * and encoding that cost a leaf as much as hashing it. Returns where the leaf ends, or -1 when
 * the event has no stored bytes, might not fit, or has an integer or instant `leafText` would
 * refuse or write otherwise (its leaf is then written from its text).
 */
export function writeLeaf(e: LeafEvent | StoredLeafEvent, into: Buffer, at: number): number {
  const c = e.canonical;
  if (
    !c ||
    at +
      leafFrame +
      3 * (c.data.length + c.metadata.length) +
      6 * (e.id.length + e.stream.length + e.type.length) >
      into.length
  )
    return -1;
  let o = put(into, at, leafPieces.open);
  o += into.write(c.data, o, 'utf8');
  o = putQuotedOrWrite(into, put(into, o, leafPieces.id), e.id);
  o = put(into, o, leafPieces.metadata);
  o += into.write(c.metadata, o, 'utf8');
  o = putInteger(into, put(into, o, leafPieces.position), e.position);
  if (o < 0) return -1;
  o = putInstant(into, put(into, o, leafPieces.recordedAt), e.recordedAt);
  if (o < 0) return -1;
  o = putInteger(into, put(into, o, leafPieces.revision), e.revision);
  if (o < 0) return -1;
  o = putQuotedOrWrite(into, put(into, o, leafPieces.stream), e.stream);
  o = putQuotedOrWrite(into, put(into, o, leafPieces.type), e.type);
  into[o] = 0x7d;
  return o + 1;
}
