import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/Field';
import { Rials } from '../../ui/Money';
import { Table } from '../../ui/Table';
import { Loading } from '../../ui/States';
import { When } from '../../ui/When';
import { useLoad } from '../../ui/useLoad';
import { readCount } from './forms';
import { queryParam, showQuery } from './pages';
import { Choice, Fact, LookupFailure, ProvinceSelect } from './parts';

type Province = Schemas['Province'];
type OfficeKind = Schemas['PublicOffice']['officeKind'];
const officeKinds: OfficeKind[] = ['urban', 'rural'];
const serviceCodeShape = /^[\w.-]{1,64}$/;

interface Asked {
  province: string;
  serviceCode: string;
  officeKind: OfficeKind | '';
  quantity: number;
}

const askedInAddress = (): Asked | undefined => {
  const province = queryParam('province');
  const serviceCode = queryParam('service');
  const kind = queryParam('officeKind');
  if (!province || !serviceCodeShape.test(serviceCode)) return undefined;
  return {
    province,
    serviceCode,
    officeKind: kind === 'urban' || kind === 'rural' ? kind : '',
    quantity: readCount(queryParam('quantity'), 1, 1000) ?? 1,
  };
};

/**
 * Tariff look-up (استعلام تعرفه): what a citizen should pay for a service in their province, at
 * an urban or a rural office, by fee component, from the tariff in force today. The services
 * the province's offices offer are suggested, there being no public catalogue list.
 */
export function Tariffs() {
  const { t, digits } = useI18n();
  const fromAddress = askedInAddress();
  const [province, setProvince] = useState(fromAddress?.province ?? '');
  const [service, setService] = useState(fromAddress?.serviceCode ?? '');
  const [officeKind, setOfficeKind] = useState<OfficeKind | ''>(fromAddress?.officeKind ?? '');
  const [quantity, setQuantity] = useState(() => digits(fromAddress?.quantity ?? 1));
  const [asked, setAsked] = useState<Asked | undefined>(fromAddress);
  const [shown, setShown] = useState(false);
  const serviceCode = service.trim();
  const count = readCount(quantity, 1, 1000);
  const errors = {
    province: shown && !province ? t('tariffs.needProvince') : undefined,
    service: shown && !serviceCodeShape.test(serviceCode) ? t('tariffs.invalidService') : undefined,
    quantity: shown && count === undefined ? t('tariffs.invalidQuantity') : undefined,
  };

  return (
    <section>
      <h1>{t('public.tariffs')}</h1>
      <p>{t('tariffs.intro')}</p>
      <form
        class="filters"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setShown(true);
          if (!province || !serviceCodeShape.test(serviceCode) || count === undefined) return;
          const next = { province, serviceCode, officeKind, quantity: count };
          setAsked(next);
          showQuery({ province, service: serviceCode, officeKind, quantity: String(count) });
        }}
      >
        <ProvinceSelect value={province} onValue={setProvince} error={errors.province} />
        <Field
          label={t('tariffs.service')}
          value={service}
          onValue={(ascii) => setService(ascii)}
          dir="ltr"
          list="tariff-services"
          error={errors.service}
        />
        <Choice
          label={t('tariffs.officeKind')}
          value={officeKind}
          none={t('tariffs.anyKind')}
          options={officeKinds.map((k) => ({ value: k, text: t(`public.officeKind.${k}`) }))}
          onValue={setOfficeKind}
        />
        <Field
          label={t('tariffs.quantity')}
          value={quantity}
          onValue={(_ascii, typed) => setQuantity(typed)}
          inputMode="numeric"
          error={errors.quantity}
        />
        <button type="submit">{t('tariffs.show')}</button>
      </form>
      <p class="muted">{t('tariffs.serviceHint')}</p>
      <ServicesOffered province={province} />
      {asked ? <Tariff asked={asked} /> : <p class="state">{t('tariffs.pick')}</p>}
    </section>
  );
}

/** The services the province's offices offer, as suggestions for the service field. */
function ServicesOffered({ province }: { province: string }) {
  const [loaded] = useLoad(
    async () =>
      province
        ? unwrap(
            api.GET('/v1/public/offices', {
              params: { query: { province: province as Province, limit: 200 } },
            }),
          )
        : { items: [] },
    [province],
  );
  const services = new Map<string, string>();
  if (loaded.state === 'ready')
    for (const o of loaded.data.items)
      for (const s of o.services) services.set(s.serviceCode, s.nameFa);
  return (
    <datalist id="tariff-services">
      {[...services].map(([code, nameFa]) => (
        <option key={code} value={code}>
          {nameFa}
        </option>
      ))}
    </datalist>
  );
}

function Tariff({ asked }: { asked: Asked }) {
  const { t, lang, digits } = useI18n();
  const [loaded, retry] = useLoad(
    () =>
      unwrap(
        api.GET('/v1/public/tariffs/{serviceCode}', {
          params: {
            path: { serviceCode: asked.serviceCode },
            query: {
              province: asked.province as Province,
              quantity: asked.quantity,
              ...(asked.officeKind ? { officeKind: asked.officeKind } : {}),
            },
          },
        }),
      ),
    [asked.province, asked.serviceCode, asked.officeKind, asked.quantity],
  );
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed')
    return <LookupFailure failure={loaded.failure} notFound="tariffs.notFound" onRetry={retry} />;
  const tariff = loaded.data;
  return (
    <article class="tariff" aria-labelledby="tariff-heading">
      <h2 id="tariff-heading">
        {lang === 'fa' ? tariff.nameFa : tariff.nameEn} <code dir="ltr">{tariff.serviceCode}</code>
      </h2>
      <dl class="figures">
        <Fact term={t('tariffs.resolution')}>
          {digits(tariff.resolution.number)} — <When at={tariff.resolution.date} />
        </Fact>
        <Fact term={t('tariffs.effectiveFrom')}>
          <When at={tariff.effectiveFrom} />
        </Fact>
        <Fact term={t('tariffs.quantity')}>{digits(tariff.quantity)}</Fact>
      </dl>
      {tariff.prices.map((p) => (
        <div class="price" key={p.officeKind}>
          <h3>
            {t('tariffs.at')} {t(`public.officeKind.${p.officeKind}`)}: {t('tariffs.total')}{' '}
            <Rials value={p.total} />
          </h3>
          <Table
            caption={`${t('tariffs.at')} ${t(`public.officeKind.${p.officeKind}`)}`}
            captionHidden
            headers={[t('tariffs.component'), t('tariffs.beneficiary'), t('payments.amount')]}
            items={p.components}
            keyOf={(c) => c.code}
            cells={(c) => [
              c.nameFa,
              beneficiaryText(t, c.beneficiary),
              <>
                <Rials value={c.amount} />
                {c.ceiling ? <span class="badge"> {t('tariffs.ceiling')}</span> : null}
              </>,
            ]}
          />
          <p class="muted">
            {t('tariffs.vat')}: {digits(p.vatPercent)}
          </p>
        </div>
      ))}
      {tariff.prices.some((p) => p.components.some((c) => c.ceiling)) ? (
        <p class="muted">{t('tariffs.ceilingNote')}</p>
      ) : null}
    </article>
  );
}

const beneficiaries = ['agency', 'technical', 'office', 'vat'] as const;
function beneficiaryText(t: ReturnType<typeof useI18n>['t'], kind: string): string {
  const known = beneficiaries.find((b) => b === kind);
  return known ? t(`tariffs.beneficiary.${known}`) : kind;
}
