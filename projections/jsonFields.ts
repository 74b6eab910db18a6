/**
 * Which fields of a JSON object a reader needs: top-level `keys`, and for `arrays`, the keys
 * of each object in that array.
 */
export interface FieldPick {
  keys: readonly string[];
  arrays?: Readonly<Record<string, FieldPick>>;
}

class NotPicked extends Error {}

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;

const isSpace = (c: number) => c <= 32 && (c === 32 || c === 10 || c === 13 || c === 9);

function skipSpace(s: string, i: number): number {
  while (isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** Where the string opening at `i` ends (past its closing quote); the text has no escapes. */
function stringEnd(s: string, i: number): number {
  const quote = s.indexOf('"', i + 1);
  if (quote < 0) throw new NotPicked();
  return quote + 1;
}

/** Where the value starting at `i` ends. */
function valueEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === QUOTE) return stringEnd(s, i);
  if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
    let depth = 0;
    for (;;) {
      const d = s.charCodeAt(i);
      if (d === QUOTE) {
        i = stringEnd(s, i);
        continue;
      }
      i++;
      if (d === OPEN_OBJECT || d === OPEN_ARRAY) depth++;
      else if (d === CLOSE_OBJECT || d === CLOSE_ARRAY) {
        if (--depth === 0) return i;
      } else if (Number.isNaN(d)) throw new NotPicked();
    }
  }
  const start = i;
  for (;;) {
    const d = s.charCodeAt(i);
    if (d === COMMA || d === CLOSE_OBJECT || d === CLOSE_ARRAY || isSpace(d)) break;
    if (Number.isNaN(d)) throw new NotPicked();
    i++;
  }
  if (i === start) throw new NotPicked();
  return i;
}

const valueOf = (s: string, start: number, end: number): unknown =>
  s.charCodeAt(start) === QUOTE ? s.slice(start + 1, end - 1) : JSON.parse(s.slice(start, end));

/** Wanted keys by length, so that most keys of a text are passed over on their length alone. */
const byLength = new WeakMap<FieldPick, Array<readonly string[] | undefined>>();

function keysByLength(pick: FieldPick) {
  let table = byLength.get(pick);
  if (!table) {
    table = [];
    for (const key of pick.keys) table[key.length] = [...(table[key.length] ?? []), key];
    byLength.set(pick, table);
  }
  return table;
}

/** The wanted key the quoted key at `[start, end)` spells, if any, read without copying it. */
function wantedKey(s: string, start: number, end: number, pick: FieldPick) {
  const candidates = keysByLength(pick)[end - start - 2];
  if (candidates === undefined) return undefined;
  for (const key of candidates) if (s.startsWith(key, start + 1)) return key;
  return undefined;
}

function readArray(s: string, i: number, pick: FieldPick, out: unknown[]): number {
  i = skipSpace(s, i + 1);
  if (s.charCodeAt(i) === CLOSE_ARRAY) return i + 1;
  for (;;) {
    if (s.charCodeAt(i) === OPEN_OBJECT) {
      const item: Record<string, unknown> = {};
      i = readObject(s, i, pick, item);
      out.push(item);
    } else {
      const end = valueEnd(s, i);
      out.push(valueOf(s, i, end));
      i = end;
    }
    i = skipSpace(s, i);
    const c = s.charCodeAt(i);
    i = skipSpace(s, i + 1);
    if (c === CLOSE_ARRAY) return i;
    if (c !== COMMA) throw new NotPicked();
  }
}

function readObject(s: string, i: number, pick: FieldPick, out: Record<string, unknown>): number {
  i = skipSpace(s, i + 1);
  if (s.charCodeAt(i) === CLOSE_OBJECT) return i + 1;
  for (;;) {
    if (s.charCodeAt(i) !== QUOTE) throw new NotPicked();
    const keyEnd = stringEnd(s, i);
    const key = wantedKey(s, i, keyEnd, pick);
    i = skipSpace(s, keyEnd);
    if (s.charCodeAt(i) !== COLON) throw new NotPicked();
    i = skipSpace(s, i + 1);
    const inner = key === undefined ? undefined : pick.arrays?.[key];
    if (inner && s.charCodeAt(i) === OPEN_ARRAY) {
      const items: unknown[] = [];
      i = readArray(s, i, inner, items);
      out[key!] = items;
    } else {
      const end = valueEnd(s, i);
      if (key !== undefined) out[key] = valueOf(s, i, end);
      i = end;
    }
    i = skipSpace(s, i);
    const c = s.charCodeAt(i);
    i = skipSpace(s, i + 1);
    if (c === CLOSE_OBJECT) return i;
    if (c !== COMMA) throw new NotPicked();
  }
}

/**
 * The picked fields of a JSON object text, each valued exactly as `JSON.parse(json)` values it
 * (the last of repeated keys wins, non-strings parsed), without building the fields nobody
 * reads: most of a ledger event is receipt data that settlement never looks at. A text with
 * an escape (a backslash) anywhere, or that is not a well-formed object, is handed to `JSON.parse`
 * whole (so the answer may hold more fields, or it fails as `JSON.parse` fails). Values inside
 * skipped fields are not validated: the text is assumed to be JSON as `JSON.stringify` writes
 * it (the store's `data` column).
 */
export function pickFields(json: string, pick: FieldPick): unknown {
  if (!json.includes('\\')) {
    try {
      const start = skipSpace(json, 0);
      if (json.charCodeAt(start) === OPEN_OBJECT) {
        const out: Record<string, unknown> = {};
        if (skipSpace(json, readObject(json, start, pick, out)) === json.length) return out;
      }
    } catch {
      /* read whole below */
    }
  }
  return JSON.parse(json) as unknown;
}
