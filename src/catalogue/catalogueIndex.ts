import { positioned, type Fold } from '../shared/readModel';
import { compareHalfYears, halfYearOf, parseHalfYear, type HalfYear } from '../shared/jalaliPeriod';
import type { AgencyEvent, AgencyRegistered } from './agency';
import {
  scopeKey,
  type CatalogueEntry,
  type CataloguePublished,
  type CatalogueScope,
} from './catalogue';
import type { ServiceDefined, ServiceEvent } from './service';

export type CatalogueIndexEvent = AgencyEvent | ServiceEvent | CataloguePublished;

export const catalogueEventTypes: readonly CatalogueIndexEvent['type'][] = [
  'AgencyRegistered',
  'ServiceDefined',
  'ServiceLaunchedAtOffices',
  'CataloguePublished',
];

export type AgencyInfo = Omit<AgencyRegistered, 'type'>;
export type ServiceInfo = Omit<ServiceDefined, 'type'> & { launchedAt?: string };

/** A service that may be outsourced to offices at a time, and which list says so. */
export interface OutsourceableService extends CatalogueEntry {
  scope: CatalogueScope;
  period: string;
  version: number;
}

/** A listed service whose deadline has passed without being offered through offices. */
export interface OverdueService {
  serviceCode: string;
  scope: CatalogueScope;
  period: string;
  version: number;
  offerBy: string;
  daysOverdue: number;
}

export interface AgencyBehind {
  agencyId: string;
  nameFa: string;
  nameEn: string;
  overdue: OverdueService[];
}

/**
 * Agencies, services and every catalogue version, folded from events, answering "as of"
 * any instant. A version is in force from its notification (publishedAt). On a given
 * instant a scope's list is the latest version, notified by then, for the half-year
 * containing that instant; when none was notified yet for that half-year, the latest
 * list of the most recent earlier half-year stays in force (a late publication does not
 * leave offices with nothing to offer).
 */
export function catalogueIndex() {
  const agencies = new Map<string, AgencyInfo>();
  const services = new Map<string, ServiceInfo>();
  /** scope key → period → versions in order. */
  const lists = new Map<string, Map<string, CataloguePublished[]>>();
  /** scope key → its periods, newest first; dropped when that scope publishes again. */
  const periodsNewestFirst = new Map<string, HalfYear[]>();

  const fold: Fold = positioned((data) => {
    const event = data as CatalogueIndexEvent;
    switch (event.type) {
      case 'AgencyRegistered': {
        const { type: _t, ...agency } = event;
        agencies.set(event.agencyId, agency);
        break;
      }
      case 'ServiceDefined': {
        const { type: _t, ...service } = event;
        services.set(event.serviceCode, service);
        break;
      }
      case 'ServiceLaunchedAtOffices': {
        const service = services.get(event.serviceCode);
        if (service) service.launchedAt = event.launchedAt;
        break;
      }
      case 'CataloguePublished': {
        const key = scopeKey(event.scope);
        const byPeriod = lists.get(key) ?? new Map<string, CataloguePublished[]>();
        byPeriod.set(event.period, [...(byPeriod.get(event.period) ?? []), event]);
        lists.set(key, byPeriod);
        periodsNewestFirst.delete(key);
        break;
      }
    }
  });

  function versionAsOf(versions: readonly CataloguePublished[], at: Date) {
    const iso = at.toISOString();
    return versions.filter((v) => v.publishedAt <= iso).at(-1);
  }

  /** The version of one scope's list that is in force at `at` (see the carry-over rule above). */
  function inForce(scope: CatalogueScope, at: Date): CataloguePublished | undefined {
    const key = scopeKey(scope);
    const byPeriod = lists.get(key);
    if (!byPeriod) return undefined;
    let periods = periodsNewestFirst.get(key);
    if (!periods) {
      periods = [...byPeriod.keys()]
        .map((id) => parseHalfYear(id)!)
        .sort((a, b) => compareHalfYears(b, a));
      periodsNewestFirst.set(key, periods);
    }
    const current = halfYearOf(at);
    for (const p of periods) {
      if (compareHalfYears(p, current) > 0) continue;
      const version = versionAsOf(byPeriod.get(p.id) ?? [], at);
      if (version) return version;
    }
    return undefined;
  }

  return {
    fold,
    agency: (agencyId: string) => agencies.get(agencyId),
    service: (serviceCode: string) => services.get(serviceCode),
    agencies: () => [...agencies.values()],
    services: () => [...services.values()],

    /** One list as it stood at `at`: the latest version of that scope and period notified by then. */
    catalogueAsOf(scope: CatalogueScope, period: string, at: Date): CataloguePublished | undefined {
      return versionAsOf(lists.get(scopeKey(scope))?.get(period) ?? [], at);
    },
    inForce,
    versions(scope: CatalogueScope, period: string): readonly CataloguePublished[] {
      return lists.get(scopeKey(scope))?.get(period) ?? [];
    },

    /** Services outsourceable in a province at an instant: the national list plus the province's own. */
    outsourceableIn(province: string, at: Date): OutsourceableService[] {
      const iso = at.toISOString();
      const found: OutsourceableService[] = [];
      for (const scope of [
        { kind: 'national' },
        { kind: 'provincial', province },
      ] as CatalogueScope[]) {
        const list = inForce(scope, at);
        for (const entry of list?.entries ?? []) {
          if (entry.availableFrom > iso || found.some((f) => f.serviceCode === entry.serviceCode))
            continue;
          found.push({
            ...entry,
            scope: list!.scope,
            period: list!.period,
            version: list!.version,
          });
        }
      }
      return found;
    },

    isOutsourceable(serviceCode: string, province: string, at: Date): boolean {
      const iso = at.toISOString();
      return ([{ kind: 'national' }, { kind: 'provincial', province }] as CatalogueScope[]).some(
        (scope) =>
          inForce(scope, at)?.entries.some(
            (e) => e.serviceCode === serviceCode && e.availableFrom <= iso,
          ),
      );
    },

    /**
     * Agencies behind their timetable (عقب‌تر از جدول زمانی) at `at`: a service listed by
     * any list version notified by then, whose deadline has passed, and which was not
     * launched at offices by then. The earliest deadline of a service per scope counts.
     */
    behindTimetable(at: Date): AgencyBehind[] {
      const iso = at.toISOString();
      const overdue = new Map<string, { agencyId: string; item: OverdueService }>();
      for (const byPeriod of lists.values()) {
        for (const versions of byPeriod.values()) {
          const list = versionAsOf(versions, at);
          for (const entry of list?.entries ?? []) {
            if (entry.offerBy >= iso) continue;
            const launchedAt = services.get(entry.serviceCode)?.launchedAt;
            if (launchedAt !== undefined && launchedAt <= iso) continue;
            const key = `${scopeKey(list!.scope)}|${entry.serviceCode}`;
            const previous = overdue.get(key);
            if (previous && previous.item.offerBy <= entry.offerBy) continue;
            const daysOverdue = Math.floor((at.getTime() - Date.parse(entry.offerBy)) / 86_400_000);
            overdue.set(key, {
              agencyId: entry.agencyId,
              item: {
                serviceCode: entry.serviceCode,
                scope: list!.scope,
                period: list!.period,
                version: list!.version,
                offerBy: entry.offerBy,
                daysOverdue,
              },
            });
          }
        }
      }
      const byAgency = new Map<string, AgencyBehind>();
      for (const { agencyId, item } of overdue.values()) {
        const agency = agencies.get(agencyId);
        const row = byAgency.get(agencyId) ?? {
          agencyId,
          nameFa: agency?.nameFa ?? '',
          nameEn: agency?.nameEn ?? '',
          overdue: [],
        };
        row.overdue.push(item);
        byAgency.set(agencyId, row);
      }
      return [...byAgency.values()].sort((a, b) => a.agencyId.localeCompare(b.agencyId));
    },
  };
}

export type CatalogueIndex = ReturnType<typeof catalogueIndex>;
