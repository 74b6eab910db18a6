import { randomUUID } from 'node:crypto';
import { encodeWith } from '../../contracts/events/contract';
import {
  CustomerDataAccessed,
  CustomerDataAccessFailed,
  CustomerDataAccessRefused,
  dataAccessStream,
  type DataAccessAttempt,
} from '../../contracts/events/dataAccess';
import type { DataAccessRule } from '../../contracts/vocabulary';
import type { ReportingDeps } from '../../projections';
import type { Clock } from '../shared/clock';
import { AccessRefusedError } from '../shared/errors';
import type { EventStore } from '../shared/eventStore';
import type { SecretBox } from '../shared/secrets';
import type { DataExchange } from './exchange/port';
import type { InstructionBook } from './instructionBook';

/** What the slice reads of other slices' in-memory models, as functions. */
export interface DataAccessLookups {
  agencyOfService(serviceCode: string): string | undefined;
  agencyExists(agencyId: string): boolean;
  officeProvince(officeId: string): string | undefined;
  licenseActiveAt(officeId: string, at: Date): boolean;
  assignedAt(officeId: string, serviceCode: string, at: Date): boolean;
  /** Keyed hash of a national id, the one payments keep (so a citizen's records link). */
  customerRef(nationalId: string): string;
}

export interface DataAccessDeps {
  store: EventStore;
  clock: Clock;
  secrets: SecretBox;
  book: InstructionBook;
  exchange: DataExchange;
  /** DATA_EXCHANGE_CENTER_ONLY: the center is on whatever the regulator's commands say. */
  exchangeCenterOnly: boolean;
  lookups: DataAccessLookups;
  reporting: Pick<ReportingDeps, 'db' | 'runner'>;
}

/** Whether only the exchange center may be used now: by configuration, or the regulator's last command. */
export const exchangeCenterOn = (d: Pick<DataAccessDeps, 'book' | 'exchangeCenterOnly'>) =>
  d.exchangeCenterOnly || (d.book.exchangeCenterCommand()?.on ?? false);

const contractOf = {
  CustomerDataAccessed,
  CustomerDataAccessRefused,
  CustomerDataAccessFailed,
} as const;

/** Records one access attempt in its own stream: the audit record, whatever its outcome. */
export async function recordAttempt(store: EventStore, attempt: DataAccessAttempt) {
  return store.append(
    dataAccessStream(attempt.accessId),
    [encodeWith(contractOf[attempt.type], attempt)],
    'no_stream',
  );
}

const ruleText: Record<DataAccessRule, string> = {
  'no-instruction': 'the agency has no acknowledged instruction in force for this service',
  'item-not-allowed': 'the instruction does not allow one of the items asked for',
  'consent-missing': "no consent of this customer for this office's delivery of the service",
  'consent-wrong': 'the one-time code is wrong (or too many wrong codes were given)',
  'consent-expired': 'the one-time code has expired; ask for a new one',
  'customer-absent': 'the instruction requires the customer to be present',
  'license-inactive': "the office's license is not active",
  'service-not-assigned': 'the service is not assigned to the office',
  'limit-reached': 'the look-ups allowed for this service delivery are used up',
  'outside-hours': 'outside the office hours the instruction allows',
  'direct-channel-closed':
    'the exchange center is on: customer data is reached only through it, not the agency directly',
};

/** Records the refused attempt, then refuses with the rule named. */
export async function refuse(
  store: EventStore,
  attempt: Omit<Extract<DataAccessAttempt, { type: 'CustomerDataAccessRefused' }>, 'type'>,
): Promise<never> {
  await recordAttempt(store, { type: 'CustomerDataAccessRefused', ...attempt });
  throw new AccessRefusedError(attempt.rule, ruleText[attempt.rule]);
}

export const newAccessId = () => randomUUID();
