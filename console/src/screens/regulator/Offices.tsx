import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { LoadedView } from '../../ui/LoadedView';
import { CloseButton, OpenButton, useOpened } from '../../ui/Opened';
import { Pager, firstPage, type CursorPages } from '../../ui/Pager';
import { Table } from '../../ui/Table';
import { useLoad } from '../../ui/useLoad';
import { Choice, ProvinceSelect } from '../public/parts';
import { OfficePage } from './OfficePage';

export type Office = Schemas['Office'];
type OfficeKind = Office['kind'];
const kinds: OfficeKind[] = ['urban', 'rural'];
const pageSize = 20;

/**
 * The office registry (ثبت دفاتر پیشخوان) a page at a time, by province and kind as the API
 * filters it; an office opens to its page: license, assigned services, terminals, supervision.
 */
export function RegulatorOffices() {
  const { t, digits } = useI18n();
  const [province, setProvince] = useState('');
  const [kind, setKind] = useState<OfficeKind | ''>('');
  const [pages, setPages] = useState<CursorPages>(firstPage);
  const opened = useOpened<Office>();
  const [loaded, reload] = useLoad(
    () =>
      unwrap(
        api.GET('/v1/offices', {
          params: {
            query: {
              limit: pageSize,
              ...(province ? { province: province as Office['province'] } : {}),
              ...(kind ? { kind } : {}),
              ...(pages.current ? { cursor: pages.current } : {}),
            },
          },
        }),
      ),
    [province, kind, pages.current],
  );
  const refilter = (change: () => void) => {
    change();
    setPages(firstPage);
    opened.close();
  };
  const { open } = opened;
  return (
    <section>
      <h1>{t('regulator.offices')}</h1>
      <div class="filters">
        <ProvinceSelect value={province} onValue={(p) => refilter(() => setProvince(p))} />
        <Choice
          label={t('tariffs.officeKind')}
          value={kind}
          none={t('payments.any')}
          options={kinds.map((k) => ({ value: k, text: t(`public.officeKind.${k}`) }))}
          onValue={(k) => refilter(() => setKind(k))}
        />
      </div>
      <LoadedView loaded={loaded} retry={reload} isEmpty={(d) => d.items.length === 0}>
        {(data) => (
          <>
            <Table
              caption={t('registry.caption')}
              headers={[
                t('registry.office'),
                t('registry.name'),
                t('license.province'),
                t('tariffs.officeKind'),
                t('registry.license'),
                t('registry.services'),
                t('queue.open'),
              ]}
              items={data.items}
              keyOf={(o) => o.officeId}
              cells={(o) => [
                <code dir="ltr">{o.officeId}</code>,
                <bdi>{o.nameFa}</bdi>,
                digits(o.province),
                t(`public.officeKind.${o.kind}`),
                t(`lstatus.${o.license.status}`),
                digits(o.services.length),
                <OpenButton item={o.officeId} onOpen={() => opened.show(o)} />,
              ]}
            />
            <Pager pages={pages} nextCursor={data.nextCursor} onPages={setPages} />
          </>
        )}
      </LoadedView>
      {open ? (
        <article class="file" key={open.officeId} aria-labelledby="office-file">
          <h2 id="office-file">
            {t('registry.file')} <code dir="ltr">{open.officeId}</code> — <bdi>{open.nameFa}</bdi>
          </h2>
          <OfficePage office={open} />
          <CloseButton onClose={opened.close} />
        </article>
      ) : null}
    </section>
  );
}
