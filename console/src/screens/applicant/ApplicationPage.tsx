import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Labelled } from '../../ui/Field';
import { LoadedView } from '../../ui/LoadedView';
import { ErrorView } from '../../ui/States';
import { When } from '../../ui/When';
import { useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';

type Application = Schemas['Application'];
type DocumentKind = Application['requiredDocuments'][number];
type ContentType = Application['documents'][number]['contentType'];

const accepted: readonly string[] = ['application/pdf', 'image/jpeg', 'image/png'];

/** A file's bytes as base64, the way the documents route takes them. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      resolve(typeof reader.result === 'string' ? reader.result.replace(/^data:[^,]*,/, '') : '');
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}

/** One required document (مدرک): attached or not, and while editable, a file to attach. */
function DocumentRow(props: {
  application: Application;
  kind: DocumentKind;
  editable: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const [file, setFile] = useState<File>();
  const [badType, setBadType] = useState(false);
  const attached = props.application.documents.find((d) => d.documentKind === props.kind);
  const [sent, send] = useAction(
    async (f: File) =>
      unwrap(
        api.PUT('/v1/applications/{applicationId}/documents/{documentKind}', {
          params: {
            path: { applicationId: props.application.applicationId, documentKind: props.kind },
          },
          body: { contentType: f.type as ContentType, contentBase64: await base64Of(f) },
        }),
      ),
    props.onChanged,
  );
  return (
    <li class="document">
      <strong>{t(`doc.${props.kind}`)}</strong>:{' '}
      {attached ? (
        <>
          {t('applicant.attached')} (<When at={attached.attachedAt} />)
        </>
      ) : (
        t('applicant.missing')
      )}
      {props.editable ? (
        <form
          aria-label={t(`doc.${props.kind}`)}
          onSubmit={(e) => {
            e.preventDefault();
            if (file) send(file);
          }}
        >
          <Labelled
            label={`${t(`doc.${props.kind}`)} — ${t('applicant.file')}`}
            error={badType ? t('applicant.badType') : undefined}
          >
            {(control) => (
              <input
                {...control}
                type="file"
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                onChange={(e) => {
                  const chosen = e.currentTarget.files?.[0];
                  const ok = chosen !== undefined && accepted.includes(chosen.type);
                  setBadType(chosen !== undefined && !ok);
                  setFile(ok ? chosen : undefined);
                }}
              />
            )}
          </Labelled>
          <button type="submit" disabled={!file || sent.state === 'busy'}>
            {t('applicant.attach')}
          </button>
          {sent.state === 'failed' ? <ErrorView failure={sent.failure} /> : null}
        </form>
      ) : null}
    </li>
  );
}

/**
 * One application as its applicant follows it: its state, why it was returned, its documents,
 * and while a draft or returned, attaching documents and (re)submitting it.
 */
export function ApplicationPage(props: { applicationId: string; onBack: () => void }) {
  const { t } = useI18n();
  const [loaded, reload] = useLoad(
    () =>
      unwrap(
        api.GET('/v1/applications/{applicationId}', {
          params: { path: { applicationId: props.applicationId } },
        }),
      ),
    [props.applicationId],
  );
  const [submitted, submit] = useAction(
    () =>
      unwrap(
        api.POST('/v1/applications/{applicationId}/submit', {
          params: { path: { applicationId: props.applicationId } },
        }),
      ),
    reload,
  );
  return (
    <section>
      <h1>{t('applicant.applications')}</h1>
      <p>
        <button type="button" onClick={props.onBack}>
          {t('applicant.back')}
        </button>
      </p>
      <LoadedView loaded={loaded} retry={reload}>
        {(a) => {
          const editable = a.status === 'draft' || a.status === 'returned';
          return (
            <>
              <dl class="figures">
                <div>
                  <dt>{t('applicant.status')}</dt>
                  <dd class="application-status">{t(`astatus.${a.status}`)}</dd>
                </div>
                <div>
                  <dt>{t('applicant.holderName')}</dt>
                  <dd>
                    <bdi>{a.holder.name}</bdi>
                  </dd>
                </div>
                <div>
                  <dt>{t('applicant.locality')}</dt>
                  <dd>
                    <bdi>{a.location.locality}</bdi>
                  </dd>
                </div>
                <div>
                  <dt>{t('applicant.drafted')}</dt>
                  <dd>
                    <When at={a.draftedAt} />
                  </dd>
                </div>
                {a.licenseStatus ? (
                  <div>
                    <dt>{t('applicant.license')}</dt>
                    <dd>{t(`lstatus.${a.licenseStatus}`)}</dd>
                  </div>
                ) : null}
              </dl>
              {a.status === 'returned' && a.returnReason ? (
                <p class="notice" role="status">
                  {t('applicant.returned')}: <bdi>{a.returnReason}</bdi>
                </p>
              ) : null}
              <h2>{t('applicant.required')}</h2>
              <ul class="documents">
                {a.requiredDocuments.map((kind) => (
                  <DocumentRow
                    key={kind}
                    application={a}
                    kind={kind}
                    editable={editable}
                    onChanged={reload}
                  />
                ))}
              </ul>
              {editable ? (
                <button
                  type="button"
                  disabled={submitted.state === 'busy'}
                  onClick={() => submit()}
                >
                  {a.status === 'returned' ? t('applicant.resubmit') : t('applicant.submit')}
                </button>
              ) : null}
              {submitted.state === 'failed' ? <ErrorView failure={submitted.failure} /> : null}
            </>
          );
        }}
      </LoadedView>
    </section>
  );
}
