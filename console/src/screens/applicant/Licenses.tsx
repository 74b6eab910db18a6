import { useState } from 'preact/hooks';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { LoadedView } from '../../ui/LoadedView';
import { Table } from '../../ui/Table';
import { When } from '../../ui/When';
import { useLoad } from '../../ui/useLoad';
import { OfferedTransfers, RequestList } from './HolderRequests';
import { RequestForm } from './RequestForm';

/**
 * A license holder's licenses (پروانه‌های دارنده), each with its holder, office address and expiry
 * in the Jalali calendar and, unless it is cancelled, a form to ask for renewal, a new address, a
 * transfer or a voluntary cancellation; the transfers offered to them to accept; then the requests and where they stand.
 */
export function HolderLicenses() {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  const [licenses, retryLicenses] = useLoad(() => unwrap(api.GET('/v1/holder/licenses')), []);
  const [requests, retryRequests] = useLoad(
    () => unwrap(api.GET('/v1/holder-requests')),
    [version],
  );
  const held = licenses.state === 'ready' ? licenses.data.items : [];
  const numbers = new Map(
    held.flatMap((l) => (l.licenseNumber ? [[l.licenseId, l.licenseNumber]] : [])),
  );
  return (
    <section>
      <h1>{t('holder.licenses')}</h1>
      <LoadedView loaded={licenses} retry={retryLicenses} isEmpty={(d) => d.items.length === 0}>
        {(page) => (
          <>
            <Table
              caption={t('holder.caption')}
              headers={[
                t('holder.number'),
                t('holder.holder'),
                t('holder.officeAddress'),
                t('applicant.status'),
                t('holder.until'),
              ]}
              items={page.items}
              keyOf={(l) => l.licenseId}
              cells={(l) => [
                <bdi>{l.licenseNumber ?? '—'}</bdi>,
                <bdi>{(l.holder ?? l.applicant).name}</bdi>,
                <bdi>{l.location.address}</bdi>,
                t(`lstatus.${l.status}`),
                l.validUntil ? <When at={l.validUntil} /> : '—',
              ]}
            />
            {page.items
              .filter((l) => l.status !== 'cancelled')
              .map((l) => (
                <RequestForm key={l.licenseId} license={l} onFiled={changed} />
              ))}
          </>
        )}
      </LoadedView>
      {requests.state === 'ready' && licenses.state === 'ready' ? (
        <OfferedTransfers
          requests={requests.data.items}
          held={new Set(held.map((l) => l.licenseId))}
          onAccepted={changed}
        />
      ) : null}
      <h2>{t('holder.requests')}</h2>
      <LoadedView loaded={requests} retry={retryRequests} isEmpty={(d) => d.items.length === 0}>
        {(page) => <RequestList requests={page.items} numbers={numbers} />}
      </LoadedView>
    </section>
  );
}
