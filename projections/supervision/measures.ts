import { Exact } from '../../src/shared/money';

/**
 * One office's measures over one period (سنجه‌های عملکرد دفتر در نیمسال): what supervision
 * (نظارت بر عملکرد دفاتر) scores and ranks offices by. Rates are fractions of `volume`,
 * four decimals.
 */
export interface OfficePerformance {
  officeId: string;
  /** The province of the office's latest payment, else of the first complaint about it that names one. */
  province: string | undefined;
  period: string;
  /** Payments recorded with a transaction time in the period. */
  volume: number;
  /** Rials of those payments not reversed, decimal string. */
  revenue: string;
  /** Payments in the period not reversed: services actually delivered. */
  servicesDelivered: number;
  /** Distinct services among them. */
  distinctServices: number;
  /** Payments in the period flagged for breaking a rule (تخلف). */
  violations: number;
  violationRate: string;
  /** Rials by which the flagged payments missed the tariff, either way, decimal string. */
  violationAmount: string;
  /** Payments in the period reversed (برگشت), whenever the reversal came. */
  reversals: number;
  reversalRate: string;
  /** Complaints (شکایت) about the office filed in the period. */
  complaintsReceived: number;
  /** Complaints about the office upheld (وارد) in the period. */
  complaintsUpheld: number;
  /** Requests for the office's account whose deadline fell in the period, answered late or not by `asOf`. */
  slaBreaches: number;
}

/** `n / d` to four decimals, "0" when there is nothing to divide by. */
export const measureRate = (n: number, d: number) =>
  d === 0 ? '0' : new Exact(n).div(d).toDecimalPlaces(4).toString();
