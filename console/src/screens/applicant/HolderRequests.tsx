import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Confirm } from '../../ui/Confirm';
import { ErrorView } from '../../ui/States';
import { Table } from '../../ui/Table';
import { When } from '../../ui/When';
import { useAction } from '../../ui/useAction';

type HolderRequest = Schemas['HolderRequest'];

/** A license as its holder knows it: its number when they hold it, else the start of its id. */
export const licenseName = (licenseId: string, numbers: ReadonlyMap<string, string>) =>
  numbers.get(licenseId) ?? licenseId.slice(0, 8);

/** The regulator's decision on a request: the outcome's date, and a rejection's reason. */
function Outcome({ r }: { r: HolderRequest }) {
  const { t } = useI18n();
  if (!r.decision) return <>—</>;
  return (
    <>
      <When at={r.decision.at} />
      {r.decision.outcome === 'rejected' ? (
        <>
          {' '}
          {t('hstatus.rejected')}: <bdi>{r.decision.reason}</bdi>
        </>
      ) : null}
    </>
  );
}

/** The requests the holder filed or receives, each with where it stands (وضعیت درخواست). */
export function RequestList(props: {
  requests: readonly HolderRequest[];
  numbers: ReadonlyMap<string, string>;
}) {
  const { t } = useI18n();
  return (
    <Table
      caption={t('holder.requests')}
      captionHidden
      headers={[
        t('holder.kind'),
        t('holder.license'),
        t('applicant.status'),
        t('holder.filedAt'),
        t('holder.outcome'),
      ]}
      items={props.requests}
      keyOf={(r) => r.requestId}
      cells={(r) => [
        t(`hkind.${r.kind}`),
        <bdi dir="ltr">{licenseName(r.licenseId, props.numbers)}</bdi>,
        t(`hstatus.${r.status}`),
        <When at={r.filedAt} />,
        <Outcome r={r} />,
      ]}
    />
  );
}

/** The receiver's acceptance (پذیرش انتقال) of one transfer, asked again before it is sent. */
function Accept({ r, onAccepted }: { r: HolderRequest; onAccepted: () => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [accepted, accept] = useAction(
    () =>
      unwrap(
        api.POST('/v1/holder-requests/{requestId}/accept', {
          params: { path: { requestId: r.requestId } },
        }),
      ),
    onAccepted,
  );
  const label = `${t('holder.accept')}: ${r.licenseId.slice(0, 8)}`;
  if (accepted.state === 'done') return <p role="status">{t('holder.accepted')}</p>;
  return (
    <>
      {asking ? (
        <Confirm
          label={label}
          question={t('holder.confirmAccept')}
          busy={accepted.state === 'busy'}
          onYes={() => {
            setAsking(false);
            accept();
          }}
          onNo={() => setAsking(false)}
        />
      ) : (
        <button
          type="button"
          aria-label={label}
          disabled={accepted.state === 'busy'}
          onClick={() => setAsking(true)}
        >
          {t('holder.accept')}
        </button>
      )}
      {accepted.state === 'failed' && accepted.failure.status === 409 ? (
        <div class="error" role="alert">
          <p class="error-what">{t('holder.acceptRefused')}</p>
        </div>
      ) : accepted.state === 'failed' ? (
        <ErrorView failure={accepted.failure} />
      ) : null}
    </>
  );
}

/**
 * Transfers offered to the signed-in applicant (انتقال‌های پیشنهادی): awaiting their acceptance,
 * on licenses they do not hold (the holder who filed one still holds the license until approval).
 */
export function OfferedTransfers(props: {
  requests: readonly HolderRequest[];
  held: ReadonlySet<string>;
  onAccepted: () => void;
}) {
  const { t } = useI18n();
  const offered = props.requests.filter(
    (r) =>
      r.kind === 'transfer' && r.status === 'awaiting_receiver' && !props.held.has(r.licenseId),
  );
  if (offered.length === 0) return null;
  return (
    <>
      <h2>{t('holder.offered')}</h2>
      <Table
        caption={t('holder.offeredCaption')}
        captionHidden
        headers={[
          t('holder.license'),
          t('holder.newHolder'),
          t('holder.reason'),
          t('holder.filedAt'),
          t('holder.accept'),
        ]}
        items={offered}
        keyOf={(r) => r.requestId}
        cells={(r) => [
          <code dir="ltr">{r.licenseId.slice(0, 8)}</code>,
          <bdi>{r.to?.name ?? '—'}</bdi>,
          <bdi>{r.reason ?? '—'}</bdi>,
          <When at={r.filedAt} />,
          <Accept r={r} onAccepted={props.onAccepted} />,
        ]}
      />
    </>
  );
}
