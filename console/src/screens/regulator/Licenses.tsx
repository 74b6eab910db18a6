import { useState } from 'preact/hooks';
import { api, unwrap } from '../../api/client';
import { asciiDigits } from '../../format/digits';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/Field';
import { ErrorView } from '../../ui/States';
import { useAction } from '../../ui/useAction';
import { LicenseQueue, type Decide } from '../licensing/LicenseQueue';

const licenseNumber = /^[A-Z0-9-]{3,32}$/;

/**
 * The regulator's decision on an application the working group approved by its three votes:
 * issue the license (صدور پروانه) with its number, or refuse it with a reason.
 */
const RegulatorDecision: Decide = ({ license, onChanged }) => {
  const { t, digits } = useI18n();
  const [number, setNumber] = useState('');
  const [years, setYears] = useState(() => digits(5));
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState<'issue' | 'refuse' | undefined>();
  const path = { licenseId: license.licenseId };
  const [issued, issue] = useAction(
    (body: { licenseNumber: string; validityYears: number }) =>
      unwrap(api.POST('/v1/licenses/{licenseId}/issue', { params: { path }, body })),
    onChanged,
  );
  const [refused, refuse] = useAction(
    (body: { reason: string }) =>
      unwrap(api.POST('/v1/licenses/{licenseId}/refuse', { params: { path }, body })),
    onChanged,
  );

  if (issued.state === 'done') return <p role="status">{t('license.issued')}</p>;
  if (refused.state === 'done') return <p role="status">{t('license.refused')}</p>;
  if (license.status === 'under_review') return <p class="muted">{t('license.waitingVotes')}</p>;
  if (license.status !== 'approved') return null;

  const canonical = asciiDigits(number).trim().toUpperCase();
  const numberError =
    tried === 'issue' && !licenseNumber.test(canonical) ? t('license.invalidNumber') : undefined;
  const yearsValue = Number(asciiDigits(years).trim() || 'NaN');
  const yearsError =
    tried === 'issue' && !(Number.isInteger(yearsValue) && yearsValue >= 1 && yearsValue <= 10)
      ? t('license.invalidYears')
      : undefined;
  const reasonError = tried === 'refuse' && !reason.trim() ? t('license.needReason') : undefined;

  return (
    <>
      <form
        class="filters"
        aria-label={t('license.issue')}
        onSubmit={(e) => {
          e.preventDefault();
          setTried('issue');
          if (licenseNumber.test(canonical) && yearsValue >= 1 && yearsValue <= 10)
            issue({ licenseNumber: canonical, validityYears: yearsValue });
        }}
      >
        <h3 class="form-title">{t('license.issue')}</h3>
        <p class="form-hint">{t('license.issueHint')}</p>
        <Field
          label={t('license.number')}
          value={number}
          onValue={(_ascii, typed) => setNumber(typed)}
          dir="ltr"
          error={numberError}
        />
        <Field
          label={t('license.validityYears')}
          value={years}
          onValue={(_ascii, typed) => setYears(typed)}
          inputMode="numeric"
          error={yearsError}
        />
        <button type="submit" disabled={issued.state === 'busy'}>
          {t('license.issueSubmit')}
        </button>
      </form>
      {issued.state === 'failed' ? <ErrorView failure={issued.failure} /> : null}
      <form
        class="filters"
        aria-label={t('license.refuse')}
        onSubmit={(e) => {
          e.preventDefault();
          setTried('refuse');
          if (reason.trim()) refuse({ reason: reason.trim() });
        }}
      >
        <h3 class="form-title">{t('license.refuse')}</h3>
        <Field
          label={t('license.reason')}
          value={reason}
          onValue={(_ascii, typed) => setReason(typed)}
          error={reasonError}
        />
        <button type="submit" disabled={refused.state === 'busy'}>
          {t('license.refuseSubmit')}
        </button>
      </form>
      {refused.state === 'failed' ? <ErrorView failure={refused.failure} /> : null}
    </>
  );
};

/** The regulator's licensing queue, opening on the applications awaiting its decision. */
export function RegulatorLicenses() {
  return (
    <LicenseQueue title="regulator.licenses" initialStatus="approved" decide={RegulatorDecision} />
  );
}
