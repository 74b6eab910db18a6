import type { ComponentChildren } from 'preact';
import { useI18n, type TextKey } from '../i18n';
import { linkProps } from '../router';
import { screensOf } from '../routes';
import type { Role } from '../session';

/** The frame of every screen: title bar, the role's menu (or the public pages'), and the screen. */
export function Layout(props: {
  role?: Role;
  path: string;
  onSignOut?: () => void;
  /** A menu of its own (the public pages'), instead of the role's. */
  links?: { label: TextKey; items: ReadonlyArray<{ path: string; title: TextKey }> };
  children: ComponentChildren;
}) {
  const { t, lang, setLang } = useI18n();
  const menu =
    props.links?.items ??
    (props.role ? [{ path: '/', title: 'nav.home' as const }, ...screensOf(props.role)] : []);
  return (
    <>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="bar">
        <span class="brand">{t('app.name')}</span>
        <span class="bar-actions">
          <button
            type="button"
            lang={lang === 'fa' ? 'en' : 'fa'}
            aria-label={t('lang.switchLabel')}
            onClick={() => setLang(lang === 'fa' ? 'en' : 'fa')}
          >
            {t('lang.switch')}
          </button>
          {props.onSignOut ? (
            <button type="button" onClick={props.onSignOut}>
              {t('nav.signOut')}
            </button>
          ) : null}
        </span>
      </header>
      {menu.length ? (
        <nav class="menu" aria-label={t(props.links?.label ?? 'nav.label')}>
          <ul>
            {menu.map((s) => (
              <li key={s.path}>
                <a {...linkProps(s.path)} aria-current={props.path === s.path ? 'page' : undefined}>
                  {t(s.title)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <main id="main">{props.children}</main>
    </>
  );
}
