import { signedRialPattern } from '../contracts/primitives';
import { postingKinds } from '../contracts/vocabulary';

/**
 * Precompiled checks of the few fields the ledger folds read (`ledgerEntry`), for the bulk
 * rebuild's hot path: a handful of type tests and two regular expressions instead of a zod
 * parse per event. Each is stricter than the contract's schema it stands for (an instant
 * must be UTC and not a 29 February, whose year the schema checks), so what a check
 * accepts the schema accepts too (`ledgerShape.test.ts` holds them to that); what a check
 * refuses goes to the schema, which decides.
 */

/** An instant the contract's `StoredInstant` accepts: UTC, a real date other than 29 February. */
const utcInstant =
  /^\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8]))T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?Z$/;
const kinds: ReadonlySet<unknown> = new Set<string>(postingKinds);

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const optionalText = (v: unknown) => v === undefined || typeof v === 'string';

function postingsPass(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const p of v as unknown[]) {
    if (
      !isObject(p) ||
      !kinds.has(p.kind) ||
      typeof p.amount !== 'string' ||
      !signedRialPattern.test(p.amount) ||
      !optionalText(p.code) ||
      !optionalText(p.iban) ||
      !optionalText(p.depositId) ||
      !optionalText(p.agencyId)
    )
      return false;
  }
  return true;
}

/**
 * Whether `data` surely has the payment id, postings and the instant `timeKey` a ledger
 * event's schema asks for, and, with `accounts`, the office, service and agency too.
 */
export function entryPasses(data: unknown, timeKey: string, accounts: boolean): boolean {
  if (!isObject(data)) return false;
  const time = data[timeKey];
  return (
    typeof data.paymentId === 'string' &&
    typeof time === 'string' &&
    utcInstant.test(time) &&
    postingsPass(data.postings) &&
    (!accounts || accountsPass(data))
  );
}

/** Whether `data` surely has the office, service and (optional) agency of a payment. */
export function accountsPass(data: unknown): boolean {
  return (
    isObject(data) &&
    typeof data.officeId === 'string' &&
    typeof data.serviceCode === 'string' &&
    optionalText(data.agencyId)
  );
}
