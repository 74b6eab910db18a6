import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { LoadedView } from '../../ui/LoadedView';
import { Pager, firstPage, type CursorPages } from '../../ui/Pager';
import { Table } from '../../ui/Table';
import { When } from '../../ui/When';
import { useLoad } from '../../ui/useLoad';
import { ApplicationPage } from './ApplicationPage';
import { DraftForm } from './DraftForm';

export type Application = Schemas['Application'];

const dayMs = 86_400_000;

/** Whole days since the application was drafted (its age as the person sees it). */
export const ageInDays = (a: Application, now = Date.now()) =>
  Math.max(0, Math.floor((now - Date.parse(a.draftedAt.iso)) / dayMs));

/**
 * An applicant's applications (درخواست‌های پروانه): each with its state and age, a form for a
 * new one, and each one's page with its documents, where it is attached to and submitted.
 */
export function ApplicantApplications() {
  const { t, digits } = useI18n();
  const [pages, setPages] = useState<CursorPages>(firstPage);
  const [open, setOpen] = useState<string>();
  const [loaded, retry] = useLoad(
    () =>
      unwrap(
        api.GET('/v1/applications', {
          params: { query: pages.current ? { cursor: pages.current } : {} },
        }),
      ),
    [pages.current, open],
  );

  if (open)
    return (
      <ApplicationPage
        applicationId={open}
        onBack={() => {
          setOpen(undefined);
          retry();
        }}
      />
    );
  return (
    <section>
      <h1>{t('applicant.applications')}</h1>
      <LoadedView loaded={loaded} retry={retry} isEmpty={(d) => d.items.length === 0}>
        {(page) => (
          <>
            <Table
              caption={t('applicant.caption')}
              headers={[
                t('applicant.officeKind'),
                t('applicant.locality'),
                t('applicant.status'),
                t('applicant.drafted'),
                t('applicant.age'),
                '',
              ]}
              items={page.items}
              keyOf={(a) => a.applicationId}
              cells={(a) => [
                t(`applicant.${a.officeKind}`),
                <bdi>{a.location.locality}</bdi>,
                t(`astatus.${a.status}`),
                <When at={a.draftedAt} />,
                digits(ageInDays(a)),
                <button
                  type="button"
                  aria-label={`${t('applicant.open')}: ${a.location.locality}`}
                  onClick={() => setOpen(a.applicationId)}
                >
                  {t('applicant.open')}
                </button>,
              ]}
            />
            <Pager pages={pages} nextCursor={page.nextCursor} onPages={setPages} />
          </>
        )}
      </LoadedView>
      <DraftForm onDrafted={(a) => setOpen(a.applicationId)} />
    </section>
  );
}
