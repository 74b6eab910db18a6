import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { parseJalaliDay } from '../../format/dates';
import { useI18n } from '../../i18n';
import { Decision } from '../../ui/Decision';
import { Field } from '../../ui/Field';
import { Empty } from '../../ui/States';
import { Table } from '../../ui/Table';
import {
  addEntry,
  changed,
  draftOf,
  entriesToPublish,
  restore,
  serviceCodePattern,
  withdraw,
  type DraftEntry,
  type PublishedList,
} from './catalogueDraft';

/** The list being prepared: `national`, or a province code; the Jalali half-year. */
export interface Target {
  scope: string;
  period: string;
}

/** The form that adds a service to the draft: its code, conditions and the day it must be offered by. */
function AddEntry({ onAdd }: { onAdd: (e: Parameters<typeof addEntry>[1]) => boolean }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [conditions, setConditions] = useState('');
  const [offerBy, setOfferBy] = useState('');
  const [tried, setTried] = useState(false);
  const [duplicate, setDuplicate] = useState(false);
  const serviceCode = code.trim().toLowerCase();
  const day = parseJalaliDay(offerBy);
  const codeError = !tried
    ? undefined
    : !serviceCodePattern.test(serviceCode)
      ? t('catalogue.invalidCode')
      : duplicate
        ? t('catalogue.duplicate')
        : undefined;
  return (
    <form
      class="filters"
      aria-label={t('catalogue.add')}
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        setDuplicate(false);
        if (!serviceCodePattern.test(serviceCode) || !day) return;
        const added = onAdd({ serviceCode, conditions: conditions.trim(), offerByJalali: day });
        if (!added) return setDuplicate(true);
        setCode('');
        setConditions('');
        setOfferBy('');
        setTried(false);
      }}
    >
      <h3 class="form-title">{t('catalogue.add')}</h3>
      <Field
        label={t('catalogue.serviceCode')}
        value={code}
        onValue={(_ascii, typed) => setCode(typed)}
        dir="ltr"
        error={codeError}
      />
      <Field
        label={t('catalogue.conditions')}
        value={conditions}
        onValue={(_ascii, typed) => setConditions(typed)}
      />
      <Field
        label={t('catalogue.offerBy')}
        value={offerBy}
        onValue={(_ascii, typed) => setOfferBy(typed)}
        inputMode="numeric"
        error={tried && !day ? t('input.invalidDay') : undefined}
      />
      <button type="submit">{t('catalogue.addSubmit')}</button>
    </form>
  );
}

/**
 * The next version of a list: the entries published, those added and withdrawn since, and the
 * publication (after a confirmation) of the list as it now stands.
 */
export function CatalogueEditor(props: {
  target: Target;
  list: PublishedList | undefined;
  onPublished: (version: number) => void;
}) {
  const { t, digits } = useI18n();
  const [draft, setDraft] = useState<DraftEntry[]>(() => draftOf(props.list));
  const { scope, period } = props.target;
  const listed = entriesToPublish(draft);
  const publish = () =>
    unwrap(
      api.POST('/v1/catalogues', {
        body: {
          period,
          entries: listed,
          ...(scope === 'national'
            ? { scope: 'national' as const }
            : { scope: 'provincial' as const, province: scope as Schemas['Province'] }),
        },
      }),
    );
  return (
    <>
      <h2>{t('catalogue.entries')}</h2>
      {draft.length === 0 ? (
        <Empty />
      ) : (
        <Table
          caption={t('catalogue.entries')}
          captionHidden
          headers={[
            t('payments.service'),
            t('national.agency'),
            t('catalogue.conditions'),
            t('catalogue.offerBy'),
            t('catalogue.state'),
            t('catalogue.action'),
          ]}
          items={draft}
          keyOf={(e) => e.serviceCode}
          cells={(e) => [
            <bdi>{e.serviceCode}</bdi>,
            e.agencyId ? <bdi>{e.agencyId}</bdi> : '',
            <bdi>{e.conditions}</bdi>,
            digits(e.offerByJalali),
            t(`catalogue.${e.state}`),
            e.state === 'withdrawn' ? (
              <button
                type="button"
                aria-label={`${t('catalogue.restore')}: ${e.serviceCode}`}
                onClick={() => setDraft(restore(draft, e.serviceCode))}
              >
                {t('catalogue.restore')}
              </button>
            ) : (
              <button
                type="button"
                aria-label={`${t('catalogue.withdraw')}: ${e.serviceCode}`}
                onClick={() => setDraft(withdraw(draft, e.serviceCode))}
              >
                {t('catalogue.withdraw')}
              </button>
            ),
          ]}
        />
      )}
      <AddEntry
        onAdd={(entry) => {
          const next = addEntry(draft, entry);
          if (next === 'duplicate') return false;
          setDraft(next);
          return true;
        }}
      />
      {changed(draft) ? (
        <Decision
          title={t('catalogue.publish')}
          hint={`${t('catalogue.publishHint')} ${digits(listed.length)}`}
          submit={t('catalogue.publish')}
          noReason
          act={publish}
          onDone={(list) => props.onPublished(list.version)}
        />
      ) : (
        <p class="muted">{t('catalogue.unchanged')}</p>
      )}
    </>
  );
}
