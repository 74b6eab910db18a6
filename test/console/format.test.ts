import fc from 'fast-check';
import {
  halfYearOf,
  jalaliMonthOf,
  parseHalfYear,
  parseJalaliDay,
  parseJalaliMonth,
} from '../../console/src/format/dates';
import { asciiDigits, persianDigits } from '../../console/src/format/digits';
import { formatRials, formatTomans } from '../../console/src/format/money';
import { normaliseDigits } from '../../src/shared/digits';

describe("the console's formatting", () => {
  it('reads Persian and Arabic-Indic digits as the server does, and shows ASCII ones in Persian', () => {
    expect(asciiDigits('۱۴۰۵/٠٩')).toBe('1405/09');
    expect(persianDigits('1405/09/08')).toBe('۱۴۰۵/۰۹/۰۸');
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(asciiDigits(persianDigits(s))).toBe(asciiDigits(s));
        expect(asciiDigits(s)).toBe(normaliseDigits(s));
      }),
    );
  });

  it('groups rials by thousands and gives tomans beside them, exactly, for any size', () => {
    expect(formatRials('15000000', 'en')).toBe('15,000,000');
    expect(formatRials('15000000', 'fa')).toBe('۱۵٬۰۰۰٬۰۰۰');
    expect(formatTomans('1500005', 'en')).toBe('150,000.5');
    expect(formatTomans('-1234560', 'fa')).toBe('-۱۲۳٬۴۵۶');
    expect(formatRials('12.5', 'en')).toBeUndefined();
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (n) => {
        expect(BigInt(formatRials(String(n), 'en')!.replace(/,/g, ''))).toBe(n);
        expect(BigInt(formatTomans(String(n * 10n), 'en')!.replace(/,/g, ''))).toBe(n);
      }),
    );
  });

  it('takes Jalali months and days typed in any digits, and finds the Tehran month of a moment', () => {
    expect(parseJalaliMonth('۱۴۰۵/۹')).toBe('1405/09');
    expect(parseJalaliMonth('1405-12')).toBe('1405/12');
    expect(parseJalaliMonth('1405/13')).toBeUndefined();
    expect(parseJalaliDay('۱۴۰۵/۰۹/۸')).toBe('1405/09/08');
    expect(parseJalaliDay('1405/09')).toBeUndefined();
    // 1405/09/30 ends at 20:30 UTC on 2026-12-21: Tehran is already in Dey.
    expect(jalaliMonthOf(new Date('2026-12-21T20:00:00Z'))).toBe('1405/09');
    expect(jalaliMonthOf(new Date('2026-12-21T21:00:00Z'))).toBe('1405/10');
  });

  it("names supervision's Jalali half-year in Tehran and reads one typed in any digits", () => {
    expect(halfYearOf(new Date('2026-03-20T20:29:00Z'))).toBe('1404-H2');
    expect(halfYearOf(new Date('2026-03-20T20:31:00Z'))).toBe('1405-H1');
    expect(halfYearOf(new Date('2026-09-22T20:29:00Z'))).toBe('1405-H1');
    expect(halfYearOf(new Date('2026-09-22T20:31:00Z'))).toBe('1405-H2');
    expect(parseHalfYear('۱۴۰۵-h۲')).toBe('1405-H2');
    expect(parseHalfYear(' 1405 / H1 ')).toBe('1405-H1');
    expect(parseHalfYear('1405-H3')).toBeUndefined();
    expect(parseHalfYear('1405')).toBeUndefined();
  });
});
