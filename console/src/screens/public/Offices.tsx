import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { asciiDigits } from '../../format/digits';
import { useI18n } from '../../i18n';
import { linkProps } from '../../router';
import { Field } from '../../ui/Field';
import { Pager, firstPage, type CursorPages } from '../../ui/Pager';
import { Empty, ErrorView, Loading } from '../../ui/States';
import { useLoad } from '../../ui/useLoad';
import { queryParam, showQuery } from './pages';
import { ProvinceSelect } from './parts';

type Province = Schemas['Province'];
type Office = Schemas['PublicOffice'];
const pageSize = 10;

interface Filter {
  province: string;
  city: string;
  serviceCode: string;
}

/**
 * Office finder (یافتن دفتر): the licensed offices of a province, optionally of one city or
 * village and offering one service, a page at a time, each with its address, phone and services.
 */
export function Offices() {
  const { t } = useI18n();
  const [typed, setTyped] = useState<Filter>(() => ({
    province: queryParam('province'),
    city: queryParam('city'),
    serviceCode: queryParam('service'),
  }));
  const [filter, setFilter] = useState<Filter>(typed);
  const [pages, setPages] = useState<CursorPages>(firstPage);
  return (
    <section>
      <h1>{t('public.offices')}</h1>
      <p>{t('offices.intro')}</p>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const next = {
            province: typed.province,
            city: typed.city.trim(),
            serviceCode: asciiDigits(typed.serviceCode).trim(),
          };
          setFilter(next);
          setPages(firstPage);
          showQuery({ province: next.province, city: next.city, service: next.serviceCode });
        }}
      >
        <ProvinceSelect
          value={typed.province}
          onValue={(province) => setTyped((f) => ({ ...f, province }))}
        />
        <Field
          label={t('offices.city')}
          value={typed.city}
          onValue={(_ascii, city) => setTyped((f) => ({ ...f, city }))}
        />
        <Field
          label={t('offices.service')}
          value={typed.serviceCode}
          onValue={(serviceCode) => setTyped((f) => ({ ...f, serviceCode }))}
          dir="ltr"
        />
        <button type="submit">{t('offices.find')}</button>
      </form>
      {filter.province ? (
        <Found filter={filter} pages={pages} onPages={setPages} />
      ) : (
        <p class="state">{t('offices.pick')}</p>
      )}
    </section>
  );
}

function Found(props: { filter: Filter; pages: CursorPages; onPages: (p: CursorPages) => void }) {
  const { t } = useI18n();
  const { filter, pages } = props;
  const [loaded, retry] = useLoad(
    () =>
      unwrap(
        api.GET('/v1/public/offices', {
          params: {
            query: {
              province: filter.province as Province,
              limit: pageSize,
              ...(filter.city ? { city: filter.city } : {}),
              ...(filter.serviceCode ? { serviceCode: filter.serviceCode } : {}),
              ...(pages.current ? { cursor: pages.current } : {}),
            },
          },
        }),
      ),
    [filter.province, filter.city, filter.serviceCode, pages.current],
  );
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <ErrorView failure={loaded.failure} onRetry={retry} />;
  if (loaded.data.items.length === 0 && !pages.current) return <Empty>{t('offices.empty')}</Empty>;
  return (
    <>
      <ul class="offices" aria-label={t('offices.list')}>
        {loaded.data.items.map((o) => (
          <OfficeCard key={o.officeId} office={o} />
        ))}
      </ul>
      <Pager pages={pages} nextCursor={loaded.data.nextCursor} onPages={props.onPages} />
    </>
  );
}

function OfficeCard({ office: o }: { office: Office }) {
  const { t, lang, digits } = useI18n();
  const complain = new URLSearchParams({ officeId: o.officeId });
  return (
    <li class="office">
      <h2>{lang === 'fa' ? o.nameFa : o.nameEn}</h2>
      <p class="muted">
        {t(`public.officeKind.${o.officeKind}`)} — {o.locality.name} — {t('offices.id')}{' '}
        <code dir="ltr">{o.officeId}</code>
      </p>
      <p>
        {t('offices.address')}: {digits(o.address)}
      </p>
      <p>
        {t('offices.phone')}:{' '}
        <a href={`tel:${o.phone}`} dir="ltr">
          {digits(o.phone)}
        </a>
      </p>
      {o.services.length ? (
        <>
          <h3>{t('offices.services')}</h3>
          <ul class="chips">
            {o.services.map((s) => (
              <li key={s.serviceCode}>
                {s.nameFa} <code dir="ltr">{s.serviceCode}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <a {...linkProps(`/public/complaints?${complain.toString()}`)}>{t('offices.complain')}</a>
    </li>
  );
}
