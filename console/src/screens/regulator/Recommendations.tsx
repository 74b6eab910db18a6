import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Decision } from '../../ui/Decision';
import { Empty } from '../../ui/States';
import { PagedTable } from '../../ui/Paged';
import { CloseButton, Decided, OpenButton, useDesk } from '../../ui/Opened';
import { StatusSelect } from '../../ui/StatusSelect';
import { When } from '../../ui/When';

type Recommendation = Schemas['SuspensionRecommendation'];
type Status = Recommendation['status'];
const statuses: Status[] = ['pending', 'acted', 'dismissed'];

/** A recommendation's evidence (مستندات): its reason, the complaint and period, the earlier actions. */
function Evidence({ r }: { r: Recommendation }) {
  const { t, digits } = useI18n();
  return (
    <>
      <dl class="figures">
        <div>
          <dt>{t('rec.reason')}</dt>
          <dd>
            <bdi>{r.evidence.reason}</bdi>
          </dd>
        </div>
        {r.licenseId ? (
          <div>
            <dt>{t('rec.license')}</dt>
            <dd>
              <code dir="ltr">{r.licenseId}</code>
            </dd>
          </div>
        ) : null}
        {r.evidence.complaintId ? (
          <div>
            <dt>{t('rec.complaint')}</dt>
            <dd>
              <code dir="ltr">{r.evidence.complaintId}</code>
            </dd>
          </div>
        ) : null}
        {r.evidence.period ? (
          <div>
            <dt>{t('rec.period')}</dt>
            <dd>{digits(r.evidence.period)}</dd>
          </div>
        ) : null}
        {r.outcome ? (
          <div>
            <dt>{t('rec.outcome')}</dt>
            <dd>
              <bdi>{r.outcome.reason}</bdi> (<When at={r.outcome.decidedAt} />)
            </dd>
          </div>
        ) : null}
      </dl>
      <h3>{t('rec.earlier')}</h3>
      {r.evidence.earlierActions.length === 0 ? (
        <Empty>{t('rec.noEarlier')}</Empty>
      ) : (
        <ul>
          {r.evidence.earlierActions.map((a) => (
            <li key={a.actionId}>
              <strong>{t(`saction.${a.action}`)}</strong>: <bdi>{a.reason}</bdi>{' '}
              <span class="muted">
                (<When at={a.recordedAt} />)
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * Supervision's suspension recommendations (پیشنهادهای تعلیق) awaiting the regulator: each opens
 * to its evidence, and is acted on (the office's license suspended) or dismissed with a reason.
 */
export function RegulatorRecommendations() {
  const { t } = useI18n();
  const { list, opened, decided } = useDesk<Status, Recommendation>(
    (query) => unwrap(api.GET('/v1/licensing/suspension-recommendations', { params: { query } })),
    'pending',
  );
  const { open } = opened;
  const path = (r: Recommendation) => ({ path: { actionId: r.actionId } });

  return (
    <section>
      <h1>{t('regulator.recommendations')}</h1>
      <Decided shown={opened.notice} />
      <StatusSelect
        value={list.status}
        statuses={statuses}
        name={(s) => t(`rstatus.${s}`)}
        onValue={(s) => {
          list.setStatus(s || 'pending');
          opened.close();
        }}
      />
      <PagedTable
        list={list}
        caption={t('rec.caption')}
        headers={[t('rec.office'), t('rec.reason'), t('rec.at'), t('rec.by'), t('queue.open')]}
        keyOf={(r) => r.actionId}
        cells={(r) => [
          <code dir="ltr">{r.officeId}</code>,
          <bdi>{r.evidence.reason}</bdi>,
          <When at={r.recommendedAt} />,
          <bdi>{r.recommendedBy}</bdi>,
          <OpenButton item={r.officeId} onOpen={() => opened.show(r)} />,
        ]}
      />
      {open ? (
        <article class="file" key={open.actionId} aria-labelledby="rec-file">
          <h2 id="rec-file">
            {t('rec.detail')} <code dir="ltr">{open.officeId}</code> — {t(`rstatus.${open.status}`)}
          </h2>
          <Evidence r={open} />
          {open.status === 'pending' ? (
            <>
              <Decision
                title={t('rec.act')}
                hint={t('rec.actHint')}
                submit={t('rec.act')}
                optional
                act={(reason) =>
                  unwrap(
                    api.POST('/v1/licensing/suspension-recommendations/{actionId}/act', {
                      params: path(open),
                      body: reason ? { reason } : {},
                    }),
                  )
                }
                onDone={() => decided()}
              />
              <Decision
                title={t('rec.dismiss')}
                submit={t('rec.dismiss')}
                act={(reason) =>
                  unwrap(
                    api.POST('/v1/licensing/suspension-recommendations/{actionId}/dismiss', {
                      params: path(open),
                      body: { reason: reason ?? '' },
                    }),
                  )
                }
                onDone={() => decided()}
              />
            </>
          ) : null}
          <CloseButton onClose={opened.close} />
        </article>
      ) : null}
    </section>
  );
}
