import type { ComponentChildren } from 'preact';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Decision } from '../../ui/Decision';
import { Figures } from '../../ui/Figures';
import { CloseButton, DeskQueue, OpenButton, useDesk } from '../../ui/Opened';
import { When } from '../../ui/When';
import { ageInDays } from '../applicant/Applications';
import { DocumentLinks } from '../licensing/LicenseFile';

type Application = Schemas['Application'];
type Status = Application['status'];
const statuses: Status[] = ['submitted', 'returned', 'forwarded', 'draft'];

/** The application's file: who applies, where, its state, the return reason, its documents. */
function ApplicationFile({ a }: { a: Application }) {
  const { t, digits } = useI18n();
  const rows: Array<[string, ComponentChildren]> = [
    [t('license.status'), t(`astatus.${a.status}`)],
    [t('license.province'), `${digits(a.province)} — ${t(`kind.${a.officeKind}`)}`],
    [
      t('license.locality'),
      <>
        <bdi>{a.location.locality}</bdi>، <bdi>{a.location.address}</bdi>
      </>,
    ],
    [t('applicant.drafted'), <When at={a.draftedAt} />],
  ];
  if (a.returnReason) rows.push([t('review.reason'), <bdi>{a.returnReason}</bdi>]);
  if (a.licenseId)
    rows.push([t('review.license'), <code dir="ltr">{a.licenseId.slice(0, 8)}</code>]);
  return (
    <>
      <Figures rows={rows} />
      <h3>{t('license.documents')}</h3>
      <DocumentLinks applicationId={a.applicationId} documents={a.documents} />
    </>
  );
}

/**
 * The province's online applications (بررسی درخواست‌های برخط) before the vote, opening on those
 * submitted: each is returned to the applicant for completion with a reason, or found complete
 * and forwarded, when it becomes a license application for the working group's votes.
 */
export function WorkingGroupReview() {
  const { t, digits } = useI18n();
  const desk = useDesk<Status, Application>(
    (query) => unwrap(api.GET('/v1/applications', { params: { query } })),
    'submitted',
  );
  const { opened, decided } = desk;
  const { open } = opened;
  const path = (a: Application) => ({ params: { path: { applicationId: a.applicationId } } });
  return (
    <section>
      <h1>{t('workingGroup.review')}</h1>
      <DeskQueue
        desk={desk}
        statuses={statuses}
        name={(s) => t(`astatus.${s}`)}
        caption={t('workingGroup.review')}
        headers={[
          t('license.applicant'),
          t('license.locality'),
          t('license.kind'),
          t('license.status'),
          t('applicant.drafted'),
          t('license.age'),
          t('queue.open'),
        ]}
        keyOf={(a) => a.applicationId}
        cells={(a) => [
          <bdi>{a.holder.name}</bdi>,
          <bdi>{a.location.locality}</bdi>,
          t(`kind.${a.officeKind}`),
          t(`astatus.${a.status}`),
          <When at={a.draftedAt} />,
          digits(ageInDays(a)),
          <OpenButton item={a.holder.name} onOpen={() => opened.show(a)} />,
        ]}
      />
      {open ? (
        <article class="file" key={open.applicationId} aria-labelledby="application-file">
          <h2 id="application-file">
            {t('license.detail')}: <bdi>{open.holder.name}</bdi>
          </h2>
          <ApplicationFile a={open} />
          {open.status === 'submitted' ? (
            <>
              <Decision
                title={t('review.return')}
                hint={t('review.returnHint')}
                submit={t('review.returnSubmit')}
                act={(reason) =>
                  unwrap(
                    api.POST('/v1/applications/{applicationId}/return', {
                      ...path(open),
                      body: { reason: reason ?? '' },
                    }),
                  )
                }
                onDone={decided}
              />
              <Decision
                title={t('review.forward')}
                hint={t('review.forwardHint')}
                submit={t('review.forwardSubmit')}
                noReason
                act={() => unwrap(api.POST('/v1/applications/{applicationId}/forward', path(open)))}
                onDone={decided}
              />
            </>
          ) : null}
          <CloseButton onClose={opened.close} />
        </article>
      ) : null}
    </section>
  );
}
