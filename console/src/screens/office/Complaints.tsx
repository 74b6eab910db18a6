import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { Decision } from '../../ui/Decision';
import { ComplaintDesk, type Handle } from '../complaints/ComplaintDesk';

/** The office answers a complaint about it once the desk has asked for its response. */
const OfficeHandle: Handle = ({ complaint: c, onChanged }) => {
  const { t } = useI18n();
  if (c.status !== 'awaiting_office') return null;
  return (
    <Decision
      title={t('complaint.respond')}
      submit={t('complaint.respond')}
      reasonLabel={t('complaint.response')}
      act={(response) =>
        unwrap(
          api.POST('/v1/complaints/{complaintId}/office-response', {
            params: { path: { complaintId: c.complaintId } },
            body: { response: response ?? '' },
          }),
        )
      }
      onDone={onChanged}
    />
  );
};

/** Complaints about the office (شکایات از دفتر), the API scoping them to it. */
export function OfficeComplaints() {
  return <ComplaintDesk title="office.complaints" initialStatus="" handle={OfficeHandle} />;
}
