/**
 * Who a catalogue is for: the whole country (published by AREO, سازمان اداری و
 * استخدامی کشور) or one province (published by its Management and Planning
 * Organization, سازمان مدیریت و برنامه‌ریزی استان).
 */
export type CatalogueScope = { kind: 'national' } | { kind: 'provincial'; province: string };

/** One service in an outsourceable-services list, with its conditions and timetable. */
export interface CatalogueEntry {
  serviceCode: string;
  agencyId: string;
  conditions: string;
  /** From when offices may offer it (ISO instant); at the earliest the period start. */
  availableFrom: string;
  /** Deadline (مهلت) by which the agency must offer it through offices: at most 2 years after notification. */
  offerBy: string;
}

/**
 * A six-monthly list of outsourceable services (فهرست خدمات قابل برون‌سپاری) for one
 * scope and Jalali half-year. A later list for the same scope and period is a new
 * version; nothing is edited.
 */
export interface CataloguePublished {
  type: 'CataloguePublished';
  scope: CatalogueScope;
  /** Jalali half-year, e.g. `1397-H1`. */
  period: string;
  version: number;
  /** Notification date (تاریخ ابلاغ): from this instant the version is in force. */
  publishedAt: string;
  publishedBy: string;
  entries: CatalogueEntry[];
}

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
