import { useState } from 'preact/hooks';
import { api, Failure, networkFailure, unwrap, type Schemas } from '../../api/client';
import { useI18n, type TextKey } from '../../i18n';
import { Field } from '../../ui/Field';
import { ErrorView, Loading } from '../../ui/States';
import { When } from '../../ui/When';
import { useLoad } from '../../ui/useLoad';
import {
  checkComplaint,
  complaintKinds,
  complaintTopics,
  emptyDraft,
  fieldOfPath,
  readComplaintCode,
  subjectKinds,
  type ComplaintDraft,
  type DraftField,
} from './forms';
import { queryParam, showQuery } from './pages';
import { Choice, Fact, LookupFailure, TextArea } from './parts';

/**
 * Complaint filing and tracking (ثبت و پیگیری شکایت): a citizen files a complaint, criticism or
 * suggestion about an office, a service or an agency, keeps the tracking code it is given, and
 * later sees where the case stands with that code alone.
 */
export function Complaints() {
  const { t } = useI18n();
  const [tracked, setTracked] = useState(() => readComplaintCode(queryParam('code')) ?? '');
  const track = (code: string) => {
    setTracked(code);
    showQuery({ code });
  };
  return (
    <section>
      <h1>{t('public.complaints')}</h1>
      <FileComplaint onTrack={track} />
      <TrackComplaint code={tracked} onTrack={track} />
    </section>
  );
}

const prefilled = (): ComplaintDraft => {
  const officeId = queryParam('officeId');
  const serviceCode = queryParam('serviceCode');
  const receiptCode = queryParam('receipt');
  return {
    ...emptyDraft,
    ...(officeId ? { officeId } : {}),
    ...(serviceCode ? { serviceCode } : {}),
    ...(receiptCode ? { receiptCode, topic: 'overcharge' as const } : {}),
  };
};

type Filed = Schemas['ComplaintFiled'];

function FileComplaint({ onTrack }: { onTrack: (code: string) => void }) {
  const { t, digits } = useI18n();
  const [draft, setDraft] = useState<ComplaintDraft>(prefilled);
  const [errors, setErrors] = useState<Partial<Record<DraftField, TextKey>>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const [filed, setFiled] = useState<Filed>();
  const set = <K extends keyof ComplaintDraft>(key: K, value: ComplaintDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const text = (
    field: DraftField,
    label: TextKey,
    extra: { dir?: 'ltr'; inputMode?: 'numeric' } = {},
  ) => (
    <Field
      label={t(label)}
      value={draft[field]}
      onValue={(_ascii, typed) => set(field, typed)}
      error={errors[field] ? t(errors[field]) : undefined}
      {...extra}
    />
  );

  const submit = async () => {
    const checked = checkComplaint(draft);
    setFailure(undefined);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setBusy(true);
    try {
      setFiled(await unwrap(api.POST('/v1/public/complaints', { body: checked.body })));
      setDraft(emptyDraft);
    } catch (caught) {
      const f = caught instanceof Failure ? caught : networkFailure();
      setFailure(f);
      const marked: Partial<Record<DraftField, TextKey>> = {};
      for (const e of f.errors ?? []) {
        const field = fieldOfPath(e.path);
        if (field) marked[field] = 'complaint.error.server';
      }
      setErrors(marked);
    } finally {
      setBusy(false);
    }
  };

  if (filed)
    return (
      <div class="notice" role="status">
        <h2>{t('complaints.file')}</h2>
        <p>{t('complaints.filed')}</p>
        <p class="tracking-code" dir="ltr">
          {digits(filed.trackingCode)}
        </p>
        <p>
          {t('complaints.dueBy')}: <When at={filed.dueBy} />
        </p>
        {filed.provisional ? <p class="muted">{t('complaints.provisional')}</p> : null}
        <p class="actions">
          <button type="button" onClick={() => onTrack(filed.trackingCode)}>
            {t('complaints.trackThis')}
          </button>
          <button type="button" onClick={() => setFiled(undefined)}>
            {t('complaints.file')}
          </button>
        </p>
      </div>
    );

  const hasErrors = Object.keys(errors).length > 0;
  return (
    <form
      class="complaint-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void submit();
      }}
    >
      <h2>{t('complaints.file')}</h2>
      <div class="grid">
        <Choice
          label={t('complaints.kind')}
          value={draft.kind}
          options={complaintKinds.map((k) => ({ value: k, text: t(`complaints.kind.${k}`) }))}
          onValue={(v) => v && set('kind', v)}
        />
        <Choice
          label={t('complaints.topic')}
          value={draft.topic}
          options={complaintTopics.map((k) => ({ value: k, text: t(`complaints.topic.${k}`) }))}
          onValue={(v) => v && set('topic', v)}
        />
        <Choice
          label={t('complaints.subject')}
          value={draft.subjectKind}
          options={subjectKinds.map((k) => ({ value: k, text: t(`complaints.subject.${k}`) }))}
          onValue={(v) => v && set('subjectKind', v)}
        />
        {draft.subjectKind === 'office'
          ? text('officeId', 'complaints.officeId', { dir: 'ltr' })
          : null}
        {draft.subjectKind === 'agency'
          ? text('agencyId', 'complaints.agencyId', { dir: 'ltr' })
          : null}
        {draft.subjectKind !== 'agency'
          ? text(
              'serviceCode',
              draft.subjectKind === 'office'
                ? 'complaints.serviceCodeOptional'
                : 'complaints.serviceCode',
              { dir: 'ltr' },
            )
          : null}
        {text('receiptCode', 'complaints.receiptCode', { dir: 'ltr', inputMode: 'numeric' })}
      </div>
      <TextArea
        label={t('complaints.description')}
        value={draft.description}
        onValue={(v) => set('description', v)}
        error={errors.description ? t(errors.description) : undefined}
      />
      <fieldset>
        <legend>{t('complaints.contact')}</legend>
        <div class="grid">
          {text('name', 'complaints.name')}
          {text('mobile', 'complaints.mobile', { dir: 'ltr', inputMode: 'numeric' })}
          {text('email', 'complaints.email', { dir: 'ltr' })}
        </div>
      </fieldset>
      {hasErrors && !failure ? (
        <p class="field-error" role="alert">
          {t('complaints.fix')}
        </p>
      ) : null}
      {failure ? <ErrorView failure={failure} /> : null}
      <button type="submit" disabled={busy}>
        {busy ? t('complaints.busy') : t('complaints.submit')}
      </button>
    </form>
  );
}

function TrackComplaint({ code, onTrack }: { code: string; onTrack: (code: string) => void }) {
  const { t, digits } = useI18n();
  const [typed, setTyped] = useState(() => digits(code));
  const [shown, setShown] = useState(false);
  const [seen, setSeen] = useState(code);
  if (code !== seen) {
    setSeen(code);
    setTyped(digits(code));
  }
  const invalid = shown && !readComplaintCode(typed);
  return (
    <div class="track">
      <h2>{t('complaints.track')}</h2>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setShown(true);
          const valid = readComplaintCode(typed);
          if (valid) onTrack(valid);
        }}
      >
        <Field
          label={t('complaints.trackCode')}
          value={typed}
          onValue={(_ascii, value) => setTyped(value)}
          inputMode="numeric"
          dir="ltr"
          error={invalid ? t('complaints.invalidCode') : undefined}
        />
        <button type="submit">{t('complaints.trackSubmit')}</button>
      </form>
      {code ? <CaseStatus code={code} /> : null}
    </div>
  );
}

function CaseStatus({ code }: { code: string }) {
  const { t, digits } = useI18n();
  const [loaded, retry] = useLoad(
    () =>
      unwrap(
        api.GET('/v1/public/complaints/{trackingCode}', {
          params: { path: { trackingCode: code } },
        }),
      ),
    [code],
  );
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed')
    return (
      <LookupFailure failure={loaded.failure} notFound="complaints.notFound" onRetry={retry} />
    );
  const c = loaded.data;
  return (
    <dl class="figures case" aria-live="polite">
      <Fact term={t('receipt.trackingCode')}>
        <code dir="ltr">{digits(c.trackingCode)}</code>
      </Fact>
      <Fact term={t('complaints.kind')}>{t(`complaints.kind.${c.kind}`)}</Fact>
      <Fact term={t('complaints.status')}>{t(`complaints.status.${c.status}`)}</Fact>
      {c.outcome ? (
        <Fact term={t('complaints.outcome')}>{t(`complaints.outcome.${c.outcome}`)}</Fact>
      ) : null}
      <Fact term={t('complaints.filedAt')}>
        <When at={c.filedAt} />
      </Fact>
      <Fact term={t('complaints.lastChangedAt')}>
        <When at={c.lastChangedAt} />
      </Fact>
      <Fact term={t('complaints.dueBy')}>
        <When at={c.dueBy} />
        {c.provisional ? <span class="muted"> — {t('complaints.provisional')}</span> : null}
      </Fact>
    </dl>
  );
}
