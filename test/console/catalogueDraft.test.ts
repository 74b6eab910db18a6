import {
  addEntry,
  changed,
  draftOf,
  entriesToPublish,
  halfYearOf,
  parseHalfYear,
  restore,
  withdraw,
  type PublishedList,
} from '../../console/src/screens/areo/catalogueDraft';

const at = (iso: string, jalali: string) => ({ iso, jalali });
const published: PublishedList = {
  version: 3,
  entries: [
    {
      serviceCode: 'vehicle-transfer',
      agencyId: 'traffic',
      conditions: 'both present',
      availableFrom: at('2026-09-22T20:30:00.000Z', '1405/07/01 00:00'),
      offerBy: at('2027-03-20T20:30:00.000Z', '1405/12/30 00:00'),
    },
    {
      serviceCode: 'tax-return',
      agencyId: 'tax',
      conditions: '',
      availableFrom: at('2026-09-22T20:30:00.000Z', '1405/07/01 00:00'),
      offerBy: at('2027-03-20T20:30:00.000Z', '1405/12/30 00:00'),
    },
  ],
};

describe("the catalogue's next version, prepared in the console", () => {
  it('republishes the entries as published, their instants unchanged, when nothing changed', () => {
    const draft = draftOf(published);
    expect(changed(draft)).toBe(false);
    expect(entriesToPublish(draft)).toEqual([
      {
        serviceCode: 'vehicle-transfer',
        conditions: 'both present',
        offerBy: '2027-03-20T20:30:00.000Z',
        availableFrom: '2026-09-22T20:30:00.000Z',
      },
      {
        serviceCode: 'tax-return',
        conditions: '',
        offerBy: '2027-03-20T20:30:00.000Z',
        availableFrom: '2026-09-22T20:30:00.000Z',
      },
    ]);
  });

  it('drops a withdrawn entry and sends an added one with its Jalali day and no start', () => {
    const withdrawn = withdraw(draftOf(published), 'tax-return');
    const added = addEntry(withdrawn, {
      serviceCode: 'plate-replacement',
      conditions: 'owner present',
      offerByJalali: '1406/01/15',
    });
    if (added === 'duplicate') throw new Error('not a duplicate');
    expect(changed(added)).toBe(true);
    expect(entriesToPublish(added).map((e) => e.serviceCode)).toEqual([
      'vehicle-transfer',
      'plate-replacement',
    ]);
    expect(entriesToPublish(added)[1]).toEqual({
      serviceCode: 'plate-replacement',
      conditions: 'owner present',
      offerBy: '1406/01/15',
    });
  });

  it('refuses a service already listed or already added, but lists a withdrawn one again', () => {
    const draft = draftOf(published);
    expect(
      addEntry(draft, {
        serviceCode: 'vehicle-transfer',
        conditions: '',
        offerByJalali: '1406/01/15',
      }),
    ).toBe('duplicate');
    const once = addEntry(draft, {
      serviceCode: 'x-1',
      conditions: '',
      offerByJalali: '1406/01/15',
    });
    if (once === 'duplicate') throw new Error('not a duplicate');
    expect(
      addEntry(once, { serviceCode: 'x-1', conditions: '', offerByJalali: '1406/02/01' }),
    ).toBe('duplicate');
    const again = addEntry(withdraw(draft, 'tax-return'), {
      serviceCode: 'tax-return',
      conditions: 'new terms',
      offerByJalali: '1406/01/15',
    });
    if (again === 'duplicate') throw new Error('a withdrawn entry may be listed again');
    expect(again.filter((e) => e.serviceCode === 'tax-return')).toEqual([
      expect.objectContaining({ state: 'added', conditions: 'new terms', offerBy: '1406/01/15' }),
    ]);
  });

  it('withdrawing an added entry removes it; restoring a withdrawn one leaves the draft unchanged', () => {
    const added = addEntry(draftOf(published), {
      serviceCode: 'x-1',
      conditions: '',
      offerByJalali: '1406/01/15',
    });
    if (added === 'duplicate') throw new Error('not a duplicate');
    expect(withdraw(added, 'x-1')).toEqual(draftOf(published));
    const restored = restore(withdraw(draftOf(published), 'tax-return'), 'tax-return');
    expect(restored).toEqual(draftOf(published));
    expect(changed(restored)).toBe(false);
  });

  it('starts empty when no list is published for the period', () => {
    expect(draftOf(undefined)).toEqual([]);
    expect(changed([])).toBe(false);
  });

  it('names the half-year of a Jalali day and reads one typed in either case', () => {
    expect(halfYearOf('1405/06/31')).toBe('1405-H1');
    expect(halfYearOf('1405/07/01')).toBe('1405-H2');
    expect(parseHalfYear(' 1405-h2 ')).toBe('1405-H2');
    expect(parseHalfYear('1405-H3')).toBeUndefined();
    expect(parseHalfYear('1405/07')).toBeUndefined();
  });
});
