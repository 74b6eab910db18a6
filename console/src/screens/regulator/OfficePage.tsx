import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Decision } from '../../ui/Decision';
import { PagedTable, usePaged } from '../../ui/Paged';
import { TerminalTable, type Terminal, type TerminalStatus } from '../office/TerminalTable';
import { Fact } from '../public/parts';
import { When } from '../../ui/When';
import type { Office } from './Offices';
import { OfficeSupervision } from './OfficeSupervision';

type Assignment = Schemas['Assignment'];

/** The button of a row that chooses it for the action below the table, named by the row. */
function ChooseButton(props: { label: string; item: string; onChoose: () => void }) {
  return (
    <button type="button" aria-label={`${props.label}: ${props.item}`} onClick={props.onChoose}>
      {props.label}
    </button>
  );
}

/** The office's license and registered details (پروانه و مشخصات دفتر). */
function Details({ office: o }: { office: Office }) {
  const { t, digits } = useI18n();
  return (
    <dl class="figures">
      <Fact term={t('license.number')}>
        <bdi>{digits(o.license.licenseNumber ?? '—')}</bdi>
      </Fact>
      <Fact term={t('queue.status')}>{t(`lstatus.${o.license.status}`)}</Fact>
      {o.license.validUntil ? (
        <Fact term={t('license.validUntil')}>
          <When at={o.license.validUntil} />
        </Fact>
      ) : null}
      <Fact term={t('license.province')}>{digits(o.province)}</Fact>
      <Fact term={t('tariffs.officeKind')}>{t(`public.officeKind.${o.kind}`)}</Fact>
      <Fact term={t('officeFile.address')}>
        <bdi>{o.address}</bdi>
      </Fact>
      <Fact term={t('officeFile.phone')}>
        <span dir="ltr">{digits(o.phone)}</span>
      </Fact>
    </dl>
  );
}

/** The services assigned to the office over time; one in force may be withdrawn with a reason. */
function Assignments({ officeId }: { officeId: string }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<string | undefined>();
  const list = usePaged<never, Assignment>(
    ({ limit, cursor }) =>
      unwrap(
        api.GET('/v1/assignments', {
          params: { query: { officeId, limit, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    '',
  );
  return (
    <>
      <h3>{t('officeFile.services')}</h3>
      <PagedTable
        list={list}
        caption={t('officeFile.services')}
        headers={[
          t('officeFile.service'),
          t('officeFile.from'),
          t('officeFile.until'),
          t('officeFile.action'),
        ]}
        keyOf={(a) => `${a.serviceCode}|${a.from.iso}`}
        cells={(a) => [
          <code dir="ltr">{a.serviceCode}</code>,
          <When at={a.from} />,
          a.until ? <When at={a.until} /> : t('officeFile.inForce'),
          a.until ? null : (
            <ChooseButton
              label={t('officeFile.withdraw')}
              item={a.serviceCode}
              onChoose={() => setChosen(a.serviceCode)}
            />
          ),
        ]}
      />
      {chosen ? (
        <Decision
          key={chosen}
          title={`${t('officeFile.withdraw')} ${chosen}`}
          hint={t('officeFile.withdrawHint')}
          submit={t('officeFile.withdraw')}
          act={(reason) =>
            unwrap(
              api.POST('/v1/offices/{officeId}/assignments/{serviceCode}/withdraw', {
                params: { path: { officeId, serviceCode: chosen } },
                body: { reason: reason ?? '' },
              }),
            )
          }
          onDone={list.reload}
        />
      ) : null}
    </>
  );
}

/** The office's payment terminals (پایانه‌ها) by status; an active one may be deactivated with a reason. */
function Terminals({ officeId }: { officeId: string }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<string | undefined>();
  const list = usePaged<TerminalStatus, Terminal>(
    (query) => unwrap(api.GET('/v1/terminals', { params: { query: { ...query, officeId } } })),
    '',
  );
  return (
    <>
      <h3>{t('office.terminals')}</h3>
      <TerminalTable
        list={list}
        action={{
          header: t('officeFile.action'),
          cell: (x) =>
            x.status === 'active' ? (
              <ChooseButton
                label={t('officeFile.deactivate')}
                item={x.terminalId}
                onChoose={() => setChosen(x.terminalId)}
              />
            ) : null,
        }}
      />
      <p class="muted">{t('officeFile.noLastSeen')}</p>
      {chosen ? (
        <Decision
          key={chosen}
          title={`${t('officeFile.deactivate')} ${chosen}`}
          hint={t('officeFile.deactivateHint')}
          submit={t('officeFile.deactivate')}
          act={(reason) =>
            unwrap(
              api.POST('/v1/terminals/{terminalId}/deactivate', {
                params: { path: { terminalId: chosen } },
                body: { reason: reason ?? '' },
              }),
            )
          }
          onDone={list.reload}
        />
      ) : null}
    </>
  );
}

/** An office's page (پروندهٔ دفتر): its license, assigned services, terminals and supervision. */
export function OfficePage({ office }: { office: Office }) {
  return (
    <>
      <Details office={office} />
      <Assignments officeId={office.officeId} />
      <Terminals officeId={office.officeId} />
      <OfficeSupervision officeId={office.officeId} />
    </>
  );
}
