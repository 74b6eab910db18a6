import { useEffect, useRef } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Empty, ErrorView, Loading } from '../../ui/States';
import { When } from '../../ui/When';
import { useLoad } from '../../ui/useLoad';
import type { Decide, License } from './LicenseQueue';

/** The application's documents, when it came online (its application id is the license id). */
function Documents({ licenseId }: { licenseId: string }) {
  const { t } = useI18n();
  const [loaded, retry] = useLoad(
    () =>
      unwrap(
        api.GET('/v1/applications/{applicationId}', {
          params: { path: { applicationId: licenseId } },
        }),
      ),
    [licenseId],
  );
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed')
    return loaded.failure.code === 'not-found' ? (
      <Empty>{t('license.noDocuments')}</Empty>
    ) : (
      <ErrorView failure={loaded.failure} onRetry={retry} />
    );
  return <DocumentLinks applicationId={licenseId} documents={loaded.data.documents} />;
}

/** An online application's documents (مدارک), each a download on the session cookie. */
export function DocumentLinks(props: {
  applicationId: string;
  documents: Schemas['Application']['documents'];
}) {
  const { t } = useI18n();
  if (props.documents.length === 0) return <Empty>{t('license.noDocuments')}</Empty>;
  return (
    <ul>
      {props.documents.map((d) => (
        <li key={d.documentKind}>
          <a
            href={`/v1/applications/${encodeURIComponent(props.applicationId)}/documents/${d.documentKind}`}
            download
          >
            {t(`doc.${d.documentKind}`)}
          </a>{' '}
          <span class="muted">
            (<When at={d.attachedAt} />)
          </span>
        </li>
      ))}
    </ul>
  );
}

/** One application's file (پروندهٔ درخواست): who applied, where, the votes, the documents, the decision. */
export function LicenseFile(props: {
  license: License;
  decide: Decide;
  onChanged: (l: License) => void;
  onClose: () => void;
}) {
  const { t, digits } = useI18n();
  const l = props.license;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [l.licenseId]);
  const Decide = props.decide;
  return (
    <article class="file" aria-labelledby={`file-${l.licenseId}`}>
      <h2 id={`file-${l.licenseId}`} ref={heading} tabIndex={-1}>
        {t('license.detail')}: <bdi>{l.applicant.name}</bdi>
      </h2>
      <dl class="figures">
        <div>
          <dt>{t('license.status')}</dt>
          <dd>{t(`lstatus.${l.status}`)}</dd>
        </div>
        <div>
          <dt>{t('license.province')}</dt>
          <dd>
            {digits(l.province)} — {t(`kind.${l.officeKind}`)}
          </dd>
        </div>
        <div>
          <dt>{t('license.locality')}</dt>
          <dd>
            <bdi>{l.location.locality}</bdi>، <bdi>{l.location.address}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('license.appliedAt')}</dt>
          <dd>
            <When at={l.appliedAt} />
          </dd>
        </div>
        {l.licenseNumber ? (
          <div>
            <dt>{t('license.number')}</dt>
            <dd>
              <code dir="ltr">{l.licenseNumber}</code>
            </dd>
          </div>
        ) : null}
        {l.validUntil ? (
          <div>
            <dt>{t('license.validUntil')}</dt>
            <dd>
              <When at={l.validUntil} />
            </dd>
          </div>
        ) : null}
      </dl>
      <h3>{t('license.votes')}</h3>
      {l.votes.length === 0 ? (
        <Empty>{t('license.noVotes')}</Empty>
      ) : (
        <ul class="votes">
          {l.votes.map((v) => (
            <li key={v.memberBody}>
              <strong>{t(`body.${v.memberBody}`)}</strong>: {t(`vote.${v.vote}`)} —{' '}
              <bdi>{v.reason}</bdi>{' '}
              <span class="muted">
                (<When at={v.votedAt} />)
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('license.documents')}</h3>
      <Documents licenseId={l.licenseId} />
      <Decide license={l} onChanged={props.onChanged} />
      <p>
        <button type="button" onClick={props.onClose}>
          {t('license.close')}
        </button>
      </p>
    </article>
  );
}
