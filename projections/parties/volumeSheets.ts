import type { Volume } from '../volumes/queries';
import { volumeView } from '../volumes/queries';
import type { Column, Sheet } from './sheets';

/** The columns of a volume, after a table's key columns. */
export const volumeColumns: readonly Column[] = [
  { key: 'payments', fa: 'تعداد پرداخت', kind: 'number' },
  { key: 'gross', fa: 'مبلغ ناخالص (ریال)', kind: 'number' },
  { key: 'reversalCount', fa: 'تعداد برگشت', kind: 'number' },
  { key: 'reversals', fa: 'مبلغ برگشت (ریال)', kind: 'number' },
  { key: 'refundCount', fa: 'تعداد استرداد', kind: 'number' },
  { key: 'refunds', fa: 'مبلغ استرداد (ریال)', kind: 'number' },
  { key: 'net', fa: 'خالص (ریال)', kind: 'number' },
  { key: 'officeFees', fa: 'کارمزد دفتر (ریال)', kind: 'number' },
  { key: 'vat', fa: 'مالیات بر ارزش افزوده (ریال)', kind: 'number' },
];

/** Persian headers of the key columns the reports share. */
export const keyColumns = {
  month: { key: 'month', fa: 'ماه' },
  agencyId: { key: 'agencyId', fa: 'دستگاه اجرایی', kind: 'id' },
  serviceCode: { key: 'serviceCode', fa: 'کد خدمت', kind: 'id' },
  province: { key: 'province', fa: 'استان' },
  officeKind: { key: 'officeKind', fa: 'نوع دفتر' },
  officeId: { key: 'officeId', fa: 'دفتر', kind: 'id' },
} as const satisfies Record<string, Column>;

type VolumeKey = keyof typeof keyColumns;

/** Rows of a volume table on the wire: their keys, and the volume's figures. */
export function volumeRows<K extends VolumeKey>(
  groups: ReadonlyArray<Record<K, string> & { volume: Volume }>,
): Array<Record<K, string> & ReturnType<typeof volumeView>> {
  return groups.map(({ volume, ...key }) => ({
    ...(key as unknown as Record<K, string>),
    ...volumeView(volume),
  }));
}

/** A table of volumes keyed by `keys`, as a sheet. */
export function volumeSheet(
  name: string,
  fa: string,
  keys: readonly VolumeKey[],
  rows: ReadonlyArray<Record<string, string | number>>,
): Sheet {
  return { name, fa, columns: [...keys.map((k) => keyColumns[k]), ...volumeColumns], rows };
}

/** An office's supervision measures and score (امتیاز عملکرد) for a half-year. */
export const supervisionColumns: readonly Column[] = [
  { key: 'period', fa: 'نیمسال' },
  { key: 'score', fa: 'امتیاز عملکرد' },
  { key: 'volume', fa: 'تعداد پرداخت', kind: 'number' },
  { key: 'violations', fa: 'تخلف', kind: 'number' },
  { key: 'reversals', fa: 'برگشت', kind: 'number' },
  { key: 'complaintsUpheld', fa: 'شکایت واردشده', kind: 'number' },
  { key: 'slaBreaches', fa: 'پاسخ دیرهنگام', kind: 'number' },
];
