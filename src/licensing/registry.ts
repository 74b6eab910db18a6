import { licensingContracts } from '../../contracts/events/licensing';
import type { EventFilter, EventStore } from '../shared/eventStore';
import { follow } from '../shared/readModel';
import {
  activeAt,
  evolveLicense,
  initialLicenseState,
  statusAt,
  type LicenseEvent,
  type LicenseState,
  type LicenseStatus,
} from './license';

/** One license (or application) as folded from its stream. */
export interface LicenseRecord {
  licenseId: string;
  state: Exclude<LicenseState, { status: 'none' }>;
  /** Last revision of its stream, for ETags and concurrency. */
  revision: number;
}

/**
 * The license registry (دفتر ثبت پروانه‌ها): every application and license in memory, kept
 * current by subscription. Other slices ask it "was license L active at T".
 */
export interface LicenseRegistry {
  get(licenseId: string): LicenseRecord | undefined;
  byNumber(licenseNumber: string): LicenseRecord | undefined;
  list(): LicenseRecord[];
  statusAt(licenseId: string, at: Date): LicenseStatus | undefined;
  activeAt(licenseId: string, at: Date): boolean;
  /** Log position the registry reflects. */
  readonly position: number;
  ensure(position: number): Promise<void>;
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * A license stream's events, by type as well as by stream: the log's type index then finds them
 * among millions of payments, where a stream prefix alone makes every adapter scan the log.
 */
const licenseFilter: EventFilter = {
  eventTypes: licensingContracts.map((c) => c.type),
  streamPrefixes: ['license-'],
};

export function licenseRegistry(store: EventStore): LicenseRegistry {
  const records = new Map<string, LicenseRecord>();
  const numbers = new Map<string, string>();
  const following = follow(store, licenseFilter, (recorded) => {
    const event = recorded.data as LicenseEvent;
    const previous = records.get(event.licenseId)?.state ?? initialLicenseState();
    const state = evolveLicense(previous, event);
    if (state.status === 'none') return;
    records.set(event.licenseId, {
      licenseId: event.licenseId,
      state,
      revision: recorded.revision,
    });
    if (event.type === 'LicenseIssued') numbers.set(event.licenseNumber, event.licenseId);
  });
  const get = (licenseId: string) => records.get(licenseId);
  return {
    get,
    byNumber: (n) => {
      const id = numbers.get(n);
      return id === undefined ? undefined : records.get(id);
    },
    list: () => [...records.values()],
    statusAt: (licenseId, at) => {
      const r = get(licenseId);
      return r && statusAt(r.state, at);
    },
    activeAt: (licenseId, at) => {
      const r = get(licenseId);
      return r !== undefined && activeAt(r.state, at);
    },
    get position() {
      return following.position;
    },
    ensure: (position) => following.ensure(position),
    ready: following.ready,
    stop: () => following.stop(),
  };
}
