/**
 * The next version of a six-monthly catalogue (فهرست خدمات قابل برون‌سپاری) as AREO or a
 * provincial MPO prepares it before publishing: the API takes a whole list per version, so
 * entries are added and withdrawn here and the list is sent at once.
 */

/** An entry of the draft: as published (`listed`), added since, or withdrawn since. */
export interface DraftEntry {
  serviceCode: string;
  agencyId?: string;
  conditions: string;
  /** ISO instant as published; absent for an added entry (the period's first day then). */
  availableFrom?: string;
  /** ISO instant as published, or the Jalali day typed for an added entry. */
  offerBy: string;
  /** The offer-by day in Jalali, as shown. */
  offerByJalali: string;
  state: 'listed' | 'added' | 'withdrawn';
}

/** A published list as the API answers it (`GET /v1/catalogues/{scope}/{period}`). */
export interface PublishedList {
  version: number;
  entries: ReadonlyArray<{
    serviceCode: string;
    agencyId: string;
    conditions: string;
    availableFrom: { iso: string };
    offerBy: { iso: string; jalali: string };
  }>;
}

export const draftOf = (list: PublishedList | undefined): DraftEntry[] =>
  (list?.entries ?? []).map((e) => ({
    serviceCode: e.serviceCode,
    agencyId: e.agencyId,
    conditions: e.conditions,
    availableFrom: e.availableFrom.iso,
    offerBy: e.offerBy.iso,
    offerByJalali: e.offerBy.jalali.slice(0, 10),
    state: 'listed',
  }));

/** A service code as the API takes it: lower-case letters, digits and dashes. */
export const serviceCodePattern = /^[a-z0-9][a-z0-9-]{1,63}$/;

/**
 * The draft with a new entry (a withdrawn one of the same service is listed again with the new
 * terms); `duplicate` when the service is already in the draft.
 */
export function addEntry(
  draft: readonly DraftEntry[],
  entry: { serviceCode: string; conditions: string; offerByJalali: string },
): DraftEntry[] | 'duplicate' {
  const same = draft.find((e) => e.serviceCode === entry.serviceCode);
  if (same && same.state !== 'withdrawn') return 'duplicate';
  const added: DraftEntry = { ...entry, offerBy: entry.offerByJalali, state: 'added' };
  return [...draft.filter((e) => e !== same), added];
}

/** Withdraws a listed entry (kept, marked) or drops an added one. */
export const withdraw = (draft: readonly DraftEntry[], serviceCode: string): DraftEntry[] =>
  draft.flatMap((e) => {
    if (e.serviceCode !== serviceCode) return [e];
    if (e.state === 'added') return [];
    return [{ ...e, state: 'withdrawn' as const }];
  });

/** Lists a withdrawn entry again as it was published. */
export const restore = (draft: readonly DraftEntry[], serviceCode: string): DraftEntry[] =>
  draft.map((e) =>
    e.serviceCode === serviceCode && e.state === 'withdrawn' ? { ...e, state: 'listed' } : e,
  );

export const changed = (draft: readonly DraftEntry[]) => draft.some((e) => e.state !== 'listed');

/** The entries the next version lists, as `POST /v1/catalogues` takes them. */
export const entriesToPublish = (draft: readonly DraftEntry[]) =>
  draft
    .filter((e) => e.state !== 'withdrawn')
    .map((e) => ({
      serviceCode: e.serviceCode,
      conditions: e.conditions,
      offerBy: e.offerBy,
      ...(e.availableFrom ? { availableFrom: e.availableFrom } : {}),
    }));

/** The Jalali half-year (نیمسال) a Jalali day falls in, as the API names it: `1405-H2`. */
export const halfYearOf = (jalaliDay: string) =>
  `${jalaliDay.slice(0, 4)}-H${Number(jalaliDay.slice(5, 7)) <= 6 ? 1 : 2}`;

/** A half-year as typed (any digits, either case), as the API takes it; undefined when not one. */
export function parseHalfYear(ascii: string): string | undefined {
  const m = /^\s*(1[34]\d\d)\s*-\s*h([12])\s*$/i.exec(ascii);
  return m ? `${m[1]}-H${m[2]}` : undefined;
}
