import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Decision } from '../../ui/Decision';
import { PagedTable, usePaged } from '../../ui/Paged';
import { StatusSelect } from '../../ui/StatusSelect';
import { When } from '../../ui/When';
import type { Office } from './Offices';
import { OfficeSupervision } from './OfficeSupervision';

type Terminal = Schemas['Terminal'];
type TerminalStatus = Terminal['status'];
type Assignment = Schemas['Assignment'];
const terminalStatuses: TerminalStatus[] = ['active', 'deactivated'];

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
  const fact = (term: string, value: preact.ComponentChildren) => (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <dl class="figures">
      {fact(t('license.number'), <bdi>{digits(o.license.licenseNumber ?? '—')}</bdi>)}
      {fact(t('queue.status'), t(`lstatus.${o.license.status}`))}
      {o.license.validUntil
        ? fact(t('license.validUntil'), <When at={o.license.validUntil} />)
        : null}
      {fact(t('license.province'), digits(o.province))}
      {fact(t('tariffs.officeKind'), t(`public.officeKind.${o.kind}`))}
      {fact(t('officeFile.address'), <bdi>{o.address}</bdi>)}
      {fact(t('officeFile.phone'), <span dir="ltr">{digits(o.phone)}</span>)}
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
      <StatusSelect
        value={list.status}
        statuses={terminalStatuses}
        any
        name={(s) => t(`tstatus.${s}`)}
        onValue={list.setStatus}
      />
      <PagedTable
        list={list}
        caption={t('terminal.caption')}
        headers={[
          t('terminal.id'),
          t('terminal.psp'),
          t('queue.status'),
          t('terminal.registeredAt'),
          t('terminal.deactivatedAt'),
          t('officeFile.action'),
        ]}
        keyOf={(x) => x.terminalId}
        cells={(x) => [
          <code dir="ltr">{x.terminalId}</code>,
          <bdi>{x.psp}</bdi>,
          t(`tstatus.${x.status}`),
          <When at={x.registeredAt} />,
          x.deactivatedAt ? <When at={x.deactivatedAt} /> : '—',
          x.status === 'active' ? (
            <ChooseButton
              label={t('officeFile.deactivate')}
              item={x.terminalId}
              onChoose={() => setChosen(x.terminalId)}
            />
          ) : null,
        ]}
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
