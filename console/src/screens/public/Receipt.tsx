import { useState } from 'preact/hooks';
import { instant } from '../../../../contracts/primitives/jalali';
import { api, Failure, unwrap, type Schemas } from '../../api/client';
import { useI18n, type TextKey } from '../../i18n';
import { linkProps } from '../../router';
import { Field } from '../../ui/Field';
import { Rials } from '../../ui/Money';
import { Loading } from '../../ui/States';
import { When } from '../../ui/When';
import { useLoad } from '../../ui/useLoad';
import { readReceiptCode, receiptCheckUrl } from './forms';
import { queryParam, showQuery } from './pages';
import { Fact, LookupFailure } from './parts';
import { QrCode } from './Qr';

type Seal = { sealed: Schemas['ReceiptProof']['seal'] } | { sealedAfter?: string };

/** Whether the payment's day is sealed: its seal, or when it will be (the proof's 404 says). */
async function sealOf(code: string): Promise<Seal> {
  const r = await api.GET('/v1/receipts/{trackingCode}/proof', {
    params: { path: { trackingCode: code } },
  });
  if (r.data) return { sealed: r.data.seal };
  if (r.response.status !== 404) throw new Failure(r.response.status, r.error);
  const after = (r.error as { sealedAfter?: unknown } | undefined)?.sealedAfter;
  return typeof after === 'string' ? { sealedAfter: after } : {};
}

/**
 * Receipt check (بررسی رسید): a citizen types the tracking code from the paper receipt and sees
 * what the ledger holds for it — amount, time, office, service, status and whether its day is
 * sealed — printable, with a QR code that opens this same check.
 */
export function ReceiptCheck() {
  const { t } = useI18n();
  const [typed, setTyped] = useState(() => queryParam('code'));
  const [code, setCode] = useState(() => readReceiptCode(queryParam('code')) ?? '');
  const [shown, setShown] = useState(false);
  const invalid = shown && !readReceiptCode(typed);

  return (
    <section class="receipt-check">
      <h1>{t('public.receipt')}</h1>
      <p class="no-print">{t('receipt.intro')}</p>
      <form
        class="filters no-print"
        onSubmit={(e) => {
          e.preventDefault();
          setShown(true);
          const valid = readReceiptCode(typed);
          if (!valid) return;
          setCode(valid);
          showQuery({ code: valid });
        }}
      >
        <Field
          label={t('receipt.code')}
          value={typed}
          onValue={(_ascii, value) => setTyped(value)}
          inputMode="numeric"
          dir="ltr"
          autoComplete="off"
          required
          error={invalid ? t('receipt.invalidCode') : undefined}
        />
        <button type="submit">{t('receipt.check')}</button>
      </form>
      {code ? <Receipt code={code} /> : null}
    </section>
  );
}

function Receipt({ code }: { code: string }) {
  const { t, digits } = useI18n();
  const [loaded, retry] = useLoad(
    () =>
      unwrap(api.GET('/v1/receipts/{trackingCode}', { params: { path: { trackingCode: code } } })),
    [code],
  );
  const [seal] = useLoad(() => sealOf(code), [code]);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed')
    return <LookupFailure failure={loaded.failure} notFound="receipt.notFound" onRetry={retry} />;
  const r = loaded.data;
  const complaint = new URLSearchParams({
    officeId: r.office.officeId,
    serviceCode: r.service.code,
    receipt: r.trackingCode,
  });
  return (
    <article class="receipt" aria-labelledby="receipt-heading">
      <h2 id="receipt-heading">{t('receipt.heading')}</h2>
      <div class="receipt-body">
        <dl class="figures">
          <Fact term={t('receipt.trackingCode')}>
            <code dir="ltr">{digits(r.trackingCode)}</code>
          </Fact>
          <Fact term={t('receipt.amount')}>
            <Rials value={r.amount} />
          </Fact>
          {r.refunded !== '0' ? (
            <Fact term={t('receipt.refunded')}>
              <Rials value={r.refunded} />
            </Fact>
          ) : null}
          <Fact term={t('receipt.time')}>
            <When at={r.transactionTime} />
          </Fact>
          <Fact term={t('receipt.office')}>
            {r.office.nameFa ?? ''} <code dir="ltr">{r.office.officeId}</code>
          </Fact>
          <Fact term={t('receipt.service')}>
            {r.service.nameFa ?? ''} <code dir="ltr">{r.service.code}</code>
          </Fact>
          <Fact term={t('receipt.status')}>{t(`status.${r.status}` as TextKey)}</Fact>
          <Fact term={t('receipt.card')}>
            <span dir="ltr">{digits(r.maskedCard)}</span>
          </Fact>
          <Fact term={t('receipt.rrn')}>
            <span dir="ltr">{digits(r.rrn)}</span>
          </Fact>
        </dl>
        <QrCode text={receiptCheckUrl(location.origin, r.trackingCode)} />
      </div>
      <h3>{t('receipt.seal')}</h3>
      {seal.state === 'loading' ? <Loading /> : null}
      {seal.state === 'failed' ? (
        <LookupFailure failure={seal.failure} notFound="receipt.notFound" />
      ) : null}
      {seal.state === 'ready' && 'sealed' in seal.data ? (
        <p>
          {t('receipt.sealedIn')} {digits(seal.data.sealed.jalaliDay)}{' '}
          <span class="muted">
            ({t('receipt.sealRoot')}: <code dir="ltr">{seal.data.sealed.root.slice(0, 16)}…</code>)
          </span>{' '}
          <a class="no-print" href={r.proof} download>
            {t('receipt.proof')}
          </a>
        </p>
      ) : null}
      {seal.state === 'ready' && !('sealed' in seal.data) ? (
        <p>
          {t('receipt.unsealed')}{' '}
          {seal.data.sealedAfter ? <When at={instant(new Date(seal.data.sealedAfter))} /> : null}
        </p>
      ) : null}
      <p class="actions no-print">
        <button type="button" onClick={() => print()}>
          {t('receipt.print')}
        </button>
        <a {...linkProps(`/public/complaints?${complaint.toString()}`)}>{t('receipt.complain')}</a>
      </p>
    </article>
  );
}
