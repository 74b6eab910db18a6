import { tehranTimeOf } from '../../contracts/primitives/jalali';
import { dataAccessEvents, type DataAccessAttempt } from '../../contracts/events/dataAccess';
import type { RecordedEvent } from '../../src/shared/eventStore';
import { decoded } from '../decode';
import type { SqlValue } from '../db';
import type { Projection } from '../projection';

/** Hours (Asia/Tehran) outside which a look-up is listed as an anomaly, whatever its instruction allows. */
export const usualHours = { from: '07:00', to: '19:00' };

const outcomeOf = {
  CustomerDataAccessed: 'granted',
  CustomerDataAccessRefused: 'refused',
  CustomerDataAccessFailed: 'failed',
} as const;

/**
 * An attempt outside hours (بیرون از ساعت کاری): made outside the usual hours, or refused because
 * the agency's instruction does not allow look-ups at that hour.
 */
const outsideHours = (a: DataAccessAttempt, time: string) =>
  time < usualHours.from ||
  time >= usualHours.to ||
  (a.type === 'CustomerDataAccessRefused' && a.rule === 'outside-hours');

function rowOf(e: RecordedEvent): SqlValue[] | undefined {
  const d = decoded(e);
  if (!d || !(d.type in outcomeOf)) return undefined;
  const a = d.data as DataAccessAttempt;
  if (e.stream !== `dataaccess-${a.accessId}`) return undefined;
  const time = tehranTimeOf(new Date(a.at));
  return [
    a.accessId,
    e.position,
    a.at,
    outcomeOf[a.type],
    a.type === 'CustomerDataAccessRefused'
      ? a.rule
      : a.type === 'CustomerDataAccessFailed'
        ? a.reason
        : null,
    a.agencyId ?? null,
    a.officeId,
    a.province ?? null,
    a.serviceCode,
    a.customerRef,
    JSON.stringify(a.items),
    a.instructionVersion ?? null,
    a.channel ?? null,
    a.type === 'CustomerDataAccessed' ? a.providerReference : null,
    a.type === 'CustomerDataAccessed' ? a.digest : null,
    a.credentialId,
    a.operator,
    a.consentId ?? null,
    outsideHours(a, time) ? 1 : 0,
  ];
}

/**
 * The audit of customer-data access (ممیزی دسترسی به اطلاعات مشتریان, clause 5): one row per
 * attempt, granted, refused or failed, with who asked, for whom (the keyed hash only), what,
 * under which instruction version, and the digest of what was handed over. Never the data.
 * An attempt is its stream's only event, keyed by its id: a replay inserts nothing.
 */
export function dataAccessProjection(): Projection {
  return {
    name: 'dataAccess',
    version: 2,
    eventTypes: dataAccessEvents.map((c) => c.type),
    tables: ['attempts'],
    schema: (p) => [
      `CREATE TABLE ${p}_attempts (
         access_id TEXT PRIMARY KEY, position BIGINT NOT NULL UNIQUE, at TEXT NOT NULL,
         outcome TEXT NOT NULL, rule TEXT, agency_id TEXT, office_id TEXT NOT NULL, province TEXT,
         service_code TEXT NOT NULL, customer_ref TEXT NOT NULL, items TEXT NOT NULL,
         instruction_version BIGINT, channel TEXT, provider_reference TEXT, digest TEXT,
         credential_id TEXT NOT NULL, operator TEXT NOT NULL, consent_id TEXT,
         outside_hours BIGINT NOT NULL)`,
      `CREATE INDEX ${p}_attempts_agency ON ${p}_attempts (agency_id, position)`,
      `CREATE INDEX ${p}_attempts_office ON ${p}_attempts (office_id, at)`,
      `CREATE INDEX ${p}_attempts_customer ON ${p}_attempts (customer_ref, position)`,
      `CREATE INDEX ${p}_attempts_at ON ${p}_attempts (at)`,
    ],
    async applyBatch(tx, events, p) {
      const rows = events.map(rowOf).filter((r): r is SqlValue[] => r !== undefined);
      await tx.runMany(
        `INSERT INTO ${p}_attempts (access_id, position, at, outcome, rule, agency_id, office_id,
           province, service_code, customer_ref, items, instruction_version, channel,
           provider_reference, digest, credential_id, operator, consent_id, outside_hours)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        rows,
      );
    },
  };
}
