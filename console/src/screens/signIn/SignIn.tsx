import { useState } from 'preact/hooks';
import type { Failure } from '../../api/client';
import { useI18n, type TextKey } from '../../i18n';
import { signUpPath } from '../applicant/SignUp';
import { PublicPageLinks } from '../public/Home';
import type { SignedOutReason } from '../../session';
import { useSession } from '../../session';
import { linkProps } from '../../router';
import { Field } from '../../ui/Field';
import { ErrorView } from '../../ui/States';

const notices: Partial<Record<SignedOutReason, TextKey>> = {
  idle: 'signIn.idle',
  ended: 'signIn.ended',
  signedOut: 'signIn.signedOut',
};

/** Sign-in: a credential's token, pasted once, exchanged for the session cookie. */
export function SignIn({ reason }: { reason: SignedOutReason }) {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const notice = notices[reason];
  return (
    <section class="sign-in">
      <h1>{t('signIn.title')}</h1>
      {notice ? (
        <p class="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      <p>{t('signIn.intro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!token.trim() || busy) return;
          setBusy(true);
          void signIn(token.trim()).then((f) => {
            setBusy(false);
            setFailure(f);
            if (!f) setToken('');
          });
        }}
      >
        <Field
          label={t('signIn.token')}
          type="password"
          value={token}
          onValue={(_ascii, typed) => setToken(typed)}
          dir="ltr"
          required
        />
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
      {failure ? <ErrorView failure={failure} /> : null}
      <p class="sign-up-link">
        <a {...linkProps(signUpPath)}>{t('signUp.link')}</a>
      </p>
      <nav class="public-links" aria-label={t('public.nav')}>
        <p>{t('public.from')}</p>
        <PublicPageLinks />
      </nav>
    </section>
  );
}
