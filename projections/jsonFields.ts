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

/** A wanted key, and what to pick in the objects of its array value, if anything. */
interface Wanted {
  key: string;
  inner: Compiled | undefined;
}

/** Wanted keys by length, so that most keys of a text are passed over on their length alone. */
type Compiled = Array<Wanted[] | undefined>;

const compiled = new WeakMap<FieldPick, Compiled>();

function compile(pick: FieldPick): Compiled {
  let table = compiled.get(pick);
  if (!table) {
    table = [];
    for (const key of pick.keys) {
      const inner = pick.arrays?.[key];
      (table[key.length] ??= []).push({ key, inner: inner && compile(inner) });
    }
    compiled.set(pick, table);
  }
  return table;
}

/** The wanted key the quoted key at `[start, end)` spells, if any, read without copying it. */
function wanted(s: string, start: number, end: number, pick: Compiled) {
  const candidates = pick[end - start - 2];
  if (candidates === undefined) return undefined;
  for (const w of candidates) if (s.startsWith(w.key, start + 1)) return w;
  return undefined;
}

function readArray(s: string, i: number, pick: Compiled, out: unknown[]): number {
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

function readObject(s: string, i: number, pick: Compiled, out: Record<string, unknown>): number {
  i = skipSpace(s, i + 1);
  if (s.charCodeAt(i) === CLOSE_OBJECT) return i + 1;
  for (;;) {
    if (s.charCodeAt(i) !== QUOTE) throw new NotPicked();
    const keyEnd = stringEnd(s, i);
    const w = wanted(s, i, keyEnd, pick);
    i = skipSpace(s, keyEnd);
    if (s.charCodeAt(i) !== COLON) throw new NotPicked();
    i = skipSpace(s, i + 1);
    if (w === undefined) i = valueEnd(s, i);
    else if (w.inner && s.charCodeAt(i) === OPEN_ARRAY) {
      const items: unknown[] = [];
      i = readArray(s, i, w.inner, items);
      out[w.key] = items;
    } else {
      const end = valueEnd(s, i);
      out[w.key] = valueOf(s, i, end);
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
        if (skipSpace(json, readObject(json, start, compile(pick), out)) === json.length)
          return out;
      }
    } catch {
      /* read whole below */
    }
  }
  return JSON.parse(json) as unknown;
}
