import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { jalaliDayOf, parseJalaliDay } from '../../format/dates';
import { useI18n } from '../../i18n';
import { Decision } from '../../ui/Decision';
import { Field } from '../../ui/Field';
import { LoadedView } from '../../ui/LoadedView';
import { Table } from '../../ui/Table';
import { When } from '../../ui/When';
import { useLoad } from '../../ui/useLoad';
import {
  FigureFields,
  figuresAreValid,
  initialFigures,
  withFigures,
  type Figures,
} from './tariffFigures';
import { ProposalOutcome, type TariffProposal } from './TariffProposal';
import type { TariffAction } from './Tariffs';

type Body = Schemas['ProposeTariffRequest'];

/**
 * The regulator's draft of a tariff change (پیش‌نویس پیشنهاد تعرفه) from the version in force:
 * its figures set anew, an effective Jalali day and the justification, sent after a confirmation.
 * One Idempotency-Key per draft, so a send retried after a lost answer records one proposal.
 */
function ProposalDraft(props: {
  serviceCode: string;
  inForce: NonNullable<Parameters<TariffAction>[0]['inForce']>;
  onSent: () => void;
}) {
  const { t, digits } = useI18n();
  const { components, variants } = props.inForce;
  const [key] = useState(() => crypto.randomUUID());
  const [fromDay, setFromDay] = useState(() => digits(jalaliDayOf(new Date())));
  const [figures, setFigures] = useState<Figures>(() => initialFigures(components));
  const effectiveFrom = parseJalaliDay(fromDay);
  return (
    <Decision
      title={t('proposals.new')}
      hint={t('proposals.newHint')}
      submit={t('proposals.submit')}
      reasonLabel={t('proposals.justification')}
      ready={Boolean(effectiveFrom) && figuresAreValid(figures)}
      extra={
        <>
          <Field
            label={t('tariffs.effectiveFrom')}
            value={fromDay}
            onValue={(_a, v) => setFromDay(v)}
            inputMode="numeric"
            error={effectiveFrom ? undefined : t('input.invalidDay')}
          />
          <FigureFields components={components} figures={figures} onFigures={setFigures} tried />
        </>
      }
      act={(justification) =>
        unwrap(
          api.POST('/v1/tariffs/{serviceCode}/proposals', {
            params: { path: { serviceCode: props.serviceCode } },
            headers: { 'Idempotency-Key': key },
            body: {
              effectiveFrom: effectiveFrom!,
              components: components.map((c, i) => withFigures(c, i, figures)),
              variants: variants as Body['variants'],
              justification: justification!,
            },
          }),
        )
      }
      onDone={props.onSent}
    />
  );
}

/** A pending proposal's withdrawal by the regulator, with an optional reason. */
function Withdraw(props: { p: TariffProposal; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <Decision
      title={t('proposals.withdraw')}
      submit={t('proposals.withdraw')}
      optional
      act={(reason) =>
        unwrap(
          api.POST('/v1/tariffs/{serviceCode}/proposals/{proposalId}/withdraw', {
            params: { path: { serviceCode: props.p.serviceCode, proposalId: props.p.proposalId } },
            body: reason ? { reason } : {},
          }),
        )
      }
      onDone={props.onDone}
    />
  );
}

/**
 * What the regulator does beside a service's tariff: its proposals, newest first, with their
 * state; while one is pending it may be withdrawn, otherwise a change may be proposed.
 */
export const ProposeTariff: TariffAction = ({ serviceCode, inForce }) => {
  const { t } = useI18n();
  const [tick, setTick] = useState(0);
  const changed = () => setTick((n) => n + 1);
  const [loaded, retry] = useLoad(
    () => unwrap(api.GET('/v1/tariff-proposals', { params: { query: { serviceCode } } })),
    [serviceCode, tick],
  );
  return (
    <LoadedView loaded={loaded} retry={retry}>
      {(d) => {
        const pending = d.items.find((p) => p.status === 'pending');
        return (
          <>
            {d.items.length ? (
              <Table
                caption={t('proposals.caption')}
                headers={[
                  t('proposals.proposedAt'),
                  t('tariffs.effectiveFrom'),
                  t('proposals.outcome'),
                ]}
                items={d.items}
                keyOf={(p) => p.proposalId}
                cells={(p) => [
                  <When at={p.proposedAt} />,
                  <When at={p.effectiveFrom} />,
                  <ProposalOutcome p={p} />,
                ]}
              />
            ) : (
              <p class="muted">{t('proposals.none')}</p>
            )}
            {pending ? (
              <Withdraw key={pending.proposalId} p={pending} onDone={changed} />
            ) : inForce ? (
              <ProposalDraft
                key={tick}
                serviceCode={serviceCode}
                inForce={inForce}
                onSent={changed}
              />
            ) : (
              <p class="muted">{t('tariffDesk.firstByApi')}</p>
            )}
          </>
        );
      }}
    </LoadedView>
  );
};
