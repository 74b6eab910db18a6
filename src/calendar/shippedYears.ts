import type { OfficialHoliday } from './calendar';

/**
 * The official holidays (تعطیلات رسمی) of 1403–1405 that ship with the software, as data:
 * month/day in the Jalali year. At start-up each of these years that has no calendar in
 * the log yet is recorded from here (`seedShippedCalendars`); from then on the log is the
 * truth and the regulator publishes later years, or corrections, over the API.
 *
 * Fixed solar holidays come from the Labour Law and the official calendar and repeat every
 * year. Lunar ones move about eleven days a year and are fixed only when the official
 * calendar (تقویم رسمی, Institute of Geophysics of the University of Tehran, published on
 * time.ir) appears, and some only on the eve by moon sighting.
 *
 * Provenance of the lunar dates: 1403 and 1404 were transcribed from the official calendar
 * and cross-checked against the Iran table of the `holidays` Python library
 * (vacanza/holidays, MIT; Umm al-Qura plus one day, with confirmed Iranian exceptions up to
 * 2025). 1405 is an estimate (Umm al-Qura plus one day), to be superseded by the regulator
 * publishing the official calendar of 1405.
 */
export interface HolidayYear {
  year: number;
  /** `official`: transcribed from the published calendar; `estimated`: computed, to be replaced. */
  lunarSource: 'official' | 'estimated';
  /** `MM/DD` → name (Persian). */
  lunar: Record<string, string>;
}

/** Every year: Nowruz 1/1–1/4, Islamic Republic Day 1/12, Nature Day 1/13, 3/14, 3/15, 11/22 and 12/29. */
export const fixedHolidays: Record<string, string> = {
  '01/01': 'نوروز',
  '01/02': 'نوروز',
  '01/03': 'نوروز',
  '01/04': 'نوروز',
  '01/12': 'روز جمهوری اسلامی',
  '01/13': 'روز طبیعت',
  '03/14': 'رحلت امام خمینی',
  '03/15': 'قیام ۱۵ خرداد',
  '11/22': 'پیروزی انقلاب اسلامی',
  '12/29': 'ملی شدن صنعت نفت',
};

export const holidayYears: readonly HolidayYear[] = [
  {
    year: 1403,
    lunarSource: 'official',
    lunar: {
      '01/13': 'شهادت حضرت علی',
      '01/22': 'عید فطر',
      '01/23': 'تعطیل به مناسبت عید فطر',
      '02/15': 'شهادت امام جعفر صادق',
      '03/28': 'عید قربان',
      '04/05': 'عید غدیر',
      '04/25': 'تاسوعا',
      '04/26': 'عاشورا',
      '06/04': 'اربعین',
      '06/12': 'رحلت پیامبر و شهادت امام حسن',
      '06/14': 'شهادت امام رضا',
      '06/22': 'شهادت امام حسن عسکری',
      '06/31': 'میلاد پیامبر و امام جعفر صادق',
      '09/16': 'شهادت حضرت فاطمه',
      '10/25': 'ولادت امام علی',
      '11/09': 'مبعث',
      '11/26': 'نیمه شعبان',
    },
  },
  {
    year: 1404,
    lunarSource: 'official',
    lunar: {
      '01/02': 'شهادت حضرت علی',
      '01/11': 'عید فطر',
      '01/12': 'تعطیل به مناسبت عید فطر',
      '02/04': 'شهادت امام جعفر صادق',
      '03/16': 'عید قربان',
      '03/24': 'عید غدیر',
      '04/14': 'تاسوعا',
      '04/15': 'عاشورا',
      '05/23': 'اربعین',
      '05/31': 'رحلت پیامبر و شهادت امام حسن',
      '06/02': 'شهادت امام رضا',
      '06/10': 'شهادت امام حسن عسکری',
      '06/19': 'میلاد پیامبر و امام جعفر صادق',
      '09/03': 'شهادت حضرت فاطمه',
      '10/13': 'ولادت امام علی',
      '10/27': 'مبعث',
      '11/15': 'نیمه شعبان',
      '12/20': 'شهادت حضرت علی',
    },
  },
  {
    year: 1405,
    lunarSource: 'estimated',
    lunar: {
      '01/01': 'عید فطر',
      '01/02': 'تعطیل به مناسبت عید فطر',
      '01/25': 'شهادت امام جعفر صادق',
      '03/07': 'عید قربان',
      '03/15': 'عید غدیر',
      '04/04': 'تاسوعا',
      '04/05': 'عاشورا',
      '05/14': 'اربعین',
      '05/22': 'رحلت پیامبر و شهادت امام حسن',
      '05/24': 'شهادت امام رضا',
      '06/01': 'شهادت امام حسن عسکری',
      '06/10': 'میلاد پیامبر و امام جعفر صادق',
      '08/22': 'شهادت حضرت فاطمه',
      '10/02': 'ولادت امام علی',
      '10/16': 'مبعث',
      '11/04': 'نیمه شعبان',
      '12/09': 'شهادت حضرت علی',
      '12/19': 'عید فطر',
      '12/20': 'تعطیل به مناسبت عید فطر',
    },
  },
];

/** A shipped year as the holidays of a published calendar, one entry per day, in date order. */
export function shippedHolidays(year: HolidayYear): OfficialHoliday[] {
  const names = new Map<string, string[]>();
  for (const [mmdd, name] of [...Object.entries(fixedHolidays), ...Object.entries(year.lunar)])
    names.set(mmdd, [...(names.get(mmdd) ?? []), name]);
  return [...names.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([mmdd, n]) => ({ date: `${year.year}/${mmdd}`, nameFa: n.join(' · ') }));
}
