import { ProvinceSchema } from '../provinces';
import { provinceCodeProblem, provinces, retiredProvinceCodes } from './provinces';

/** ISO 3166-2:IR as changed on 2020-11-24, transcribed from the standard's table. */
const iso2020: ReadonlyArray<[string, string, string]> = [
  ['IR-00', 'Markazi', 'مرکزی'],
  ['IR-01', 'Gilan', 'گیلان'],
  ['IR-02', 'Mazandaran', 'مازندران'],
  ['IR-03', 'East Azerbaijan', 'آذربایجان شرقی'],
  ['IR-04', 'West Azerbaijan', 'آذربایجان غربی'],
  ['IR-05', 'Kermanshah', 'کرمانشاه'],
  ['IR-06', 'Khuzestan', 'خوزستان'],
  ['IR-07', 'Fars', 'فارس'],
  ['IR-08', 'Kerman', 'کرمان'],
  ['IR-09', 'Razavi Khorasan', 'خراسان رضوی'],
  ['IR-10', 'Isfahan', 'اصفهان'],
  ['IR-11', 'Sistan and Baluchestan', 'سیستان و بلوچستان'],
  ['IR-12', 'Kurdistan', 'کردستان'],
  ['IR-13', 'Hamadan', 'همدان'],
  ['IR-14', 'Chaharmahal and Bakhtiari', 'چهارمحال و بختیاری'],
  ['IR-15', 'Lorestan', 'لرستان'],
  ['IR-16', 'Ilam', 'ایلام'],
  ['IR-17', 'Kohgiluyeh and Boyer-Ahmad', 'کهگیلویه و بویراحمد'],
  ['IR-18', 'Bushehr', 'بوشهر'],
  ['IR-19', 'Zanjan', 'زنجان'],
  ['IR-20', 'Semnan', 'سمنان'],
  ['IR-21', 'Yazd', 'یزد'],
  ['IR-22', 'Hormozgan', 'هرمزگان'],
  ['IR-23', 'Tehran', 'تهران'],
  ['IR-24', 'Ardabil', 'اردبیل'],
  ['IR-25', 'Qom', 'قم'],
  ['IR-26', 'Qazvin', 'قزوین'],
  ['IR-27', 'Golestan', 'گلستان'],
  ['IR-28', 'North Khorasan', 'خراسان شمالی'],
  ['IR-29', 'South Khorasan', 'خراسان جنوبی'],
  ['IR-30', 'Alborz', 'البرز'],
];

describe('provinces (ISO 3166-2:IR since 2020-11-24)', () => {
  it('are the 31 of the standard, each with its Persian and English name', () => {
    expect(provinces.map((p) => [p.code, p.nameEn, p.nameFa])).toEqual(iso2020);
  });

  it.each(iso2020)('%s (%s) is accepted as itself', (code) => {
    expect(provinceCodeProblem(code)).toBeUndefined();
    expect(ProvinceSchema.parse(code)).toBe(code);
  });

  it('IR-23 is Tehran and IR-07 is Fars, not the numbering before 2020', () => {
    expect(provinces.find((p) => p.code === 'IR-23')?.nameEn).toBe('Tehran');
    expect(provinces.find((p) => p.code === 'IR-07')?.nameEn).toBe('Fars');
  });

  it.each([
    ['IR-31', 'IR-28', 'North Khorasan'],
    ['IR-32', 'IR-30', 'Alborz'],
  ])('%s no longer exists: refused, naming %s (%s)', (retired, successor, name) => {
    expect(retiredProvinceCodes[retired]).toBe(successor);
    const problem = provinceCodeProblem(retired);
    expect(problem).toContain(successor);
    expect(problem).toContain(name);
    const parsed = ProvinceSchema.safeParse(retired);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(problem);
  });

  it.each(['IR-33', 'IR-99', 'ir', '', 'Tehran'])('%j is not a province code', (code) => {
    expect(provinceCodeProblem(code)).toBe(`${code} is not an ISO 3166-2:IR province code`);
    expect(ProvinceSchema.safeParse(code).success).toBe(false);
  });

  it('reads Persian digits and lower case as the code', () => {
    expect(ProvinceSchema.parse('IR-۲۳')).toBe('IR-23');
    expect(ProvinceSchema.parse(' ir-07 ')).toBe('IR-07');
  });
});
