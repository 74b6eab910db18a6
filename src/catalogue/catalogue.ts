import type { z } from 'zod';
import type {
  CatalogueEntrySchema,
  cataloguePublished,
  CatalogueScopeSchema,
} from '../../contracts/events/catalogue';
import type { EventOf } from '../../contracts/events/contract';

export type CatalogueScope = z.infer<typeof CatalogueScopeSchema>;
export type CatalogueEntry = z.infer<typeof CatalogueEntrySchema>;
export type CataloguePublished = EventOf<typeof cataloguePublished>;

export type CatalogueEvent = CataloguePublished;

export type Catalogue =
  { status: 'unpublished' } | { status: 'published'; version: number; lastPublishedAt: string };

export const scopeKey = (scope: CatalogueScope) =>
  scope.kind === 'national' ? 'national' : scope.province;

/** `catalogue-national_1397-H1`, `catalogue-IR-23_1397-H1`. */
export const catalogueStream = (scope: CatalogueScope, period: string) =>
  `catalogue-${scopeKey(scope)}_${period}`;

export function evolveCatalogue(_state: Catalogue, event: CatalogueEvent): Catalogue {
  switch (event.type) {
    case 'CataloguePublished':
      return { status: 'published', version: event.version, lastPublishedAt: event.publishedAt };
  }
}
