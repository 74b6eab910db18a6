import { useI18n, type TextKey } from '../../i18n';
import { linkProps } from '../../router';
import { screensOf } from '../../routes';
import { useSignedIn } from '../../session';

/** Every role's home: who is signed in, with what scope, and the role's screens. */
export function Home() {
  const { t, digits } = useI18n();
  const { role, scope } = useSignedIn();
  const own = screensOf(role);
  const scopeText = Object.entries(scope)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join('، ');
  return (
    <section>
      <h1>{t(`role.${role}` as TextKey)}</h1>
      {scopeText ? (
        <p>
          {t('home.scope')}: <span dir="ltr">{digits(scopeText)}</span>
        </p>
      ) : null}
      {own.length ? (
        <>
          <p>{t('home.welcome')}</p>
          <ul class="tiles">
            {own.map((s) => (
              <li key={s.path}>
                <a {...linkProps(s.path)}>{t(s.title)}</a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('home.none')}</p>
      )}
    </section>
  );
}
