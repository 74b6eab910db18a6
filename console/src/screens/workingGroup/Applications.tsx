import { useState } from 'preact/hooks';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useSignedIn } from '../../session';
import { Field } from '../../ui/Field';
import { ErrorView } from '../../ui/States';
import { useAction } from '../../ui/useAction';
import { LicenseQueue, type Decide } from '../licensing/LicenseQueue';

type Choice = 'approve' | 'reject';

/**
 * A working-group member's vote (رأی کارگروه) for its member body, once per application while
 * the working group reviews it; the third vote decides by majority.
 */
const WorkingGroupVote: Decide = ({ license, onChanged }) => {
  const { t } = useI18n();
  const { scope } = useSignedIn();
  const [choice, setChoice] = useState<Choice | undefined>();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [voted, vote] = useAction(
    (body: { vote: Choice; reason: string }) =>
      unwrap(
        api.POST('/v1/licenses/{licenseId}/votes', {
          params: { path: { licenseId: license.licenseId } },
          body,
        }),
      ),
    onChanged,
  );

  if (voted.state === 'done') return <p role="status">{t('vote.recorded')}</p>;
  if (license.status !== 'under_review') return <p class="muted">{t('vote.closed')}</p>;
  if (license.votes.some((v) => v.memberBody === scope.memberBody))
    return <p class="muted">{t('vote.already')}</p>;

  const reasonError = tried && !reason.trim() ? t('license.needReason') : undefined;
  return (
    <>
      <form
        aria-label={t('vote.title')}
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (choice && reason.trim()) vote({ vote: choice, reason: reason.trim() });
        }}
      >
        <h3 class="form-title">{t('vote.title')}</h3>
        {scope.memberBody ? (
          <p class="form-hint">
            {t('vote.as')}: {t(`body.${scope.memberBody}`)}
          </p>
        ) : null}
        <fieldset class="choices">
          <legend>{t('vote.choice')}</legend>
          {(['approve', 'reject'] as const).map((c) => (
            <label key={c}>
              <input
                type="radio"
                name="vote"
                value={c}
                checked={choice === c}
                onChange={() => setChoice(c)}
                required
              />{' '}
              {t(`vote.${c}`)}
            </label>
          ))}
        </fieldset>
        <Field
          label={t('license.reason')}
          value={reason}
          onValue={(_ascii, typed) => setReason(typed)}
          error={reasonError}
        />
        <button type="submit" disabled={voted.state === 'busy'}>
          {t('vote.submit')}
        </button>
      </form>
      {voted.state === 'failed' ? <ErrorView failure={voted.failure} /> : null}
    </>
  );
};

/** The province's applications as its working group sees them, opening on those under review. */
export function WorkingGroupApplications() {
  return (
    <LicenseQueue
      title="workingGroup.applications"
      initialStatus="under_review"
      decide={WorkingGroupVote}
    />
  );
}
