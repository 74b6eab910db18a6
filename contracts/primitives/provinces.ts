/**
 * The 31 provinces (استان‌ها) of Iran, keyed by their ISO 3166-2:IR code as renumbered on
 * 2020-11-24 (`IR-23` is Tehran, `IR-07` Fars). A code always means the province that holds
 * it today; the two codes the renumbering left unused are refused, naming their successors.
 */
export interface Province {
  code: string;
  nameFa: string;
  nameEn: string;
}

const list = [
  ['IR-00', 'مرکزی', 'Markazi'],
  ['IR-01', 'گیلان', 'Gilan'],
  ['IR-02', 'مازندران', 'Mazandaran'],
  ['IR-03', 'آذربایجان شرقی', 'East Azerbaijan'],
  ['IR-04', 'آذربایجان غربی', 'West Azerbaijan'],
  ['IR-05', 'کرمانشاه', 'Kermanshah'],
  ['IR-06', 'خوزستان', 'Khuzestan'],
  ['IR-07', 'فارس', 'Fars'],
  ['IR-08', 'کرمان', 'Kerman'],
  ['IR-09', 'خراسان رضوی', 'Razavi Khorasan'],
  ['IR-10', 'اصفهان', 'Isfahan'],
  ['IR-11', 'سیستان و بلوچستان', 'Sistan and Baluchestan'],
  ['IR-12', 'کردستان', 'Kurdistan'],
  ['IR-13', 'همدان', 'Hamadan'],
  ['IR-14', 'چهارمحال و بختیاری', 'Chaharmahal and Bakhtiari'],
  ['IR-15', 'لرستان', 'Lorestan'],
  ['IR-16', 'ایلام', 'Ilam'],
  ['IR-17', 'کهگیلویه و بویراحمد', 'Kohgiluyeh and Boyer-Ahmad'],
  ['IR-18', 'بوشهر', 'Bushehr'],
  ['IR-19', 'زنجان', 'Zanjan'],
  ['IR-20', 'سمنان', 'Semnan'],
  ['IR-21', 'یزد', 'Yazd'],
  ['IR-22', 'هرمزگان', 'Hormozgan'],
  ['IR-23', 'تهران', 'Tehran'],
  ['IR-24', 'اردبیل', 'Ardabil'],
  ['IR-25', 'قم', 'Qom'],
  ['IR-26', 'قزوین', 'Qazvin'],
  ['IR-27', 'گلستان', 'Golestan'],
  ['IR-28', 'خراسان شمالی', 'North Khorasan'],
  ['IR-29', 'خراسان جنوبی', 'South Khorasan'],
  ['IR-30', 'البرز', 'Alborz'],
] as const;

export type ProvinceCode = (typeof list)[number][0];

export const provinces: readonly Province[] = list.map(([code, nameFa, nameEn]) => ({
  code,
  nameFa,
  nameEn,
}));

export const provinceCodes = list.map(([code]) => code) as [ProvinceCode, ...ProvinceCode[]];

const byCode = new Map(provinces.map((p) => [p.code, p]));

/**
 * Codes of the list before 2020-11-24 (کد منسوخ) that no code of today reuses, with the code
 * their province has now. Every other old code is a current code of another province.
 */
export const retiredProvinceCodes: Readonly<Record<string, ProvinceCode>> = {
  'IR-31': 'IR-28',
  'IR-32': 'IR-30',
};

export function province(code: string): Province | undefined {
  return byCode.get(code);
}

export function isProvinceCode(code: string): code is ProvinceCode {
  return byCode.has(code);
}

/** Why `code` is not a province code of today, naming the successor of a retired one; undefined when it is. */
export function provinceCodeProblem(code: string): string | undefined {
  if (byCode.has(code)) return undefined;
  const successor = retiredProvinceCodes[code];
  const now = successor === undefined ? undefined : byCode.get(successor);
  if (now === undefined) return `${code} is not an ISO 3166-2:IR province code`;
  return `${code} was retired from ISO 3166-2:IR on 2020-11-24; ${now.nameEn} (${now.nameFa}) is ${now.code}`;
}
