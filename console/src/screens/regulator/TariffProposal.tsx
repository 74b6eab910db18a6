import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Table } from '../../ui/Table';
import { When } from '../../ui/When';
import { Fact } from '../public/parts';
import { RuleText } from './TariffVersion';

/** A tariff proposal (پیشنهاد تعرفه) as the API answers it. */
export type TariffProposal = Schemas['TariffProposal'];

/** A proposal's state in words; a decided one says by what resolution or why. */
export function ProposalOutcome({ p }: { p: TariffProposal }) {
  const { t, digits } = useI18n();
  const d = p.decision;
  return (
    <>
      {t(`proposals.status.${p.status}`)}
      {d?.resolution ? (
        <>
          {' — '}
          {t('tariffs.resolution')} {digits(d.resolution.number)} (<When at={d.resolution.date} />
          ), {t('proposals.asVersion')} {digits(d.version ?? 0)}
        </>
      ) : null}
      {d?.reason ? (
        <>
          {' — '}
          <bdi>{d.reason}</bdi>
        </>
      ) : null}
    </>
  );
}

/** One proposal: its dates, justification and the components it would set. */
export function ProposalView({ p }: { p: TariffProposal }) {
  const { t, digits } = useI18n();
  return (
    <>
      <dl class="figures">
        <Fact term={t('proposals.proposedAt')}>
          <When at={p.proposedAt} />
        </Fact>
        <Fact term={t('tariffs.effectiveFrom')}>
          <When at={p.effectiveFrom} />
        </Fact>
        {p.basedOn ? <Fact term={t('proposals.basedOn')}>{digits(p.basedOn.version)}</Fact> : null}
        <Fact term={t('proposals.justification')}>
          <bdi>{p.justification}</bdi>
        </Fact>
      </dl>
      <Table
        caption={`${t('tariffDesk.components')} ${p.serviceCode}`}
        headers={[t('tariffs.component'), t('tariffDesk.code'), t('tariffDesk.rule')]}
        items={p.components}
        keyOf={(c) => c.code}
        cells={(c) => [
          <bdi>{c.nameFa}</bdi>,
          <code dir="ltr">{c.code}</code>,
          <RuleText rule={c.rule} />,
        ]}
      />
    </>
  );
}
