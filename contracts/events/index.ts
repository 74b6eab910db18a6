import { applicantsContracts } from './applicants';
import { calendarContracts } from './calendar';
import { catalogueContracts } from './catalogue';
import { complaintContracts } from './complaints';
import { consentEvents, dataAccessEvents, dataInstructionEvents } from './dataAccess';
import { decodeWith, EventDecodeError, type EventOf } from './contract';
import { credentialContracts } from './credentials';
import { ledgerEvents } from './ledger';
import { licensingContracts } from './licensing';
import { officeContracts } from './offices';
import { paymentContracts } from './payments';
import { pspContracts } from './psps';
import { pspSettlementEvents } from './pspSettlement';
import { reassessmentEvents } from './reassessment';
import { reconciliationEvents } from './reconciliation';
import { LicenseNumberReserved, OfficeOfLicenseReserved } from './reservations';
import { settlementEvents } from './settlement';
import { recommendationOutcomeEvents, supervisionEvents } from './supervision';
import { holdersContracts } from './holders';
import { tariffContracts } from './tariffs';
import { webhookEvents } from './webhooks';

const all = [
  ...catalogueContracts,
  ...tariffContracts,
  ...licensingContracts,
  LicenseNumberReserved,
  ...officeContracts,
  OfficeOfLicenseReserved,
  ...credentialContracts,
  ...complaintContracts,
  ...calendarContracts,
  ...supervisionEvents,
  ...recommendationOutcomeEvents,
  ...settlementEvents,
  ...ledgerEvents,
  ...reconciliationEvents,
  ...pspSettlementEvents,
  ...pspContracts,
  ...reassessmentEvents,
  ...paymentContracts,
  ...dataInstructionEvents,
  ...consentEvents,
  ...dataAccessEvents,
  ...webhookEvents,
  ...applicantsContracts,
  ...holdersContracts,
] as const;

type AnyContract = (typeof all)[number];

/** Every event type the log holds a contract for. */
export type KnownEventType = AnyContract['type'];

/** The contract of every event type, by type. */
export const eventContracts = Object.fromEntries(all.map((c) => [c.type, c])) as {
  readonly [C in AnyContract as C['type']]: C;
};

/** An event read back through its contract and raised to the version written today. */
export type DecodedEvent = {
  [T in KnownEventType]: {
    type: T;
    /** The version the payload now has: the contract's current one. */
    version: number;
    data: EventOf<(typeof eventContracts)[T]>;
  };
}[KnownEventType];

/** What `decodeEvent` needs of a recorded event: its type, payload and metadata. */
export interface RecordedForDecoding {
  type: string;
  data: unknown;
  metadata?: Record<string, unknown>;
}

export function isKnownEventType(type: string): type is KnownEventType {
  return Object.hasOwn(eventContracts, type);
}

/**
 * Reads a recorded event with the schema of the version it was written with and raises it to
 * today's version. Refuses (EventDecodeError) a type without a contract, a payload that does
 * not match, and an older version whose upcaster needs facts the payload lacks: a reader of
 * such a contract decodes with `decodeWith` and brings the facts itself.
 */
export function decodeEvent(recorded: RecordedForDecoding): DecodedEvent {
  const { type } = recorded;
  if (!isKnownEventType(type)) throw new EventDecodeError(type, 0, 'no contract for this type');
  const contract = eventContracts[type];
  const decoded = decodeWith(contract, recorded.data, recorded.metadata);
  if (decoded.version !== contract.version) {
    throw new EventDecodeError(
      type,
      decoded.version,
      `raising to v${contract.version} needs facts the payload does not hold`,
    );
  }
  return { type, version: decoded.version, data: decoded.data } as DecodedEvent;
}

export { EventDecodeError, encodeWith, versionOf, versionsOf, type EventOf } from './contract';
export * from './applicants';
export * from './calendar';
export * from './holders';
export * from './catalogue';
export * from './complaints';
export * from './credentials';
export * from './dataAccess';
export * from './licensing';
export * from './offices';
export * from './payments';
export * from './pspSettlement';
export * from './reassessment';
export * from './reconciliation';
export * from './reservations';
export * from './settlement';
export * from './supervision';
export * from './tariffs';
export * from './webhooks';
