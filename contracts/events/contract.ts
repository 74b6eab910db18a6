import { z } from 'zod';

/**
 * The written form of one event type (قرارداد رویداد): its name, the version written today,
 * the zod schema of that version and the schemas of older versions still found in the log,
 * each with the function that raises it one version. The log is the one seam between
 * slices (which write) and projections (which read): both use these contracts and nothing
 * else of each other.
 *
 * The version travels in the event's metadata as `schemaVersion`; an event without one was
 * written before versions existed and is version 1.
 */
export interface EventContract<T extends string = string, S extends z.ZodType = z.ZodType> {
  readonly type: T;
  readonly version: number;
  readonly schema: S;
  /** Older versions by number: the schema they were written with and how to raise them one step. */
  readonly older: Readonly<Record<number, OlderVersion>>;
}

/** One older version of an event: its schema, and how to raise a payload of it one version. */
export interface OlderVersion {
  schema: z.ZodType;
  /** Absent when raising needs facts the old payload does not hold (see the contract's docs). */
  up?: (data: never) => unknown;
}

export const versionKey = 'schemaVersion';

/** The version a recorded event was written with. */
export function versionOf(metadata: Record<string, unknown> | undefined): number {
  const v = metadata?.[versionKey];
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 1;
}

export function eventContract<
  const T extends string,
  Shape extends z.core.$ZodShape,
  Config extends z.core.$ZodObjectConfig,
>(
  type: T,
  version: number,
  schema: z.ZodObject<Shape, Config>,
  older: Record<number, OlderVersion> = {},
) {
  const full = schema.extend({ type: z.literal(type) });
  return { type, version, schema: full, older } as const satisfies EventContract<T, typeof full>;
}

export type EventOf<C extends { schema: z.ZodType }> = z.infer<C['schema']>;

/** A recorded event read back through its contract, before any upcasting. */
export interface Decoded<T extends string = string> {
  type: T;
  version: number;
  data: unknown;
}

/** Thrown when a recorded event does not match the contract of its type and version. */
export class EventDecodeError extends Error {
  constructor(
    readonly eventType: string,
    readonly version: number,
    readonly issues: string,
  ) {
    super(`event ${eventType} v${version} does not match its contract: ${issues}`);
    this.name = 'EventDecodeError';
  }
}

/**
 * Parses a stored payload with the schema of the version it was written with, then raises it
 * to the current version through every upcaster that needs no outside fact. Returns the
 * version reached: less than `contract.version` only when an upcaster needs facts the caller
 * must bring (the contract says which).
 */
export function decodeWith<C extends EventContract>(
  contract: C,
  data: unknown,
  metadata?: Record<string, unknown>,
): { version: number; data: unknown } {
  let version = versionOf(metadata);
  const schema = version === contract.version ? contract.schema : contract.older[version]?.schema;
  if (!schema) throw new EventDecodeError(contract.type, version, 'unknown version');
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new EventDecodeError(contract.type, version, z.prettifyError(parsed.error));
  }
  let value: unknown = parsed.data;
  while (version < contract.version) {
    const up = contract.older[version]?.up as ((d: unknown) => unknown) | undefined;
    if (!up) break;
    value = up(value);
    version += 1;
  }
  return { version, data: value };
}

/** How an event is handed to the store: typed payload, version in metadata. */
export function encodeWith(
  contract: Pick<EventContract, 'type' | 'version'>,
  data: unknown,
  metadata: Record<string, unknown> = {},
): { type: string; data: unknown; metadata: Record<string, unknown> } {
  return { type: contract.type, data, metadata: { ...metadata, schemaVersion: contract.version } };
}

/** The version each contract writes today, by type: what a slice hands its command handler. */
export function versionsOf<const C extends ReadonlyArray<Pick<EventContract, 'type' | 'version'>>>(
  contracts: C,
): { readonly [T in C[number]['type']]: number } {
  return Object.fromEntries(contracts.map((c) => [c.type, c.version])) as {
    readonly [T in C[number]['type']]: number;
  };
}
