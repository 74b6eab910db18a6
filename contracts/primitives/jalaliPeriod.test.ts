import {
  addJalaliYears,
  halfYearOf,
  parseHalfYear,
  parseInstant,
  parseJalaliDate,
  startOfJalaliDay,
} from './jalaliPeriod';

describe('Jalali half-years in Asia/Tehran', () => {
  it('1397-H1 is 1397/01/01 to 1397/06/31', () => {
    const p = parseHalfYear('1397-H1')!;
    expect(p.start.toISOString()).toBe('2018-03-20T20:30:00.000Z');
    expect(p.end.toISOString()).toBe('2018-09-22T20:30:00.000Z');
    expect(p.lastDay).toEqual({ jy: 1397, jm: 6, jd: 31 });
  });
  it('H2 ends with Esfand; 1402 ends on 1402/12/29', () => {
    const p = parseHalfYear('۱۴۰۲-h2')!;
    expect(p.id).toBe('1402-H2');
    expect(p.lastDay).toEqual({ jy: 1402, jm: 12, jd: 29 });
    expect(p.end.toISOString()).toBe('2024-03-19T20:30:00.000Z');
  });
  it('an instant falls in the half-year of its Tehran day', () => {
    expect(halfYearOf(new Date('2018-09-22T20:29:59Z')).id).toBe('1397-H1');
    expect(halfYearOf(new Date('2018-09-22T20:30:00Z')).id).toBe('1397-H2');
  });
  it.each(['1397-H3', '1397H1', '97-H1', '1397-h'])('rejects %s', (s) =>
    expect(parseHalfYear(s)).toBeUndefined(),
  );
});

describe('Jalali days', () => {
  it('a day that began with the daylight-saving jump starts at its first wall-clock minute', () => {
    expect(startOfJalaliDay({ jy: 1397, jm: 1, jd: 3 }).toISOString()).toBe(
      '2018-03-22T19:30:00.000Z',
    );
  });
  it('reads Jalali or ISO instants and rejects impossible days', () => {
    expect(parseInstant('1403/01/01')!.toISOString()).toBe('2024-03-19T20:30:00.000Z');
    expect(parseInstant('2024-03-20T06:30:00Z')!.toISOString()).toBe('2024-03-20T06:30:00.000Z');
    expect(parseInstant('1403/07/31')).toBeUndefined();
    expect(parseInstant('2024-03-20')).toBeUndefined();
    expect(parseJalaliDate('1402/12/30')).toBeUndefined();
    expect(parseJalaliDate('1403/12/30')).toEqual({ jy: 1403, jm: 12, jd: 30 });
    expect(parseJalaliDate('1403/12/29')).toEqual({ jy: 1403, jm: 12, jd: 29 });
  });
  it('two years after Esfand 30 of a leap year is Esfand 29', () => {
    expect(addJalaliYears({ jy: 1403, jm: 12, jd: 30 }, 2)).toEqual({ jy: 1405, jm: 12, jd: 29 });
  });
});
