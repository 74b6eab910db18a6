import { useI18n } from '../../i18n';
import { linkProps } from '../../router';
import { publicPages } from './pages';

/** The public pages as a list of links, as tiles on their home or a line under the sign-in. */
export function PublicPageLinks({ tiles }: { tiles?: boolean }) {
  const { t } = useI18n();
  return (
    <ul class={tiles ? 'tiles' : undefined}>
      {publicPages.map((p) => (
        <li key={p.path}>
          <a {...linkProps(p.path)}>{t(p.title)}</a>
        </li>
      ))}
    </ul>
  );
}

/** The public pages' home: what a citizen can do without signing in. */
export function PublicHome() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('public.title')}</h1>
      <p>{t('public.intro')}</p>
      <PublicPageLinks tiles />
    </section>
  );
}
