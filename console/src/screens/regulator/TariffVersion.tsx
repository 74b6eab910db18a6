import { api, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';
import { useI18n } from '../../i18n';
import { LoadedView } from '../../ui/LoadedView';
import { Rials } from '../../ui/Money';
import { Table } from '../../ui/Table';
import { When } from '../../ui/When';
import { useLoad } from '../../ui/useLoad';
import { Fact } from '../public/parts';

/** A tariff version (نسخهٔ تعرفه) as the API answers which one is in force at a date. */
export type TariffVersion =
  paths['/v1/tariffs/{serviceCode}']['get']['responses'][200]['content']['application/json'];
export type TariffComponent = Schemas['ApproveTariffRequest']['components'][number];
type Province = Schemas['Province'];

/** A component's pricing rule in words, its rials with tomans beside them. */
export function RuleText({ rule }: { rule: TariffComponent['rule'] }) {
  const { t, digits } = useI18n();
  switch (rule.kind) {
    case 'fixed':
      return <Rials value={rule.amount} />;
    case 'perUnit':
      return (
        <>
          <Rials value={rule.amount} /> {t('tariffDesk.perUnit')} <bdi>{rule.unit}</bdi>
        </>
      );
    case 'percentage':
      return (
        <>
          {digits(rule.percent)}٪ {t('tariffDesk.of')} <code dir="ltr">{rule.of}</code>
          {rule.min ? (
            <>
              {' '}
              ({t('tariffDesk.min')} <Rials value={rule.min} />)
            </>
          ) : null}
          {rule.max ? (
            <>
              {' '}
              ({t('tariffDesk.max')} <Rials value={rule.max} />)
            </>
          ) : null}
        </>
      );
    case 'tiered':
      return (
        <ul>
          {rule.tiers.map((tier) => (
            <li key={tier.fromOccurrence}>
              {t('tariffDesk.fromOccurrence')} {digits(tier.fromOccurrence)}:{' '}
              <Rials value={tier.amount} />
            </li>
          ))}
        </ul>
      );
    case 'vat':
      return (
        <>
          {t('tariffDesk.vatOn')} <code dir="ltr">{rule.on.join(', ')}</code>
        </>
      );
  }
}

/** What a service costs in the province at an urban and at a rural office, from the version in force. */
function PricesIn(props: { serviceCode: string; province: string; at: string }) {
  const { t } = useI18n();
  const price = (officeKind: 'urban' | 'rural') =>
    unwrap(
      api.GET('/v1/tariffs/{serviceCode}/price', {
        params: {
          path: { serviceCode: props.serviceCode },
          query: { province: props.province as Province, officeKind, at: props.at },
        },
      }),
    );
  const [loaded, retry] = useLoad(
    () => Promise.all([price('urban'), price('rural')]),
    [props.serviceCode, props.province, props.at],
  );
  return (
    <LoadedView loaded={loaded} retry={retry}>
      {([urban, rural]) => (
        <dl class="figures">
          <Fact term={`${t('tariffDesk.total')} (${t('public.officeKind.urban')})`}>
            <Rials value={urban.total} />
          </Fact>
          <Fact term={`${t('tariffDesk.total')} (${t('public.officeKind.rural')})`}>
            <Rials value={rural.total} />
          </Fact>
        </dl>
      )}
    </LoadedView>
  );
}

/**
 * A tariff version: its Commission resolution (مصوبه), effective dates in Jalali with ISO on
 * hover, its components with their rules, and the price in the chosen province.
 */
export function TariffVersionView(props: {
  serviceCode: string;
  province: string;
  at: string;
  version: TariffVersion;
}) {
  const { t, digits } = useI18n();
  const v = props.version;
  return (
    <>
      <dl class="figures">
        <Fact term={t('tariffDesk.version')}>{digits(v.version)}</Fact>
        <Fact term={t('tariffs.resolution')}>
          {digits(v.resolution.number)} — <When at={v.resolution.date} />
        </Fact>
        <Fact term={t('tariffs.effectiveFrom')}>
          <When at={v.effectiveFrom} />
        </Fact>
        <Fact term={t('tariffDesk.effectiveUntil')}>
          {v.effectiveUntil ? <When at={v.effectiveUntil} /> : t('tariffDesk.open')}
        </Fact>
      </dl>
      <Table
        caption={`${t('tariffDesk.components')} ${props.serviceCode}`}
        headers={[
          t('tariffs.component'),
          t('tariffDesk.code'),
          t('tariffs.beneficiary'),
          t('tariffDesk.rule'),
          t('tariffs.ceiling'),
        ]}
        items={v.components}
        keyOf={(c) => c.code}
        cells={(c) => [
          <bdi>{c.nameFa}</bdi>,
          <code dir="ltr">{c.code}</code>,
          t(`tariffs.beneficiary.${c.beneficiary.kind}`),
          <RuleText rule={c.rule} />,
          c.ceiling ? t('tariffs.ceiling') : '—',
        ]}
      />
      {v.variants.length ? (
        <p class="muted">
          {t('tariffDesk.variants')}: {digits(v.variants.length)}
        </p>
      ) : null}
      {props.province ? (
        <PricesIn serviceCode={props.serviceCode} province={props.province} at={props.at} />
      ) : null}
    </>
  );
}
