import { useId, useState } from 'preact/hooks';
import { api, Failure, unwrap } from '../../api/client';
import { jalaliDayOf } from '../../format/dates';
import { asciiDigits } from '../../format/digits';
import { useI18n } from '../../i18n';
import { useSignedIn } from '../../session';
import { Field } from '../../ui/Field';
import { Empty } from '../../ui/States';
import { When } from '../../ui/When';
import { LoadedView } from '../../ui/LoadedView';
import { useLoad } from '../../ui/useLoad';
import { CatalogueEditor, type Target } from './CatalogueEditor';
import { halfYearOf, parseHalfYear } from './catalogueDraft';

/** Which list to open: national, or a province's (a provincial MPO has only its own). */
function TargetForm(props: { own?: string; target: Target; onTarget: (t: Target) => void }) {
  const { t, digits } = useI18n();
  const id = useId();
  const [scope, setScope] = useState(props.target.scope);
  const [period, setPeriod] = useState(() => digits(props.target.period));
  const [provinces] = useLoad(() => unwrap(api.GET('/v1/provinces', {})), []);
  const parsed = parseHalfYear(asciiDigits(period));
  const choices = props.own
    ? [props.own]
    : ['national', ...(provinces.state === 'ready' ? provinces.data.items.map((p) => p.code) : [])];
  return (
    <form
      class="filters"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed) props.onTarget({ scope, period: parsed });
      }}
    >
      <div class="field">
        <label for={id}>{t('catalogue.scope')}</label>
        <select id={id} value={scope} onChange={(e) => setScope(e.currentTarget.value)}>
          {choices.map((c) => (
            <option key={c} value={c}>
              {c === 'national' ? t('catalogue.national') : c}
            </option>
          ))}
        </select>
      </div>
      <Field
        label={t('catalogue.period')}
        value={period}
        onValue={(_ascii, typed) => setPeriod(typed)}
        dir="ltr"
        error={parsed ? undefined : t('catalogue.invalidPeriod')}
      />
      <button type="submit">{t('range.show')}</button>
    </form>
  );
}

/**
 * The six-monthly catalogue of outsourceable services (فهرست خدمات قابل برون‌سپاری, clause 1):
 * the version in force of the national list (AREO) or a province's (its MPO), its entries, and
 * the next version prepared here — entries added and withdrawn — then published whole.
 */
export function AreoCatalogue() {
  const { t, digits } = useI18n();
  const { role, scope } = useSignedIn();
  const own = role === 'provincial_mpo' ? scope.province : undefined;
  const [target, setTarget] = useState<Target>(() => ({
    scope: own ?? 'national',
    period: halfYearOf(jalaliDayOf(new Date())),
  }));
  const [published, setPublished] = useState<number | undefined>();
  const [list, reload] = useLoad(
    () =>
      unwrap(api.GET('/v1/catalogues/{scope}/{period}', { params: { path: target } })).catch(
        (failure: unknown) => {
          if (failure instanceof Failure && failure.code === 'not-found') return undefined;
          throw failure;
        },
      ),
    [target.scope, target.period],
  );
  return (
    <section>
      <h1>{t('areo.catalogue')}</h1>
      <TargetForm
        {...(own ? { own } : {})}
        target={target}
        onTarget={(next) => {
          setPublished(undefined);
          setTarget(next);
        }}
      />
      {published !== undefined ? (
        <p role="status">
          {t('catalogue.published')} {digits(published)}
        </p>
      ) : null}
      <LoadedView loaded={list} retry={reload}>
        {(data) => (
          <>
            {data ? (
              <p>
                {t('catalogue.version')} {digits(data.version)} — {t('catalogue.publishedAt')}{' '}
                <When at={data.publishedAt} />
              </p>
            ) : (
              <Empty>{t('catalogue.none')}</Empty>
            )}
            <CatalogueEditor
              key={`${target.scope}|${target.period}|${data?.version ?? 0}`}
              target={target}
              list={data}
              onPublished={(version) => {
                setPublished(version);
                reload();
              }}
            />
          </>
        )}
      </LoadedView>
    </section>
  );
}
