import { localDigits } from './digits';

function grouped(whole: bigint, separator: string): string {
  const negative = whole < 0n;
  const digits = (negative ? -whole : whole).toString();
  const out = digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return negative ? `-${out}` : out;
}

/** Whole rials (a decimal string as the API sends them) with thousands separators; undefined when not an integer. */
export function formatRials(rials: string, lang: 'fa' | 'en'): string | undefined {
  if (!/^-?\d+$/.test(rials)) return undefined;
  return localDigits(grouped(BigInt(rials), lang === 'fa' ? '٬' : ','), lang);
}

/** The same amount in tomans (ten rials), a tenth shown when there is one. */
export function formatTomans(rials: string, lang: 'fa' | 'en'): string | undefined {
  if (!/^-?\d+$/.test(rials)) return undefined;
  const value = BigInt(rials);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const tenth = abs % 10n;
  const whole = grouped(abs / 10n, lang === 'fa' ? '٬' : ',');
  const text = `${negative ? '-' : ''}${whole}${tenth ? `${lang === 'fa' ? '٫' : '.'}${tenth}` : ''}`;
  return localDigits(text, lang);
}
