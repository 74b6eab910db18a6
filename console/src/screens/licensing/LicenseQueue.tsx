import type { FunctionComponent } from 'preact';
import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n, type TextKey } from '../../i18n';
import { Pager, firstPage, type CursorPages } from '../../ui/Pager';
import { When } from '../../ui/When';
import { Table } from '../../ui/Table';
import { LoadedView } from '../../ui/LoadedView';
import { useLoad } from '../../ui/useLoad';
import { LicenseFile } from './LicenseFile';

export type License = Schemas['License'];
export type LicenseStatus = License['status'];

/** Every status in the queue's order; a status the API adds or drops fails the build here. */
const statusOrder: Record<LicenseStatus, true> = {
  under_review: true,
  approved: true,
  rejected: true,
  refused: true,
  active: true,
  suspended: true,
  expired: true,
  cancelled: true,
};
export const licenseStatuses = Object.keys(statusOrder) as LicenseStatus[];
const pageSize = 20;
const dayMs = 86_400_000;

/** Whole days since an application was made (its age in the queue). */
export const ageInDays = (appliedIso: string, now = Date.now()) =>
  Math.max(0, Math.floor((now - Date.parse(appliedIso)) / dayMs));

/** What a role may do with the license open in the queue; `onChanged` gets the license after it. */
export type Decide = FunctionComponent<{ license: License; onChanged: (l: License) => void }>;

/**
 * The licensing queue (صف پروانه‌ها) as a role sees it: applications and licenses by state, with
 * their age, a page at a time (the API scopes a working group to its province); one opens to its
 * file — votes and documents — and the role's decision.
 */
export function LicenseQueue(props: {
  title: TextKey;
  initialStatus: LicenseStatus | '';
  decide: Decide;
}) {
  const { t, digits } = useI18n();
  const [status, setStatus] = useState<LicenseStatus | ''>(props.initialStatus);
  const [pages, setPages] = useState<CursorPages>(firstPage);
  const [open, setOpen] = useState<License | undefined>();

  const [loaded, reload] = useLoad(
    () =>
      unwrap(
        api.GET('/v1/licenses', {
          params: {
            query: {
              limit: pageSize,
              ...(status ? { status } : {}),
              ...(pages.current ? { cursor: pages.current } : {}),
            },
          },
        }),
      ),
    [status, pages.current],
  );

  return (
    <section>
      <h1>{t(props.title)}</h1>
      <div class="filters">
        <div class="field">
          <label for="license-status">{t('license.status')}</label>
          <select
            id="license-status"
            value={status}
            onChange={(e) => {
              setStatus(e.currentTarget.value as LicenseStatus | '');
              setPages(firstPage);
            }}
          >
            <option value="">{t('payments.any')}</option>
            {licenseStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`lstatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <LoadedView loaded={loaded} retry={reload} isEmpty={(data) => data.items.length === 0}>
        {(data) => (
          <>
            <Table
              caption={t('license.caption')}
              headers={[
                t('license.applicant'),
                t('license.province'),
                t('license.kind'),
                t('license.status'),
                t('license.appliedAt'),
                t('license.age'),
                t('license.votes'),
                t('license.open'),
              ]}
              items={data.items}
              keyOf={(l) => l.licenseId}
              cells={(l) => [
                <bdi>{l.applicant.name}</bdi>,
                digits(l.province),
                t(`kind.${l.officeKind}`),
                t(`lstatus.${l.status}`),
                <When at={l.appliedAt} />,
                digits(ageInDays(l.appliedAt.iso)),
                digits(`${l.votes.length}/3`),
                <button
                  type="button"
                  aria-label={`${t('license.open')}: ${l.applicant.name}`}
                  onClick={() => setOpen(l)}
                >
                  {t('license.open')}
                </button>,
              ]}
            />
            <Pager pages={pages} nextCursor={data.nextCursor} onPages={setPages} />
          </>
        )}
      </LoadedView>
      {open ? (
        <LicenseFile
          key={open.licenseId}
          license={open}
          onClose={() => setOpen(undefined)}
          decide={props.decide}
          onChanged={(l) => {
            setOpen(l);
            reload();
          }}
        />
      ) : null}
    </section>
  );
}
