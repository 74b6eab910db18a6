import type { FunctionComponent } from 'preact';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n, type TextKey } from '../../i18n';
import { PagedTable } from '../../ui/Paged';
import { CloseButton, Decided, OpenButton, useDesk } from '../../ui/Opened';
import { Rials } from '../../ui/Money';
import { StatusSelect } from '../../ui/StatusSelect';
import { When } from '../../ui/When';

export type Complaint = Schemas['Complaint'];
type Status = Complaint['status'];
const statuses: Status[] = ['received', 'under_review', 'awaiting_office', 'resolved', 'closed'];

/** What a role may do with the complaint open on its desk; `onChanged` gets the complaint after it. */
export type Handle = FunctionComponent<{ complaint: Complaint; onChanged: (c: Complaint) => void }>;

function Subject({ c }: { c: Complaint }) {
  const s = c.subject;
  const id = s.kind === 'office' ? s.officeId : s.kind === 'agency' ? s.agencyId : s.serviceCode;
  const service = s.kind === 'office' && s.serviceCode ? ` / ${s.serviceCode}` : '';
  return <code dir="ltr">{`${id}${service}`}</code>;
}

/** The refunds (استرداد وجه) the case ordered, each in rials with tomans and whether the ledger has it. */
function Refunds({ c }: { c: Complaint }) {
  const { t } = useI18n();
  if (!c.refunds?.length) return null;
  return (
    <>
      <h3>{t('refund.caption')}</h3>
      <ul class="refunds">
        {c.refunds.map((r) => (
          <li key={r.refundId}>
            <Rials value={r.amount} /> — <code dir="ltr">{r.paymentId.slice(0, 8)}</code> —{' '}
            {t(r.recordedInLedger ? 'refund.recorded' : 'refund.pending')}
          </li>
        ))}
      </ul>
    </>
  );
}

/** One complaint's file (پروندهٔ شکایت): what it is about, what the citizen wrote, its history. */
function ComplaintFile(props: { c: Complaint; handle: Handle; onChanged: (c: Complaint) => void }) {
  const { t } = useI18n();
  const { c } = props;
  const Handle = props.handle;
  const contact = c.contact ? [c.contact.name, c.contact.mobile, c.contact.email] : [];
  return (
    <article class="file" aria-labelledby="complaint-file">
      <h2 id="complaint-file">
        {t('complaint.detail')} <code dir="ltr">{c.trackingCode}</code> —{' '}
        {t(`complaints.status.${c.status}`)}
      </h2>
      <dl class="figures">
        <div>
          <dt>{t('complaint.subject')}</dt>
          <dd>
            <Subject c={c} />
          </dd>
        </div>
        <div>
          <dt>{t('complaints.topic')}</dt>
          <dd>{t(`complaints.topic.${c.topic}`)}</dd>
        </div>
        <div>
          <dt>{t('complaint.dueBy')}</dt>
          <dd>
            <When at={c.dueBy} />
            {c.overdue ? ` (${t('complaint.overdue')})` : ''}
          </dd>
        </div>
        {c.receiptCode ? (
          <div>
            <dt>{t('complaint.receipt')}</dt>
            <dd>
              <code dir="ltr">{c.receiptCode}</code>
            </dd>
          </div>
        ) : null}
        {contact.some(Boolean) ? (
          <div>
            <dt>{t('complaint.contact')}</dt>
            <dd>
              <bdi>{contact.filter(Boolean).join('، ')}</bdi>
            </dd>
          </div>
        ) : null}
        {c.outcome ? (
          <div>
            <dt>{t('complaint.outcome')}</dt>
            <dd>{t(`coutcome.${c.outcome}`)}</dd>
          </div>
        ) : null}
      </dl>
      <Refunds c={c} />
      <h3>{t('complaint.description')}</h3>
      <p>
        <bdi>{c.description}</bdi>
      </p>
      <h3>{t('complaint.history')}</h3>
      <ol>
        {c.history.map((h, i) => (
          <li key={i}>
            <code dir="ltr">{h.type}</code> <When at={h.at} />
            {h.reason ? (
              <>
                : <bdi>{h.reason}</bdi>
              </>
            ) : null}
          </li>
        ))}
      </ol>
      <Handle key={c.status} complaint={c} onChanged={props.onChanged} />
    </article>
  );
}

/**
 * A desk's complaints (شکایات) as the API scopes them — every one for the regulator, those about
 * it for an office — by status, a page at a time; one opens to its file and the role's actions.
 */
export function ComplaintDesk(props: {
  title: TextKey;
  initialStatus: Status | '';
  handle: Handle;
}) {
  const { t } = useI18n();
  const { list, opened, decided } = useDesk<Status, Complaint>(
    (query) => unwrap(api.GET('/v1/complaints', { params: { query } })),
    props.initialStatus,
  );
  const { open } = opened;

  return (
    <section>
      <h1>{t(props.title)}</h1>
      <StatusSelect
        value={list.status}
        statuses={statuses}
        any
        name={(s) => t(`complaints.status.${s}`)}
        onValue={(s) => {
          list.setStatus(s);
          opened.close();
        }}
      />
      <PagedTable
        list={list}
        caption={t('complaint.caption')}
        headers={[
          t('complaint.tracking'),
          t('complaints.kind'),
          t('complaints.topic'),
          t('complaint.subject'),
          t('queue.status'),
          t('complaint.filedAt'),
          t('complaint.dueBy'),
          t('queue.open'),
        ]}
        keyOf={(c) => c.complaintId}
        cells={(c) => [
          <code dir="ltr">{c.trackingCode}</code>,
          t(`complaints.kind.${c.kind}`),
          t(`complaints.topic.${c.topic}`),
          <Subject c={c} />,
          t(`complaints.status.${c.status}`),
          <When at={c.filedAt} />,
          <>
            <When at={c.dueBy} />
            {c.overdue ? <strong> {t('complaint.overdue')}</strong> : null}
          </>,
          <OpenButton item={c.trackingCode} onOpen={() => opened.show(c)} />,
        ]}
      />
      {open ? (
        <>
          <Decided shown={opened.notice} />
          <ComplaintFile
            key={open.complaintId}
            c={open}
            handle={props.handle}
            onChanged={decided}
          />
          <CloseButton onClose={opened.close} />
        </>
      ) : null}
    </section>
  );
}
