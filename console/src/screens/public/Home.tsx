import { useI18n } from '../../i18n';
import { linkProps } from '../../router';
import { publicPages } from './pages';

/** The public pages' home: what a citizen can do without signing in. */
export function PublicHome() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('public.title')}</h1>
      <p>{t('public.intro')}</p>
      <ul class="tiles">
        {publicPages.map((p) => (
          <li key={p.path}>
            <a {...linkProps(p.path)}>{t(p.title)}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
