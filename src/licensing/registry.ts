import type { EventStore } from '../shared/eventStore';
import { keyedModel, type Snapshot } from '../shared/keyedFold';
import { activeAt, licenseFold, statusAt, type LicenseRecord, type LicenseStatus } from './license';

export { licenseFold, type LicenseRecord } from './license';

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

export function licenseRegistry(
  store: EventStore,
  snapshot?: Snapshot<LicenseRecord>,
): LicenseRegistry {
  const numbers = new Map<string, string>();
  const { records, following } = keyedModel(store, licenseFold, {
    ...(snapshot ? { snapshot } : {}),
    onRecord: (licenseId, r) => {
      if ('terms' in r.state) numbers.set(r.state.terms.licenseNumber, licenseId);
    },
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
