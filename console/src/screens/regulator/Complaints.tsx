import { useState } from 'preact/hooks';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { Decision } from '../../ui/Decision';
import { Rials } from '../../ui/Money';
import { ComplaintDesk, type Complaint, type Handle } from '../complaints/ComplaintDesk';
import { noRefund, RefundFields, refundReady, type RefundChoice } from './Refund';

type Outcome = 'upheld' | 'not_upheld';

/** The outcome of a resolution, whether the office is warned with it and a refund ordered. */
function OutcomeChoice(props: {
  complaint: Complaint;
  refund: RefundChoice;
  onRefund: (r: RefundChoice) => void;
  outcome: Outcome;
  onOutcome: (o: Outcome) => void;
  warn: boolean;
  onWarn: (w: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <fieldset class="field">
        <legend>{t('complaint.outcome')}</legend>
        {(['upheld', 'not_upheld'] as const).map((o) => (
          <label key={o}>
            <input
              type="radio"
              name="complaint-outcome"
              value={o}
              checked={props.outcome === o}
              onChange={() => props.onOutcome(o)}
            />{' '}
            {t(o === 'upheld' ? 'complaint.upheld' : 'complaint.notUpheld')}
          </label>
        ))}
      </fieldset>
      {props.outcome === 'upheld' ? (
        <>
          <label>
            <input
              type="checkbox"
              checked={props.warn}
              onChange={(e) => props.onWarn(e.currentTarget.checked)}
            />{' '}
            {t('complaint.warning')}
          </label>
          <RefundFields complaint={props.complaint} value={props.refund} onValue={props.onRefund} />
        </>
      ) : null}
    </>
  );
}

/**
 * The regulator's actions on a complaint, as its status allows them: start the review, ask the
 * office for its response, record the outcome (a warning to the office and a refund of one of its
 * payments with it), close the case.
 */
const RegulatorHandle: Handle = ({ complaint: c, onChanged }) => {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<Outcome>('upheld');
  const [warn, setWarn] = useState(false);
  const [refund, setRefund] = useState<RefundChoice>(noRefund);
  const refunding = outcome === 'upheld' && refund.on;
  const params = { path: { complaintId: c.complaintId } };
  const withReason = (reason?: string) => ({ params, body: { reason: reason ?? '' } });
  const open =
    c.status === 'received' || c.status === 'under_review' || c.status === 'awaiting_office';
  return (
    <>
      {c.status === 'received' ? (
        <Decision
          title={t('complaint.review')}
          submit={t('complaint.review')}
          act={(r) => unwrap(api.POST('/v1/complaints/{complaintId}/review', withReason(r)))}
          onDone={onChanged}
        />
      ) : null}
      {c.status === 'under_review' ? (
        <Decision
          title={t('complaint.askOffice')}
          submit={t('complaint.askOffice')}
          act={(r) =>
            unwrap(api.POST('/v1/complaints/{complaintId}/request-office-response', withReason(r)))
          }
          onDone={onChanged}
        />
      ) : null}
      {c.status === 'under_review' || c.status === 'awaiting_office' ? (
        <Decision
          title={t('complaint.resolve')}
          submit={t('complaint.resolve')}
          extra={
            <OutcomeChoice
              complaint={c}
              refund={refund}
              onRefund={setRefund}
              outcome={outcome}
              onOutcome={setOutcome}
              warn={warn}
              onWarn={setWarn}
            />
          }
          ready={!refunding || refundReady(refund)}
          confirming={
            refunding ? (
              <p>
                {t('refund.confirm')} <Rials value={refund.amount} />
              </p>
            ) : undefined
          }
          act={(r) =>
            unwrap(
              api.POST('/v1/complaints/{complaintId}/resolve', {
                params,
                body: {
                  outcome,
                  reason: r ?? '',
                  remedies: [
                    ...(outcome === 'upheld' && warn ? [{ kind: 'warning' as const }] : []),
                    ...(refunding
                      ? [
                          {
                            kind: 'refund' as const,
                            paymentId: refund.paymentId,
                            amount: refund.amount,
                          },
                        ]
                      : []),
                  ],
                },
              }),
            )
          }
          onDone={onChanged}
        />
      ) : null}
      {open ? (
        <Decision
          title={t('complaint.close')}
          submit={t('complaint.close')}
          act={(r) => unwrap(api.POST('/v1/complaints/{complaintId}/close', withReason(r)))}
          onDone={onChanged}
        />
      ) : null}
    </>
  );
};

/** Complaints handling (رسیدگی به شکایات): every desk's complaints, opening on the new ones. */
export function RegulatorComplaints() {
  return (
    <ComplaintDesk title="regulator.complaints" initialStatus="received" handle={RegulatorHandle} />
  );
}
