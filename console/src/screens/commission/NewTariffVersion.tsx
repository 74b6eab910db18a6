import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { asciiDigits } from '../../format/digits';
import { jalaliDayOf, parseJalaliDay } from '../../format/dates';
import { useI18n } from '../../i18n';
import { Confirm } from '../../ui/Confirm';
import { Field } from '../../ui/Field';
import { ErrorView } from '../../ui/States';
import { useAction } from '../../ui/useAction';
import type { TariffAction } from '../regulator/Tariffs';
import {
  FigureFields,
  figuresAreValid,
  initialFigures,
  withFigures,
  type Figures,
} from '../regulator/tariffFigures';

type Body = Schemas['ApproveTariffRequest'];
type Variant = NonNullable<Body['variants']>[number];

/**
 * The Commission's new tariff version (نسخهٔ تازهٔ تعرفه): the version in force with its figures
 * set anew under a numbered resolution (مصوبه) and an effective day, recorded after a confirmation.
 * The API records approved versions only; a first version of a service goes through the API.
 */
export const NewTariffVersion: TariffAction = ({ serviceCode, inForce, onRecorded }) => {
  const { t, digits } = useI18n();
  const today = jalaliDayOf(new Date());
  const [number, setNumber] = useState('');
  const [resolutionDay, setResolutionDay] = useState(() => digits(today));
  const [fromDay, setFromDay] = useState(() => digits(today));
  const components = inForce?.components ?? [];
  const [figures, setFigures] = useState<Figures>(() => initialFigures(components));
  const [tried, setTried] = useState(false);
  const [asking, setAsking] = useState(false);
  const [acted, act] = useAction(
    (body: Body) =>
      unwrap(
        api.POST('/v1/tariffs/{serviceCode}/approvals', {
          params: { path: { serviceCode } },
          body,
        }),
      ),
    (data) => onRecorded(data.version),
  );
  if (!inForce) return <p class="muted">{t('tariffDesk.firstByApi')}</p>;
  const resolutionDate = parseJalaliDay(resolutionDay);
  const effectiveFrom = parseJalaliDay(fromDay);
  const errors = {
    number: number.trim() ? undefined : t('tariffDesk.needNumber'),
    resolution: resolutionDate ? undefined : t('input.invalidDay'),
    from: effectiveFrom ? undefined : t('input.invalidDay'),
  };
  const valid = !errors.number && resolutionDate && effectiveFrom && figuresAreValid(figures);
  const body = (): Body => ({
    resolution: { number: asciiDigits(number.trim()), date: resolutionDate! },
    effectiveFrom: effectiveFrom!,
    components: components.map((c, i) => withFigures(c, i, figures)),
    variants: inForce.variants as Variant[],
  });
  return (
    <form
      class="filters"
      aria-label={t('tariffDesk.newVersion')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (valid) setAsking(true);
      }}
    >
      <h3 class="form-title">{t('tariffDesk.newVersion')}</h3>
      <p class="form-hint">{t('tariffDesk.newVersionHint')}</p>
      <Field
        label={t('tariffDesk.resolutionNumber')}
        value={number}
        onValue={(_a, v) => setNumber(v)}
        dir="ltr"
        error={tried ? errors.number : undefined}
      />
      <Field
        label={t('tariffDesk.resolutionDate')}
        value={resolutionDay}
        onValue={(_a, v) => setResolutionDay(v)}
        inputMode="numeric"
        error={tried ? errors.resolution : undefined}
      />
      <Field
        label={t('tariffs.effectiveFrom')}
        value={fromDay}
        onValue={(_a, v) => setFromDay(v)}
        inputMode="numeric"
        error={tried ? errors.from : undefined}
      />
      <FigureFields
        components={components}
        figures={figures}
        onFigures={setFigures}
        tried={tried}
      />
      {asking ? (
        <Confirm
          label={t('tariffDesk.newVersion')}
          question={t('decide.ask')}
          busy={acted.state === 'busy'}
          onYes={() => {
            setAsking(false);
            act(body());
          }}
          onNo={() => setAsking(false)}
        />
      ) : (
        <button type="submit" disabled={acted.state === 'busy'}>
          {t('tariffDesk.record')}
        </button>
      )}
      {acted.state === 'failed' ? <ErrorView failure={acted.failure} /> : null}
    </form>
  );
};
