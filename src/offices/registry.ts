import type { CatalogueIndex } from '../catalogue';
import type { LicenseRegistry } from '../licensing';
import {
  officeFold,
  terminalFold,
  type OfficeRecord,
  type TerminalRecord,
} from '../../contracts/reference/officeRecords';
import type { EventStore } from '../shared/eventStore';
import { keyedModel, type Snapshot } from '../shared/keyedFold';
import { isAssigned } from './office';

export {
  officeFold,
  terminalFold,
  type OfficeChange,
  type OfficeRecord,
  type RegisteredOffice,
  type TerminalRecord,
} from '../../contracts/reference/officeRecords';

/** One stretch during which a service was assigned to an office: [from, until). */
export interface AssignmentRow {
  officeId: string;
  serviceCode: string;
  agencyId: string | undefined;
  province: string;
  from: string;
  until?: string;
}

/**
 * The office registry (ثبت دفاتر), service assignments and terminals, in memory and kept
 * current by subscription. The payments slice asks it, for a transaction at time T:
 * which office a terminal belongs to, whether that office's license was active, and
 * whether the service was assigned to it.
 */
export function officeRegistry(
  store: EventStore,
  deps: { licenses: LicenseRegistry; catalogue: CatalogueIndex },
  snapshots: { offices?: Snapshot<OfficeRecord>; terminals?: Snapshot<TerminalRecord> } = {},
) {
  const byLicense = new Map<string, string>();
  const { records: offices, following: followingOffices } = keyedModel(store, officeFold, {
    ...(snapshots.offices ? { snapshot: snapshots.offices } : {}),
    onRecord: (officeId, r) => byLicense.set(r.state.licenseId, officeId),
  });
  const { records: terminals, following: followingTerminals } = keyedModel(
    store,
    terminalFold,
    snapshots.terminals ? { snapshot: snapshots.terminals } : {},
  );
  const followings = [followingOffices, followingTerminals];

  const office = (officeId: string) => offices.get(officeId);
  const agencyOf = (serviceCode: string) => deps.catalogue.service(serviceCode)?.agencyId;

  function assignments(): AssignmentRow[] {
    return [...offices.values()].flatMap(({ state }) =>
      Object.entries(state.assignments).flatMap(([serviceCode, intervals]) =>
        intervals.map((i) => ({
          officeId: state.officeId,
          serviceCode,
          agencyId: agencyOf(serviceCode),
          province: state.province,
          ...i,
        })),
      ),
    );
  }

  return {
    office,
    offices: () => [...offices.values()],
    officeOfLicense: (licenseId: string) => byLicense.get(licenseId),
    terminal: (terminalId: string) => terminals.get(terminalId),
    terminals: () => [...terminals.values()],
    assignments,
    agencyOf,
    /** Agencies whose services are assigned to the office at `at`: they may see the office. */
    agenciesServedBy(officeId: string, at: Date): string[] {
      const state = office(officeId)?.state;
      if (!state) return [];
      return Object.keys(state.assignments)
        .filter((code) => isAssigned(state, code, at))
        .flatMap((code) => agencyOf(code) ?? []);
    },

    /** "Terminal T → office O": the office an active terminal posts for, at `at`. */
    officeOfTerminal(terminalId: string, at: Date): string | undefined {
      const t = terminals.get(terminalId);
      if (!t || t.registered.registeredAt > at.toISOString()) return undefined;
      if (t.status === 'deactivated' && t.deactivatedAt <= at.toISOString()) return undefined;
      return t.registered.officeId;
    },
    /** The registered PSP (پرداخت‌یار) that runs a terminal, if a registered one does. */
    pspOfTerminal: (terminalId: string) => terminals.get(terminalId)?.registered.pspId,
    /** "License of O active at T". */
    licenseActiveAt(officeId: string, at: Date): boolean {
      const state = office(officeId)?.state;
      return state !== undefined && deps.licenses.activeAt(state.licenseId, at);
    },
    /** "Service S assigned to O at T". */
    assignedAt(officeId: string, serviceCode: string, at: Date): boolean {
      const state = office(officeId)?.state;
      return state !== undefined && isAssigned(state, serviceCode, at);
    },

    get position() {
      return Math.min(...followings.map((f) => f.position));
    },
    ensure: async (position: number) => {
      await Promise.all(followings.map((f) => f.ensure(position)));
    },
    ready: Promise.all(followings.map((f) => f.ready)).then(() => undefined),
    stop: async () => {
      await Promise.all(followings.map((f) => f.stop()));
    },
  };
}

export type OfficeRegistry = ReturnType<typeof officeRegistry>;
