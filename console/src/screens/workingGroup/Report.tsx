import { api, Failure, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useSignedIn } from '../../session';
import { Downloads } from '../../ui/Download';
import { LocalTable } from '../../ui/LocalTable';
import { When } from '../../ui/When';
import { LoadedView } from '../../ui/LoadedView';
import { useLoad } from '../../ui/useLoad';

/** The report's rows as projections/parties/province.ts writes them (typed loosely in the OpenAPI). */
interface ByState {
  state: string;
  applications: number;
  oldestDays: number;
  averageDays: number;
}
interface Applied {
  licenseId: string;
  state: string;
  officeKind: 'urban' | 'rural';
  locality: string;
  appliedAt: { iso: string; jalali: string };
  ageDays: number;
  votes: number;
}
interface Licensed {
  officeId: string;
  officeKind: 'urban' | 'rural';
  score: string;
  volume: number;
  violations: number;
  complaintsUpheld: number;
  slaBreaches: number;
}

/** A state as the licensing queue names it (`expired` included). */
const stateKey = (s: string) => `lstatus.${s}` as `lstatus.${'active'}`;

/**
 * The province's licensing report (گزارش کارگروه استانی): applications by state with the oldest
 * and average age in days, every application with its age and votes, and the licensed offices
 * with their supervision score (امتیاز عملکرد) of the half-year; CSV and XLSX.
 */
export function WorkingGroupReport() {
  const { t, digits } = useI18n();
  const { scope } = useSignedIn();
  const province = scope.province;
  const [loaded, retry] = useLoad(
    () =>
      province === undefined
        ? Promise.reject(new Failure(404, undefined))
        : unwrap(
            api.GET('/v1/reports/provinces/{province}/licensing', {
              params: { path: { province } },
            }),
          ),
    [province],
  );
  return (
    <section>
      <h1>{t('workingGroup.report')}</h1>
      <LoadedView loaded={loaded} retry={retry}>
        {(data) => (
          <>
            <Downloads
              path={`/v1/reports/provinces/${encodeURIComponent(province ?? '')}/licensing`}
              query={{}}
            />
            <p class="muted">
              {digits(data.province)} — <When at={data.at} />
            </p>
            <h2>{t('report.byState')}</h2>
            <LocalTable
              caption={t('report.byState')}
              headers={[
                t('license.status'),
                t('report.applications'),
                t('report.oldest'),
                t('report.average'),
              ]}
              rows={data.byState as unknown as ByState[]}
              keyOf={(s) => s.state}
              cells={(s) => [
                t(stateKey(s.state)),
                digits(s.applications),
                digits(s.oldestDays),
                digits(s.averageDays),
              ]}
            />
            <h2>{t('report.applicationList')}</h2>
            <LocalTable
              caption={t('report.applicationList')}
              headers={[
                t('review.license'),
                t('license.status'),
                t('license.kind'),
                t('license.locality'),
                t('license.appliedAt'),
                t('license.age'),
                t('license.votes'),
              ]}
              rows={data.applications as unknown as Applied[]}
              keyOf={(a) => a.licenseId}
              cells={(a) => [
                <code dir="ltr">{a.licenseId.slice(0, 8)}</code>,
                t(stateKey(a.state)),
                t(`kind.${a.officeKind}`),
                <bdi>{a.locality}</bdi>,
                <When at={a.appliedAt} />,
                digits(a.ageDays),
                digits(a.votes),
              ]}
            />
            <h2>{t('report.offices')}</h2>
            <LocalTable
              caption={t('report.offices')}
              headers={[
                t('compliance.office'),
                t('license.kind'),
                t('report.score'),
                t('statement.payments'),
                t('compliance.violations'),
                t('report.complaintsUpheld'),
                t('report.slaBreaches'),
              ]}
              rows={data.offices as unknown as Licensed[]}
              keyOf={(o) => o.officeId}
              cells={(o) => [
                <bdi>{o.officeId}</bdi>,
                t(`kind.${o.officeKind}`),
                digits(o.score),
                digits(o.volume),
                digits(o.violations),
                digits(o.complaintsUpheld),
                digits(o.slaBreaches),
              ]}
            />
          </>
        )}
      </LoadedView>
    </section>
  );
}
