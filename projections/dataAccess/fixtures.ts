import type { EventStore } from '../../src/shared/eventStore';

const attempt = (n: number, type: string, at: string, extra: Record<string, unknown>) => {
  const data = {
    type,
    accessId: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
    officeId: `OF${(n % 3) + 1}`,
    province: 'IR-23',
    credentialId: 'office-1',
    operator: 'Operator',
    customerRef: `hmac-sha256:${String(n % 2).repeat(64)}`,
    serviceCode: 'S1',
    agencyId: 'AG1',
    items: ['identity'],
    at,
    ...extra,
  };
  return { stream: `dataaccess-${data.accessId}`, event: { type, data } };
};

/**
 * Access attempts of every outcome, one outside usual hours and one within them refused by its
 * instruction's hours, for the audit projection's tests.
 */
export async function seedDataAccess(store: EventStore): Promise<void> {
  const granted = {
    instructionVersion: 1,
    channel: 'nix',
    level: 'identity',
    providerReference: 'LK-1',
    digest: 'sha256:00',
  };
  const all = [
    attempt(1, 'CustomerDataAccessed', '2024-09-21T07:00:00.000Z', granted),
    attempt(2, 'CustomerDataAccessRefused', '2024-09-21T07:05:00.000Z', { rule: 'consent-wrong' }),
    attempt(3, 'CustomerDataAccessFailed', '2024-09-21T07:10:00.000Z', {
      reason: 'timeout',
      attempts: 2,
    }),
    attempt(4, 'CustomerDataAccessed', '2024-09-21T20:00:00.000Z', granted),
    attempt(5, 'CustomerDataAccessRefused', '2024-09-21T08:00:00.000Z', { rule: 'outside-hours' }),
  ];
  for (const a of all)
    await store.append(a.stream, [{ ...a.event, metadata: { schemaVersion: 1 } }], 'no_stream');
}
