import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { halfYearOf, parseHalfYear } from '../../format/dates';
import { useI18n } from '../../i18n';
import { Decision } from '../../ui/Decision';
import { Field } from '../../ui/Field';
import { LoadedView } from '../../ui/LoadedView';
import { Decided } from '../../ui/Opened';
import { Rials } from '../../ui/Money';
import { Table } from '../../ui/Table';
import { When } from '../../ui/When';
import { useLoad } from '../../ui/useLoad';
import { Choice, Fact } from '../public/parts';

export type Action = Schemas['SupervisionAction']['action'];
const actions: Action[] = ['warning', 'inspection', 'suspension_recommended'];

/** Which supervision action (اقدام نظارتی) is recorded: a warning, an inspection, a suspension recommended. */
export function ActionChoice(props: { value: Action; onValue: (a: Action) => void }) {
  const { t } = useI18n();
  return (
    <Choice
      label={t('supervise.action')}
      value={props.value}
      options={actions.map((a) => ({ value: a, text: t(`saction.${a}`) }))}
      onValue={(a) => a && props.onValue(a)}
    />
  );
}

/** The office's measures and score (امتیاز نظارتی) for a Jalali half-year, and its rank in the province. */
function Score({ officeId }: { officeId: string }) {
  const { t, digits } = useI18n();
  const [typed, setTyped] = useState(() => digits(halfYearOf(new Date())));
  const period = parseHalfYear(typed);
  const [shown, setShown] = useState(() => ({ period: halfYearOf(new Date()), asked: 0 }));
  const [loaded, retry] = useLoad(
    () =>
      unwrap(
        api.GET('/v1/supervision/offices/{officeId}', {
          params: { path: { officeId }, query: { period: shown.period } },
        }),
      ),
    [officeId, shown.period, shown.asked],
  );
  return (
    <>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (period) setShown({ period, asked: shown.asked + 1 });
        }}
      >
        <Field
          label={t('supervise.period')}
          value={typed}
          onValue={(_ascii, v) => setTyped(v)}
          dir="ltr"
          error={period ? undefined : t('supervise.invalidPeriod')}
        />
        <button type="submit">{t('range.show')}</button>
      </form>
      <LoadedView loaded={loaded} retry={retry} notFound={t('supervise.noActivity')}>
        {(s) => (
          <dl class="figures">
            <Fact term={t('supervise.score')}>{digits(s.score)}</Fact>
            <Fact term={t('supervise.rank')}>{digits(s.rank)}</Fact>
            <Fact term={t('supervise.volume')}>{digits(s.volume)}</Fact>
            <Fact term={t('supervise.revenue')}>
              <Rials value={s.revenue} />
            </Fact>
            <Fact term={t('supervise.violations')}>{digits(s.violations)}</Fact>
            <Fact term={t('supervise.complaints')}>
              {digits(`${s.complaintsUpheld}/${s.complaintsReceived}`)}
            </Fact>
            <Fact term={t('supervise.slaBreaches')}>{digits(s.slaBreaches)}</Fact>
          </dl>
        )}
      </LoadedView>
    </>
  );
}

/**
 * Supervision of an office (نظارت بر دفتر): its score, the actions recorded about it newest
 * first, and a new action (warning, inspection, suspension recommended) with its reason.
 */
export function OfficeSupervision({ officeId }: { officeId: string }) {
  const { t } = useI18n();
  const [action, setAction] = useState<Action>('warning');
  const [recorded, setRecorded] = useState(0);
  const [loaded, retry] = useLoad(
    () =>
      unwrap(
        api.GET('/v1/supervision/offices/{officeId}/actions', {
          params: { path: { officeId } },
        }),
      ),
    [officeId, recorded],
  );
  return (
    <>
      <h3>{t('supervise.title')}</h3>
      <Score officeId={officeId} />
      <LoadedView loaded={loaded} retry={retry} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <Table
            caption={t('supervise.history')}
            headers={[
              t('supervise.action'),
              t('decide.reason'),
              t('supervise.at'),
              t('supervise.outcome'),
            ]}
            items={[...d.items].reverse()}
            keyOf={(a) => a.actionId}
            cells={(a) => [
              t(`saction.${a.action}`),
              <bdi>{a.reason}</bdi>,
              <When at={a.recordedAt} />,
              a.outcome ? t(`rstatus.${a.outcome.status}`) : '—',
            ]}
          />
        )}
      </LoadedView>
      <Decided shown={recorded > 0} />
      <Decision
        key={recorded}
        title={t('supervise.record')}
        submit={t('supervise.record')}
        extra={<ActionChoice value={action} onValue={setAction} />}
        act={(reason) =>
          unwrap(
            api.POST('/v1/supervision/offices/{officeId}/actions', {
              params: { path: { officeId } },
              body: { action, reason: reason ?? '' },
            }),
          )
        }
        onDone={() => setRecorded((n) => n + 1)}
      />
    </>
  );
}
