import { useState } from 'preact/hooks';
import { api, Failure, networkFailure, unwrap } from '../../api/client';
import { useI18n, type TextKey } from '../../i18n';
import { linkProps, navigate } from '../../router';
import { useSession } from '../../session';
import { Field } from '../../ui/Field';
import { ErrorView } from '../../ui/States';

/** Where sign-up is shown while signed out. */
export const signUpPath = '/applicant/sign-up';

/** What a refused code step means to the person, and what to do; other failures as everywhere. */
function refusal(failure: Failure, step: 'ask' | 'enter'): TextKey | undefined {
  if (failure.status === 429) return 'signUp.tooMany';
  if (failure.status === 503) return 'signUp.smsDown';
  if (failure.status === 400) return step === 'enter' ? 'signUp.wrongCode' : 'signUp.badInput';
  return undefined;
}

/**
 * An applicant's sign-up or sign-in (ثبت‌نام متقاضی): national id and mobile ask for a one-time
 * code by SMS; the code opens an applicant credential, whose token is exchanged at once for
 * the console's cookie session, so the person never sees or pastes a token.
 */
export function ApplicantSignUp() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [nationalId, setNationalId] = useState('');
  const [mobile, setMobile] = useState('');
  const [code, setCode] = useState('');
  const [requestId, setRequestId] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<{ failure: Failure; step: 'ask' | 'enter' }>();

  const run = async (step: 'ask' | 'enter', act: () => Promise<Failure | undefined>) => {
    if (busy) return;
    setBusy(true);
    setFailed(undefined);
    let failure: Failure | undefined;
    try {
      failure = await act();
    } catch (e) {
      failure = e instanceof Failure ? e : networkFailure();
    }
    setBusy(false);
    if (failure) setFailed({ failure, step });
  };
  const ask = () =>
    run('ask', async () => {
      const sent = await unwrap(
        api.POST('/v1/public/applicants/codes', { body: { nationalId, mobile } }),
      );
      setRequestId(sent.requestId);
      setCode('');
      return undefined;
    });
  const enter = () =>
    run('enter', async () => {
      const opened = await unwrap(
        api.POST('/v1/public/applicants/sessions', {
          body: { requestId: requestId!, nationalId, code },
        }),
      );
      const refused = await signIn(opened.token);
      if (!refused) navigate('/applicant/applications');
      return refused;
    });

  const explained = failed && refusal(failed.failure, failed.step);
  return (
    <section class="sign-in">
      <h1>{t('signUp.title')}</h1>
      <p>{t('signUp.intro')}</p>
      {requestId === undefined ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void ask();
          }}
        >
          <Field
            label={t('signUp.nationalId')}
            value={nationalId}
            onValue={(ascii) => setNationalId(ascii.trim())}
            inputMode="numeric"
            dir="ltr"
            required
          />
          <Field
            label={t('signUp.mobile')}
            value={mobile}
            onValue={(ascii) => setMobile(ascii.trim())}
            inputMode="numeric"
            dir="ltr"
            autoComplete="tel"
            required
          />
          <button type="submit" disabled={busy}>
            {busy ? t('signUp.busy') : t('signUp.send')}
          </button>
        </form>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void enter();
          }}
        >
          <p class="notice" role="status">
            {t('signUp.sent')}
          </p>
          <Field
            label={t('signUp.code')}
            value={code}
            onValue={(ascii) => setCode(ascii.trim())}
            inputMode="numeric"
            dir="ltr"
            autoComplete="one-time-code"
            required
          />
          <button type="submit" disabled={busy}>
            {busy ? t('signUp.busy') : t('signUp.enter')}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => void ask()}>
            {t('signUp.again')}
          </button>
        </form>
      )}
      {explained ? (
        <div class="error" role="alert">
          <p class="error-what">{t(explained)}</p>
        </div>
      ) : failed ? (
        <ErrorView failure={failed.failure} />
      ) : null}
      <p>
        <a {...linkProps('/')}>{t('signUp.back')}</a>
      </p>
    </section>
  );
}
