import { useState } from 'preact/hooks';
import { api, unwrap } from '../../api/client';
import { asciiDigits } from '../../format/digits';
import { jalaliDayOf, parseJalaliDay } from '../../format/dates';
import { useI18n } from '../../i18n';
import { Decision } from '../../ui/Decision';
import { Field } from '../../ui/Field';
import { LoadedView } from '../../ui/LoadedView';
import { CloseButton, OpenButton } from '../../ui/Opened';
import { StatusSelect } from '../../ui/StatusSelect';
import { Table } from '../../ui/Table';
import { When } from '../../ui/When';
import { useLoad } from '../../ui/useLoad';
import { ProposalOutcome, ProposalView, type TariffProposal } from '../regulator/TariffProposal';

const statuses = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
type Status = (typeof statuses)[number];
const path = (p: TariffProposal) => ({ serviceCode: p.serviceCode, proposalId: p.proposalId });

/** Approval by a numbered resolution (مصوبه) and its Jalali date, after a confirmation. */
function Approve(props: { p: TariffProposal; onDone: (p: TariffProposal) => void }) {
  const { t, digits } = useI18n();
  const [number, setNumber] = useState('');
  const [day, setDay] = useState(() => digits(jalaliDayOf(new Date())));
  const date = parseJalaliDay(day);
  const num = asciiDigits(number.trim());
  return (
    <Decision
      title={t('proposals.approve')}
      hint={t('proposals.approveHint')}
      submit={t('proposals.approve')}
      noReason
      ready={Boolean(num && date)}
      extra={
        <>
          <Field
            label={t('tariffDesk.resolutionNumber')}
            value={number}
            onValue={(_a, v) => setNumber(v)}
            dir="ltr"
            error={num ? undefined : t('tariffDesk.needNumber')}
          />
          <Field
            label={t('tariffDesk.resolutionDate')}
            value={day}
            onValue={(_a, v) => setDay(v)}
            inputMode="numeric"
            error={date ? undefined : t('input.invalidDay')}
          />
        </>
      }
      act={() =>
        unwrap(
          api.POST('/v1/tariffs/{serviceCode}/proposals/{proposalId}/approve', {
            params: { path: path(props.p) },
            body: { resolution: { number: num, date: date! } },
          }),
        )
      }
      onDone={props.onDone}
    />
  );
}

function Reject(props: { p: TariffProposal; onDone: (p: TariffProposal) => void }) {
  const { t } = useI18n();
  return (
    <Decision
      title={t('proposals.reject')}
      submit={t('proposals.reject')}
      reasonLabel={t('proposals.rejectReason')}
      act={(reason) =>
        unwrap(
          api.POST('/v1/tariffs/{serviceCode}/proposals/{proposalId}/reject', {
            params: { path: path(props.p) },
            body: { reason: reason! },
          }),
        )
      }
      onDone={props.onDone}
    />
  );
}

/**
 * The Commission's tariff proposals (پیشنهادهای تعرفه): the regulator's pending proposals by
 * default, each opening to what it would set, to be approved by resolution or rejected with a
 * reason.
 */
export function CommissionProposals() {
  const { t } = useI18n();
  const [status, setStatus] = useState<Status | ''>('pending');
  const [open, setOpen] = useState<TariffProposal | undefined>();
  const [tick, setTick] = useState(0);
  const [loaded, retry] = useLoad(
    () => unwrap(api.GET('/v1/tariff-proposals', { params: { query: status ? { status } : {} } })),
    [status, tick],
  );
  const decided = (p: TariffProposal) => {
    setOpen(p);
    setTick((n) => n + 1);
  };
  return (
    <section>
      <h1>{t('commission.proposals')}</h1>
      <StatusSelect
        value={status}
        statuses={statuses}
        name={(s) => t(`proposals.status.${s}`)}
        any
        onValue={(s) => {
          setStatus(s);
          setOpen(undefined);
        }}
      />
      <LoadedView loaded={loaded} retry={retry} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <Table
            caption={t('proposals.caption')}
            headers={[
              t('officeFile.service'),
              t('proposals.proposedAt'),
              t('tariffs.effectiveFrom'),
              t('proposals.outcome'),
              t('queue.open'),
            ]}
            items={d.items}
            keyOf={(p) => p.proposalId}
            cells={(p) => [
              <code dir="ltr">{p.serviceCode}</code>,
              <When at={p.proposedAt} />,
              <When at={p.effectiveFrom} />,
              <ProposalOutcome p={p} />,
              <OpenButton item={p.serviceCode} onOpen={() => setOpen(p)} />,
            ]}
          />
        )}
      </LoadedView>
      {open ? (
        <article class="file" key={open.proposalId} aria-labelledby="proposal-file">
          <h2 id="proposal-file">
            {t('proposals.file')} <code dir="ltr">{open.serviceCode}</code>
          </h2>
          <p role="status">
            <ProposalOutcome p={open} />
          </p>
          <ProposalView p={open} />
          {open.status === 'pending' ? (
            <>
              <Approve p={open} onDone={decided} />
              <Reject p={open} onDone={decided} />
            </>
          ) : null}
          <CloseButton onClose={() => setOpen(undefined)} />
        </article>
      ) : null}
    </section>
  );
}
