import { tehranTimeOf } from '../../contracts/primitives/jalali';
import type { DataAccessRule } from '../../contracts/vocabulary';
import type { InstructionVersion, ServiceAccess } from './instruction';

export { tehranTimeOf };

/** Whether `at` falls within office hours `from`–`to` (Tehran), an overnight span included. */
export function withinHours(hours: { from: string; to: string }, at: Date): boolean {
  const t = tehranTimeOf(at);
  return hours.from <= hours.to ? t >= hours.from && t < hours.to : t >= hours.from || t < hours.to;
}

/**
 * The reference facts one look-up is decided on, gathered before the decision from the
 * in-memory models (instructions, licenses, assignments) and the request.
 */
export interface AccessFacts {
  /** The instruction in force for the service's agency, if any. */
  instruction?: InstructionVersion;
  serviceCode: string;
  items: readonly string[];
  /** The exchange center is switched on: only the `nix` channel may be used. */
  exchangeCenterOnly: boolean;
  licenseActive: boolean;
  assigned: boolean;
  customerPresent: boolean;
  at: Date;
}

export type AccessDecision =
  | { granted: false; rule: DataAccessRule; rules?: ServiceAccess }
  | { granted: true; rules: ServiceAccess; instruction: InstructionVersion };

/**
 * The rules of the instruction and of the resolution a look-up must pass before the provider is
 * asked, in the order they are checked; the consent and the look-up limit are the consent's own
 * (consent.decide.ts). Pure: the same facts give the same answer.
 */
export function decideAccess(f: AccessFacts): AccessDecision {
  const rules = f.instruction?.recorded.services.find((s) => s.serviceCode === f.serviceCode);
  if (!f.instruction || !rules) return { granted: false, rule: 'no-instruction' };
  const refuse = (rule: DataAccessRule): AccessDecision => ({ granted: false, rule, rules });
  if (f.items.some((i) => !rules.items.includes(i))) return refuse('item-not-allowed');
  if (f.exchangeCenterOnly && f.instruction.recorded.channel !== 'nix')
    return refuse('direct-channel-closed');
  if (!f.licenseActive) return refuse('license-inactive');
  if (!f.assigned) return refuse('service-not-assigned');
  if (rules.officeHours && !withinHours(rules.officeHours, f.at)) return refuse('outside-hours');
  if (rules.customerPresent && !f.customerPresent) return refuse('customer-absent');
  return { granted: true, rules, instruction: f.instruction };
}
