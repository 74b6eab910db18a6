import { cataloguePublished } from '../../contracts/events/catalogue';
import { versionsOf } from '../../contracts/events/contract';
import type { Decider } from '../shared/eventStore';
import { IllegalStateError, ValidationError, type FieldProblem } from '../shared/errors';
import {
  addJalaliYears,
  jalaliDateOf,
  parseHalfYear,
  startOfJalaliDay,
} from '../shared/jalaliPeriod';
import { provinceCodeProblem } from '../shared/provinces';
import {
  evolveCatalogue,
  type Catalogue,
  type CatalogueEvent,
  type CatalogueScope,
} from './catalogue';

/** Clause 2: every listed service must be offered through offices within two years of notification. */
export const MAX_YEARS_TO_OFFER = 2;

export interface PublishCatalogue {
  type: 'PublishCatalogue';
  scope: CatalogueScope;
  period: string;
  entries: Array<{ serviceCode: string; conditions: string; availableFrom?: Date; offerBy: Date }>;
  /** Looked up by the caller: the owning agency of each known service. */
  serviceAgency: (serviceCode: string) => string | undefined;
  publishedBy: string;
  at: Date;
}

export type CatalogueCommand = PublishCatalogue;

/** The last instant a deadline may fall on: the end of the same Jalali day two years on. */
export function latestDeadline(notifiedAt: Date): Date {
  const day = addJalaliYears(jalaliDateOf(notifiedAt), MAX_YEARS_TO_OFFER);
  const next = startOfJalaliDay(day);
  return new Date(next.getTime() + 24 * 3600_000 - 1);
}

function publish(command: PublishCatalogue, state: Catalogue): CatalogueEvent[] {
  const problems: FieldProblem[] = [];
  const period = parseHalfYear(command.period);
  if (!period) problems.push({ path: 'period', message: 'not a Jalali half-year like 1397-H1' });
  const provinceProblem =
    command.scope.kind === 'provincial' ? provinceCodeProblem(command.scope.province) : undefined;
  if (provinceProblem) problems.push({ path: 'province', message: provinceProblem });
  const latest = latestDeadline(command.at);
  const seen = new Set<string>();
  const entries = command.entries.map((entry, i) => {
    const path = `entries.${i}`;
    const agencyId = command.serviceAgency(entry.serviceCode);
    if (!agencyId)
      problems.push({ path: `${path}.serviceCode`, message: `no service ${entry.serviceCode}` });
    if (seen.has(entry.serviceCode))
      problems.push({ path: `${path}.serviceCode`, message: 'listed twice' });
    seen.add(entry.serviceCode);
    const availableFrom = entry.availableFrom ?? period?.start ?? command.at;
    if (period && (availableFrom < period.start || availableFrom >= period.end)) {
      problems.push({ path: `${path}.availableFrom`, message: `outside the period ${period.id}` });
    }
    if (entry.offerBy < command.at)
      problems.push({ path: `${path}.offerBy`, message: 'before the notification' });
    if (entry.offerBy > latest) {
      problems.push({
        path: `${path}.offerBy`,
        message: `more than ${MAX_YEARS_TO_OFFER} years after the notification`,
      });
    }
    return {
      serviceCode: entry.serviceCode,
      agencyId: agencyId ?? '',
      conditions: entry.conditions,
      availableFrom: availableFrom.toISOString(),
      offerBy: entry.offerBy.toISOString(),
    };
  });
  if (problems.length > 0 || !period)
    throw new ValidationError('The catalogue is not valid', problems);
  if (state.status === 'published' && state.lastPublishedAt > command.at.toISOString()) {
    throw new IllegalStateError('A later version of this catalogue was already published');
  }
  return [
    {
      type: 'CataloguePublished',
      scope: command.scope,
      period: period.id,
      version: state.status === 'published' ? state.version + 1 : 1,
      publishedAt: command.at.toISOString(),
      publishedBy: command.publishedBy,
      entries,
    },
  ];
}

export function decideCatalogue(command: CatalogueCommand, state: Catalogue): CatalogueEvent[] {
  switch (command.type) {
    case 'PublishCatalogue':
      return publish(command, state);
    default: {
      const unknown: never = command.type;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const catalogueDecider: Decider<CatalogueCommand, CatalogueEvent, Catalogue> = {
  initialState: () => ({ status: 'unpublished' }),
  evolve: evolveCatalogue,
  decide: decideCatalogue,
  eventVersions: versionsOf([cataloguePublished]),
};
