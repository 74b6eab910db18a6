import type { FunctionComponent } from 'preact';
import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { jalaliDayOf, parseJalaliDay } from '../../format/dates';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/Field';
import { LoadedView } from '../../ui/LoadedView';
import { CloseButton, OpenButton } from '../../ui/Opened';
import { Pager, firstPage, type CursorPages } from '../../ui/Pager';
import { Table } from '../../ui/Table';
import { localPage } from '../../ui/localPages';
import { useLoad } from '../../ui/useLoad';
import { ProvinceSelect } from '../public/parts';
import { ProposeTariff } from './ProposeTariff';
import { TariffVersionView, type TariffVersion } from './TariffVersion';

type Province = Schemas['Province'];
const pageSize = 20;

/** What a role may do beside a service's tariff: the Commission records a new version. */
export type TariffAction = FunctionComponent<{
  serviceCode: string;
  /** The version in force today, undefined when the service has none. */
  inForce: TariffVersion | undefined;
  /** The version recorded, by its number. */
  onRecorded: (version: number) => void;
}>;

/** A service's tariff in force at a Jalali day (today unless another is asked). */
function TariffFile(props: { serviceCode: string; province: string; action?: TariffAction }) {
  const { t, digits } = useI18n();
  const today = jalaliDayOf(new Date());
  const [typed, setTyped] = useState(() => digits(today));
  const [day, setDay] = useState(today);
  const [recorded, setRecorded] = useState<number | undefined>();
  const asked = parseJalaliDay(typed);
  const [loaded, retry] = useLoad(
    () =>
      unwrap(
        api.GET('/v1/tariffs/{serviceCode}', {
          params: { path: { serviceCode: props.serviceCode }, query: { asOf: day } },
        }),
      ),
    [props.serviceCode, day, recorded],
  );
  const [inForce] = useLoad(
    () =>
      unwrap(
        api.GET('/v1/tariffs/{serviceCode}', {
          params: { path: { serviceCode: props.serviceCode } },
        }),
      ).catch(() => undefined),
    [props.serviceCode, recorded],
  );
  const Action = props.action;
  return (
    <>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (asked) setDay(asked);
        }}
      >
        <Field
          label={t('tariffDesk.asOf')}
          value={typed}
          onValue={(_ascii, v) => setTyped(v)}
          inputMode="numeric"
          error={asked ? undefined : t('input.invalidDay')}
        />
        <button type="submit">{t('range.show')}</button>
      </form>
      <h3>
        {day === today ? t('tariffDesk.inForceToday') : t('tariffDesk.inForceAt')}{' '}
        {day === today ? null : digits(day)}
      </h3>
      <LoadedView loaded={loaded} retry={retry} notFound={t('tariffDesk.none')}>
        {(v) => (
          <TariffVersionView
            serviceCode={props.serviceCode}
            province={props.province}
            at={day}
            version={v}
          />
        )}
      </LoadedView>
      {Action && inForce.state === 'ready' ? (
        <Action serviceCode={props.serviceCode} inForce={inForce.data} onRecorded={setRecorded} />
      ) : null}
      {recorded !== undefined ? (
        <p role="status">
          {t('tariffDesk.recorded')} {digits(recorded)}
        </p>
      ) : null}
    </>
  );
}

/**
 * Tariffs (تعرفه‌ها) by province and service: the services outsourceable in the province, each
 * opening to the version in force today or at another day (an approved version that starts
 * later shows at its day), with the price at an urban and a rural office; `action` adds what the
 * role may do there.
 */
export function TariffDesk(props: {
  title: 'regulator.tariffs' | 'commission.tariffs';
  action?: TariffAction;
}) {
  const { t, digits } = useI18n();
  const [province, setProvince] = useState('');
  const [pages, setPages] = useState<CursorPages>(firstPage);
  const [open, setOpen] = useState<string | undefined>();
  const [loaded, retry] = useLoad(
    async () =>
      province
        ? unwrap(
            api.GET('/v1/outsourceable', { params: { query: { province: province as Province } } }),
          )
        : undefined,
    [province],
  );
  return (
    <section>
      <h1>{t(props.title)}</h1>
      <div class="filters">
        <ProvinceSelect
          value={province}
          onValue={(p) => {
            setProvince(p);
            setPages(firstPage);
            setOpen(undefined);
          }}
        />
      </div>
      {province ? (
        <LoadedView loaded={loaded} retry={retry} isEmpty={(d) => (d?.items.length ?? 0) === 0}>
          {(d) => {
            const page = localPage(d?.items ?? [], pages, pageSize);
            return (
              <>
                <Table
                  caption={t('tariffDesk.services')}
                  headers={[
                    t('officeFile.service'),
                    t('tariffDesk.agency'),
                    t('tariffDesk.period'),
                    t('queue.open'),
                  ]}
                  items={page.items}
                  keyOf={(s) => `${s.scope}|${s.serviceCode}`}
                  cells={(s) => [
                    <code dir="ltr">{s.serviceCode}</code>,
                    <code dir="ltr">{s.agencyId}</code>,
                    <span dir="ltr">{digits(s.period)}</span>,
                    <OpenButton item={s.serviceCode} onOpen={() => setOpen(s.serviceCode)} />,
                  ]}
                />
                <Pager pages={pages} nextCursor={page.nextCursor} onPages={setPages} />
              </>
            );
          }}
        </LoadedView>
      ) : (
        <p class="state">{t('tariffDesk.pick')}</p>
      )}
      {open ? (
        <article class="file" key={`${province}|${open}`} aria-labelledby="tariff-file">
          <h2 id="tariff-file">
            {t('tariffDesk.file')} <code dir="ltr">{open}</code>
          </h2>
          <TariffFile
            serviceCode={open}
            province={province}
            {...(props.action ? { action: props.action } : {})}
          />
          <CloseButton onClose={() => setOpen(undefined)} />
        </article>
      ) : null}
    </section>
  );
}

/** The regulator's tariffs: read as the Commission approved them, and changes proposed to it. */
export function RegulatorTariffs() {
  return <TariffDesk title="regulator.tariffs" action={ProposeTariff} />;
}
