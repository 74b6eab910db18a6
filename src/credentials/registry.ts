import { credentialFold, type CredentialRecord } from '../../contracts/reference/credential';
import type { EventStore } from '../shared/eventStore';
import { keyedModel, type Snapshot } from '../shared/keyedFold';

export { credentialFold, type CredentialRecord } from '../../contracts/reference/credential';

export interface CredentialRegistry {
  byTokenDigest(digest: string): Promise<CredentialRecord | undefined>;
  list(): CredentialRecord[];
  /** Makes sure everything up to `position` is applied (read-your-writes after an append). */
  ensure(position: number): Promise<void>;
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * In-memory read model of credentials, started from its projection's rows and kept current by
 * a subscription filtered on the credential event types (an indexed read). A token that is
 * not found triggers one catch-up read, so a token just created by the CLI in another process
 * works at once.
 */
export function credentialRegistry(
  store: EventStore,
  snapshot?: Snapshot<CredentialRecord>,
): CredentialRegistry {
  const byDigest = new Map<string, CredentialRecord>();
  const { records: byId, following } = keyedModel(store, credentialFold, {
    ...(snapshot ? { snapshot } : {}),
    onRecord: (_id, record) => byDigest.set(record.tokenSha256, record),
  });

  return {
    async byTokenDigest(digest) {
      if (!byDigest.has(digest)) await following.ensure();
      return byDigest.get(digest);
    },
    list: () => [...byId.values()],
    ensure: (target) => following.ensure(target),
    ready: following.ready,
    stop: () => following.stop(),
  };
}
