import type { TextKey } from '../../i18n/dictionary';

/** The public pages (صفحه‌های عمومی), below /console/public: open to anyone, no session. */
export const publicPages: ReadonlyArray<{ path: string; title: TextKey }> = [
  { path: '/public/receipt', title: 'public.receipt' },
  { path: '/public/complaints', title: 'public.complaints' },
  { path: '/public/tariffs', title: 'public.tariffs' },
  { path: '/public/offices', title: 'public.offices' },
];

export const publicHome = '/public';

export const isPublicPath = (path: string) =>
  path === publicHome || path.startsWith(`${publicHome}/`);

/** The public pages' menu: their home, each page, and the way to the staff sign-in. */
export const publicMenu = {
  label: 'public.nav' as const,
  items: [
    { path: publicHome, title: 'public.home' as const },
    ...publicPages,
    { path: '/', title: 'public.staff' as const },
  ],
};

/** One search parameter of the address bar, e.g. the code a QR code links to. */
export function queryParam(name: string): string {
  return new URLSearchParams(location.search).get(name) ?? '';
}

/** Puts the page's search parameters in the address bar without a new history entry, so it can be shared. */
export function showQuery(values: Record<string, string>): void {
  const search = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== '')).toString();
  history.replaceState(null, '', `${location.pathname}${search ? `?${search}` : ''}`);
}
