import { catalogueIndex, type CatalogueIndexEvent } from './catalogueIndex';
import type { CataloguePublished } from './catalogue';

const list = (
  over: Partial<CataloguePublished>,
  services: Array<[string, string]>,
): CataloguePublished => ({
  type: 'CataloguePublished',
  scope: { kind: 'national' },
  period: '1397-H1',
  version: 1,
  publishedAt: '2018-04-11T08:00:00.000Z',
  publishedBy: 'areo',
  entries: services.map(([serviceCode, offerBy]) => ({
    serviceCode,
    agencyId: serviceCode.startsWith('v') ? 'traffic' : 'post',
    conditions: '',
    availableFrom: '2018-03-20T20:30:00.000Z',
    offerBy,
  })),
  ...over,
});

const events: CatalogueIndexEvent[] = [
  {
    type: 'AgencyRegistered',
    agencyId: 'traffic',
    nameFa: 'راهور',
    nameEn: 'Traffic',
    legalId: '10380284790',
    treasuryIban: 'IR820540102680020817909002',
    fees: [],
    registeredAt: '2018-01-01T00:00:00.000Z',
  },
  list({}, [
    ['vehicle', '2019-01-01T00:00:00.000Z'],
    ['parcel', '2020-01-01T00:00:00.000Z'],
  ]),
  list({ version: 2, publishedAt: '2018-05-01T00:00:00.000Z' }, [
    ['vehicle', '2019-01-01T00:00:00.000Z'],
  ]),
  list(
    { scope: { kind: 'provincial', province: 'IR-23' }, publishedAt: '2018-04-20T00:00:00.000Z' },
    [['vtehran', '2018-12-01T00:00:00.000Z']],
  ),
];

function indexOf(evs: CatalogueIndexEvent[]) {
  const index = catalogueIndex();
  evs.forEach((data, i) => index.fold.apply({ position: i + 1, data }));
  return index;
}

describe('catalogue as of a date', () => {
  const index = indexOf(events);
  it('gives the version notified by then', () => {
    expect(
      index.catalogueAsOf({ kind: 'national' }, '1397-H1', new Date('2018-04-30T00:00:00Z'))
        ?.version,
    ).toBe(1);
    expect(
      index.catalogueAsOf({ kind: 'national' }, '1397-H1', new Date('2018-05-01T00:00:00Z'))
        ?.version,
    ).toBe(2);
    expect(
      index.catalogueAsOf({ kind: 'national' }, '1397-H1', new Date('2018-04-01T00:00:00Z')),
    ).toBeUndefined();
  });
  it('outsourceable in a province: national plus that province only, as of the date', () => {
    const codes = (p: string, d: string) =>
      index
        .outsourceableIn(p, new Date(d))
        .map((s) => s.serviceCode)
        .sort();
    expect(codes('IR-23', '2018-04-25T00:00:00Z')).toEqual(['parcel', 'vehicle', 'vtehran']);
    expect(codes('IR-23', '2018-05-02T00:00:00Z')).toEqual(['vehicle', 'vtehran']);
    expect(codes('IR-04', '2018-05-02T00:00:00Z')).toEqual(['vehicle']);
    expect(codes('IR-04', '2018-04-01T00:00:00Z')).toEqual([]);
  });
  it('a list stays in force into the next half-year until that one is published', () => {
    expect(index.isOutsourceable('vehicle', 'IR-04', new Date('2018-10-15T00:00:00Z'))).toBe(true);
    const later = indexOf([
      ...events,
      list({ period: '1397-H2', publishedAt: '2018-10-20T00:00:00.000Z' }, []),
    ]);
    expect(later.isOutsourceable('vehicle', 'IR-04', new Date('2018-10-15T00:00:00Z'))).toBe(true);
    expect(later.isOutsourceable('vehicle', 'IR-04', new Date('2018-10-21T00:00:00Z'))).toBe(false);
  });
});

describe('agencies behind their timetable', () => {
  it('lists services past their deadline and not launched, per agency', () => {
    const index = indexOf(events);
    const behind = index.behindTimetable(new Date('2019-01-11T00:00:00Z'));
    expect(behind).toEqual([
      {
        agencyId: 'traffic',
        nameFa: 'راهور',
        nameEn: 'Traffic',
        overdue: expect.arrayContaining([
          expect.objectContaining({ serviceCode: 'vehicle', version: 2, daysOverdue: 10 }),
          expect.objectContaining({
            serviceCode: 'vtehran',
            scope: { kind: 'provincial', province: 'IR-23' },
          }),
        ]),
      },
    ]);
    expect(index.behindTimetable(new Date('2018-11-01T00:00:00Z'))).toEqual([]);
  });
  it('a launch by the date clears the service', () => {
    const index = indexOf([
      ...events,
      {
        type: 'ServiceDefined',
        serviceCode: 'vehicle',
        agencyId: 'traffic',
        nameFa: '',
        nameEn: '',
        conditions: '',
        customerData: 'none',
        definedAt: '2018-01-01T00:00:00.000Z',
      },
      {
        type: 'ServiceLaunchedAtOffices',
        serviceCode: 'vehicle',
        agencyId: 'traffic',
        launchedAt: '2019-01-05T00:00:00.000Z',
        recordedAt: '2019-01-05T00:00:00.000Z',
      },
    ]);
    const overdue = (d: string) =>
      index.behindTimetable(new Date(d)).flatMap((a) => a.overdue.map((o) => o.serviceCode));
    expect(overdue('2019-01-11T00:00:00Z')).toEqual(['vtehran']);
    expect(overdue('2019-01-04T00:00:00Z').sort()).toEqual(['vehicle', 'vtehran']);
  });
});

describe('folding', () => {
  it('replaying events twice gives the same answers as once', () => {
    const once = indexOf(events);
    const twice = indexOf(events);
    events.forEach((data, i) => twice.fold.apply({ position: i + 1, data }));
    const d = new Date('2019-01-11T00:00:00Z');
    expect(twice.behindTimetable(d)).toEqual(once.behindTimetable(d));
    expect(twice.versions({ kind: 'national' }, '1397-H1')).toHaveLength(2);
  });
});
