import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/Field';
import { LoadedView } from '../../ui/LoadedView';
import { ErrorView } from '../../ui/States';
import { Table } from '../../ui/Table';
import { When } from '../../ui/When';
import { useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { Choice } from '../public/parts';

type License = Schemas['License'];
type Filed = 'renewal' | 'address_change';

/** A renewal (تمدید) or change of address (تغییر نشانی) the holder asks of the regulator. */
function RequestForm({ license, onFiled }: { license: License; onFiled: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Filed | ''>('');
  const [years, setYears] = useState('1');
  const [address, setAddress] = useState('');
  const [filed, file] = useAction(
    (body: Schemas['HolderRequestBody']) =>
      unwrap(
        api.POST('/v1/holder/licenses/{licenseId}/requests', {
          params: { path: { licenseId: license.licenseId } },
          body,
        }),
      ),
    onFiled,
  );
  if (filed.state === 'done') return <p role="status">{t('holder.filed')}</p>;
  return (
    <form
      aria-label={`${t('holder.ask')}: ${license.licenseNumber ?? license.licenseId}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (kind === 'renewal') file({ kind, validityYears: Number(years) });
        else if (kind === 'address_change') file({ kind, address: address.trim() });
      }}
    >
      <Choice
        label={t('holder.kind')}
        value={kind}
        none="—"
        options={(['renewal', 'address_change'] as const).map((v) => ({
          value: v,
          text: t(`hkind.${v}`),
        }))}
        onValue={setKind}
      />
      {kind === 'renewal' ? (
        <Field
          label={t('holder.years')}
          value={years}
          onValue={(ascii) => setYears(ascii.trim())}
          inputMode="numeric"
          dir="ltr"
          required
        />
      ) : null}
      {kind === 'address_change' ? (
        <Field
          label={t('holder.newAddress')}
          value={address}
          onValue={(_a, typed) => setAddress(typed)}
          required
        />
      ) : null}
      <button type="submit" disabled={!kind || filed.state === 'busy'}>
        {t('holder.file')}
      </button>
      {filed.state === 'failed' && filed.failure.status === 409 ? (
        <div class="error" role="alert">
          <p class="error-what">{t('holder.refused')}</p>
          {filed.failure.detail ? (
            <p class="muted" dir="ltr">
              {filed.failure.detail}
            </p>
          ) : null}
        </div>
      ) : filed.state === 'failed' ? (
        <ErrorView failure={filed.failure} />
      ) : null}
    </form>
  );
}

/** The requests the holder filed, each with its status (وضعیت درخواست). */
function HolderRequests({ version }: { version: number }) {
  const { t } = useI18n();
  const [loaded, retry] = useLoad(() => unwrap(api.GET('/v1/holder-requests')), [version]);
  return (
    <>
      <h2>{t('holder.requests')}</h2>
      <LoadedView loaded={loaded} retry={retry} isEmpty={(d) => d.items.length === 0}>
        {(page) => (
          <Table
            caption={t('holder.requests')}
            captionHidden
            headers={[t('holder.kind'), t('applicant.status'), t('holder.filedAt')]}
            items={page.items}
            keyOf={(r) => r.requestId}
            cells={(r) => [t(`hkind.${r.kind}`), t(`hstatus.${r.status}`), <When at={r.filedAt} />]}
          />
        )}
      </LoadedView>
    </>
  );
}

/**
 * A license holder's licenses (پروانه‌های دارنده), each with its expiry in the Jalali calendar
 * and a form to ask for renewal or a new address; then the requests filed and where they stand.
 */
export function HolderLicenses() {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const [loaded, retry] = useLoad(() => unwrap(api.GET('/v1/holder/licenses')), []);
  return (
    <section>
      <h1>{t('holder.licenses')}</h1>
      <LoadedView loaded={loaded} retry={retry} isEmpty={(d) => d.items.length === 0}>
        {(page) => (
          <>
            <Table
              caption={t('holder.caption')}
              headers={[t('holder.number'), t('applicant.status'), t('holder.until')]}
              items={page.items}
              keyOf={(l) => l.licenseId}
              cells={(l) => [
                <bdi>{l.licenseNumber ?? '—'}</bdi>,
                t(`lstatus.${l.status}`),
                l.validUntil ? <When at={l.validUntil} /> : '—',
              ]}
            />
            {page.items.map((l) => (
              <RequestForm key={l.licenseId} license={l} onFiled={() => setVersion((v) => v + 1)} />
            ))}
          </>
        )}
      </LoadedView>
      <HolderRequests version={version} />
    </section>
  );
}
