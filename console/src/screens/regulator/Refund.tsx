import { api, unwrap, type Schemas } from '../../api/client';
import { formatRials } from '../../format/money';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/Field';
import { Rials } from '../../ui/Money';
import { LoadedView } from '../../ui/LoadedView';
import { useLoad } from '../../ui/useLoad';
import { Choice } from '../public/parts';

type Complaint = Schemas['Complaint'];
type Payment = Schemas['Payment'];

/** A refund (استرداد وجه) the regulator orders with an upheld complaint: which payment, how many rials. */
export interface RefundChoice {
  on: boolean;
  paymentId: string;
  /** Whole rials, ASCII digits as typed. */
  amount: string;
  /** What the chosen payment still holds, the most that may be refunded. */
  remaining?: string;
}

export const noRefund: RefundChoice = { on: false, paymentId: '', amount: '' };

/** Whether the order can be sent: a payment chosen and an amount above zero within what it holds. */
export const refundReady = (r: RefundChoice) =>
  !r.on ||
  (r.paymentId !== '' &&
    /^\d{1,18}$/.test(r.amount) &&
    BigInt(r.amount) > 0n &&
    (r.remaining === undefined || BigInt(r.amount) <= BigInt(r.remaining)));

const chosen = (p: Payment): Partial<RefundChoice> => ({
  paymentId: p.paymentId,
  amount: p.remaining,
  remaining: p.remaining,
});

/** The office's payments to refund from, the complaint's receipt chosen first when it names one. */
function PaymentFields(props: {
  complaint: Complaint;
  officeId: string;
  value: RefundChoice;
  onValue: (r: RefundChoice) => void;
}) {
  const { t, lang } = useI18n();
  const { value: v } = props;
  const [loaded, retry] = useLoad(async () => {
    const page = await unwrap(
      api.GET('/v1/payments', { params: { query: { officeId: props.officeId, limit: 100 } } }),
    );
    const first =
      page.items.find((p) => p.trackingCode === props.complaint.receiptCode) ?? page.items[0];
    if (first && !v.paymentId) props.onValue({ ...v, ...chosen(first) });
    return page;
  }, [props.officeId]);
  const valid = refundReady(v);
  return (
    <LoadedView loaded={loaded} retry={retry}>
      {(page) =>
        page.items.length === 0 ? (
          <p>{t('refund.none')}</p>
        ) : (
          <>
            <Choice
              label={t('refund.payment')}
              value={v.paymentId}
              options={page.items.map((p) => ({
                value: p.paymentId,
                text: `${p.trackingCode} — ${formatRials(p.amount, lang)} ${t('money.rial')}`,
              }))}
              onValue={(id) => {
                const p = page.items.find((x) => x.paymentId === id);
                if (p) props.onValue({ ...v, ...chosen(p) });
              }}
            />
            <Field
              label={t('refund.amount')}
              value={v.amount}
              onValue={(ascii) => props.onValue({ ...v, amount: ascii.trim() })}
              inputMode="numeric"
              dir="ltr"
              error={valid ? undefined : t('refund.badAmount')}
            />
            {valid ? <Rials value={v.amount} /> : null}
          </>
        )
      }
    </LoadedView>
  );
}

/** Whether to order a refund with an upheld complaint about an office, and of what. */
export function RefundFields(props: {
  complaint: Complaint;
  value: RefundChoice;
  onValue: (r: RefundChoice) => void;
}) {
  const { t } = useI18n();
  const s = props.complaint.subject;
  if (s.kind !== 'office') return null;
  return (
    <>
      <label>
        <input
          type="checkbox"
          checked={props.value.on}
          onChange={(e) =>
            props.onValue(e.currentTarget.checked ? { ...noRefund, on: true } : noRefund)
          }
        />{' '}
        {t('refund.order')}
      </label>
      {props.value.on ? (
        <PaymentFields
          complaint={props.complaint}
          officeId={s.officeId}
          value={props.value}
          onValue={props.onValue}
        />
      ) : null}
    </>
  );
}
