import { useId, useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { asciiDigits } from '../../format/digits';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/Field';
import { ErrorView } from '../../ui/States';
import { useAction } from '../../ui/useAction';
import { thisMonthSoFar, useDayRange } from '../../ui/DayRange';
import { RunResult } from './RunResult';

type Format = Schemas['ReconcileRequest']['format'];
const formats: Format[] = ['csv', 'camt.053', 'camt.054'];
/** The CSV statement's header, as src/reconciliation/statement.ts reads it. */
const statementHeader = 'date,amount,reference,bank_reference,description';

/**
 * Reconciliation upload (تطبیق صورت‌حساب بانک): the agency's bank statement for a span of
 * Jalali days against the treasury credits settlement expects; the same statement again gives
 * the first run back.
 */
export function AgencyReconcile() {
  const { t, digits } = useI18n();
  const id = useId();
  const range = useDayRange(thisMonthSoFar());
  const [format, setFormat] = useState<Format>('csv');
  const [file, setFile] = useState<File | undefined>();
  const [amountTolerance, setAmountTolerance] = useState(() => digits(0));
  const [dayTolerance, setDayTolerance] = useState(() => digits(2));
  const [tried, setTried] = useState(false);
  const [run, reconcile] = useAction(async (body: Schemas['ReconcileRequest']) =>
    unwrap(api.POST('/v1/reconciliations', { body })),
  );
  const number = (typed: string) => {
    const ascii = asciiDigits(typed).trim();
    return /^\d{1,12}$/.test(ascii) ? ascii : undefined;
  };
  const amount = number(amountTolerance);
  const days = number(dayTolerance);
  const fileError = tried && !file ? t('recon.noFile') : undefined;

  return (
    <section>
      <h1>{t('agency.reconcile')}</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (!range.value || !file || !amount || !days) return;
          const dates = range.value;
          void file.text().then((content) =>
            reconcile({
              ...dates,
              format,
              content,
              amountToleranceRials: amount,
              dateToleranceDays: Number(days),
            }),
          );
        }}
      >
        {range.fields}
        <div class="field">
          <label for={`${id}-format`}>{t('recon.format')}</label>
          <select
            id={`${id}-format`}
            value={format}
            onChange={(e) => setFormat(e.currentTarget.value as Format)}
          >
            {formats.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${id}-file`}>{t('recon.file')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,.xml,text/csv,application/xml,text/xml"
            aria-describedby={`${id}-hint`}
            aria-invalid={fileError ? true : undefined}
            onChange={(e) => setFile(e.currentTarget.files?.[0])}
          />
          <p id={`${id}-hint`} class="muted">
            {t('recon.fileHint')} <code dir="ltr">{statementHeader}</code>
          </p>
          {fileError ? <p class="field-error">{fileError}</p> : null}
        </div>
        <Field
          label={t('recon.amountTolerance')}
          value={amountTolerance}
          onValue={(_ascii, typed) => setAmountTolerance(typed)}
          inputMode="numeric"
          error={amount ? undefined : t('recon.invalidNumber')}
        />
        <Field
          label={t('recon.dayTolerance')}
          value={dayTolerance}
          onValue={(_ascii, typed) => setDayTolerance(typed)}
          inputMode="numeric"
          error={days ? undefined : t('recon.invalidNumber')}
        />
        <button type="submit" disabled={run.state === 'busy'}>
          {run.state === 'busy' ? t('recon.busy') : t('recon.submit')}
        </button>
      </form>
      {run.state === 'failed' ? <ErrorView failure={run.failure} /> : null}
      {run.state === 'done' ? (
        <RunResult runId={run.data.runId} outcomes={run.data.outcomes} />
      ) : null}
    </section>
  );
}
