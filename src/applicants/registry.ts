import type { EventStore } from '../shared/eventStore';
import { keyedModel } from '../shared/keyedFold';
import { applicationFold, type ApplicationRecord } from './application';

/**
 * The applications in memory (bounded like the license registry: one record per application),
 * followed from the log; a node replays the application streams at start (no snapshot yet).
 */
export interface ApplicationRegistry {
  get(applicationId: string): ApplicationRecord | undefined;
  byLicense(licenseId: string): ApplicationRecord | undefined;
  list(): ApplicationRecord[];
  readonly position: number;
  ensure(position: number): Promise<void>;
  ready: Promise<void>;
  readonly caughtUp: boolean;
  stop(): Promise<void>;
}

export function applicationRegistry(store: EventStore): ApplicationRegistry {
  const licenses = new Map<string, string>();
  const { records, following } = keyedModel(store, applicationFold, {
    onRecord: (id, r) => {
      if (r.state.licenseId) licenses.set(r.state.licenseId, id);
    },
  });
  return {
    get: (id) => records.get(id),
    byLicense: (licenseId) => {
      const id = licenses.get(licenseId);
      return id === undefined ? undefined : records.get(id);
    },
    list: () => [...records.values()],
    get position() {
      return following.position;
    },
    get caughtUp() {
      return following.caughtUp;
    },
    ensure: (p) => following.ensure(p),
    ready: following.ready,
    stop: () => following.stop(),
  };
}
