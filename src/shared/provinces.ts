/**
 * The 31 provinces (استان‌ها) of Iran, keyed by their ISO 3166-2:IR code (`IR-07` is
 * Tehran). Codes 01–32 without 09, which belonged to the dissolved Khorasan province.
 */
export interface Province {
  code: string;
  nameFa: string;
  nameEn: string;
}

const list = [
  ['IR-01', 'آذربایجان شرقی', 'East Azerbaijan'],
  ['IR-02', 'آذربایجان غربی', 'West Azerbaijan'],
  ['IR-03', 'اردبیل', 'Ardabil'],
  ['IR-04', 'اصفهان', 'Isfahan'],
  ['IR-05', 'ایلام', 'Ilam'],
  ['IR-06', 'بوشهر', 'Bushehr'],
  ['IR-07', 'تهران', 'Tehran'],
  ['IR-08', 'چهارمحال و بختیاری', 'Chaharmahal and Bakhtiari'],
  ['IR-10', 'خوزستان', 'Khuzestan'],
  ['IR-11', 'زنجان', 'Zanjan'],
  ['IR-12', 'سمنان', 'Semnan'],
  ['IR-13', 'سیستان و بلوچستان', 'Sistan and Baluchestan'],
  ['IR-14', 'فارس', 'Fars'],
  ['IR-15', 'کرمان', 'Kerman'],
  ['IR-16', 'کردستان', 'Kurdistan'],
  ['IR-17', 'کرمانشاه', 'Kermanshah'],
  ['IR-18', 'کهگیلویه و بویراحمد', 'Kohgiluyeh and Boyer-Ahmad'],
  ['IR-19', 'گیلان', 'Gilan'],
  ['IR-20', 'لرستان', 'Lorestan'],
  ['IR-21', 'مازندران', 'Mazandaran'],
  ['IR-22', 'مرکزی', 'Markazi'],
  ['IR-23', 'هرمزگان', 'Hormozgan'],
  ['IR-24', 'همدان', 'Hamadan'],
  ['IR-25', 'یزد', 'Yazd'],
  ['IR-26', 'قم', 'Qom'],
  ['IR-27', 'گلستان', 'Golestan'],
  ['IR-28', 'قزوین', 'Qazvin'],
  ['IR-29', 'خراسان جنوبی', 'South Khorasan'],
  ['IR-30', 'خراسان رضوی', 'Razavi Khorasan'],
  ['IR-31', 'خراسان شمالی', 'North Khorasan'],
  ['IR-32', 'البرز', 'Alborz'],
] as const;

export type ProvinceCode = (typeof list)[number][0];

export const provinces: readonly Province[] = list.map(([code, nameFa, nameEn]) => ({
  code,
  nameFa,
  nameEn,
}));

export const provinceCodes = list.map(([code]) => code) as [ProvinceCode, ...ProvinceCode[]];

const byCode = new Map(provinces.map((p) => [p.code, p]));

export function province(code: string): Province | undefined {
  return byCode.get(code);
}

export function isProvinceCode(code: string): code is ProvinceCode {
  return byCode.has(code);
}
