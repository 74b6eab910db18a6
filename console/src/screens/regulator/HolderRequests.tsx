import type { ComponentChildren } from 'preact';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Decision } from '../../ui/Decision';
import { Figures } from '../../ui/Figures';
import { CloseButton, DeskQueue, OpenButton, useDesk } from '../../ui/Opened';
import { When } from '../../ui/When';

type HolderRequest = Schemas['HolderRequest'];
type Status = HolderRequest['status'];
const statuses: Status[] = ['pending', 'awaiting_receiver', 'approved', 'rejected'];

/** What the holder asked and why: the request's own evidence for the regulator's decision. */
function RequestFile({ r }: { r: HolderRequest }) {
  const { t, digits } = useI18n();
  const rows: Array<[string, ComponentChildren]> = [
    [t('holderRequest.kind'), t(`requestKind.${r.kind}`)],
    [t('holderRequest.license'), <code dir="ltr">{r.licenseId}</code>],
    [t('holderRequest.filedAt'), <When at={r.filedAt} />],
  ];
  if (r.reason) rows.push([t('holderRequest.reason'), <bdi>{r.reason}</bdi>]);
  if (r.validityYears !== undefined) rows.push([t('holderRequest.years'), digits(r.validityYears)]);
  if (r.address) rows.push([t('holderRequest.address'), <bdi>{r.address}</bdi>]);
  if (r.to) rows.push([t('holderRequest.to'), <bdi>{r.to.name}</bdi>]);
  if (r.acceptedAt) rows.push([t('holderRequest.acceptedAt'), <When at={r.acceptedAt} />]);
  if (r.decision)
    rows.push([
      t('holderRequest.decision'),
      <>
        {t(`requestStatus.${r.decision.outcome}`)}: <bdi>{r.decision.reason}</bdi>
      </>,
    ]);
  return <Figures rows={rows} />;
}

/**
 * License holders' requests (درخواست‌های دارندگان پروانه) — renewal, transfer, cancellation,
 * address change — opening on those awaiting the regulator, each approved or rejected with a reason.
 */
export function RegulatorHolderRequests() {
  const { t } = useI18n();
  const desk = useDesk<Status, HolderRequest>(
    (query) => unwrap(api.GET('/v1/holder-requests', { params: { query } })),
    'pending',
  );
  const { opened, decided } = desk;
  const { open } = opened;
  const decide = (r: HolderRequest, outcome: 'approve' | 'reject') => (reason?: string) => {
    const init = { params: { path: { requestId: r.requestId } }, body: { reason: reason ?? '' } };
    return unwrap(
      outcome === 'approve'
        ? api.POST('/v1/holder-requests/{requestId}/approve', init)
        : api.POST('/v1/holder-requests/{requestId}/reject', init),
    );
  };

  return (
    <section>
      <h1>{t('regulator.holderRequests')}</h1>
      <DeskQueue
        desk={desk}
        statuses={statuses}
        name={(s) => t(`requestStatus.${s}`)}
        caption={t('holderRequest.caption')}
        headers={[
          t('holderRequest.kind'),
          t('holderRequest.license'),
          t('queue.status'),
          t('holderRequest.filedAt'),
          t('queue.open'),
        ]}
        keyOf={(r) => r.requestId}
        cells={(r) => [
          t(`requestKind.${r.kind}`),
          <code dir="ltr">{r.licenseId.slice(0, 8)}</code>,
          t(`requestStatus.${r.status}`),
          <When at={r.filedAt} />,
          <OpenButton
            item={`${t(`requestKind.${r.kind}`)} ${r.licenseId.slice(0, 8)}`}
            onOpen={() => opened.show(r)}
          />,
        ]}
      />
      {open ? (
        <article class="file" key={open.requestId} aria-labelledby="holder-file">
          <h2 id="holder-file">
            {t('holderRequest.detail')}: {t(`requestKind.${open.kind}`)} —{' '}
            {t(`requestStatus.${open.status}`)}
          </h2>
          <RequestFile r={open} />
          {open.status === 'pending' ? (
            <>
              <Decision
                title={t('holderRequest.approve')}
                submit={t('holderRequest.approve')}
                act={decide(open, 'approve')}
                onDone={() => decided()}
              />
              <Decision
                title={t('holderRequest.reject')}
                submit={t('holderRequest.reject')}
                act={decide(open, 'reject')}
                onDone={() => decided()}
              />
            </>
          ) : null}
          <CloseButton onClose={opened.close} />
        </article>
      ) : null}
    </section>
  );
}
