import { Exact } from '../shared/money';
import { startOfJalaliDay } from '../shared/jalaliPeriod';
import type Decimal from 'decimal.js';

/**
 * Value-added tax (مالیات بر ارزش افزوده) rates by effective date: data, not code. 9%
 * until the end of 1402, 10% from 1403/01/01 (Asia/Tehran).
 */
export const vatRates: ReadonlyArray<{ from: Date; percent: string }> = [
  { from: new Date(0), percent: '9' },
  { from: startOfJalaliDay({ jy: 1403, jm: 1, jd: 1 }), percent: '10' },
];

/** The VAT rate in force at an instant, as a fraction (0.09, 0.1). */
export function vatRateAt(at: Date, rates = vatRates): Decimal {
  const rate = [...rates].reverse().find((r) => r.from <= at) ?? rates[0]!;
  return new Exact(rate.percent).div(100);
}
