import { Exact } from '../../src/shared/money';
import type { OfficePerformance } from './measures';

/**
 * The performance score (امتیاز عملکرد) of an office over a period, 0–100, two decimals,
 * rounded half up:
 *
 *   score = max(0, 100 − 40·violationRate − 10·reversalRate
 *                     − min(30, 2·upheldPer100) − min(20, 5·slaBreaches))
 *
 * where violationRate and reversalRate are fractions of the period's payments and
 * upheldPer100 = 100 · complaintsUpheld / max(volume, 1). The weights are data of this
 * function; changing them is a new score version, documented in README.
 */
export const scoreWeights = {
  violation: 40,
  reversal: 10,
  upheldPer100: 2,
  upheldCap: 30,
  breach: 5,
  breachCap: 20,
} as const;

type Measures = Pick<
  OfficePerformance,
  'volume' | 'violations' | 'reversals' | 'complaintsUpheld' | 'slaBreaches'
>;

export function performanceScore(m: Measures): string {
  const w = scoreWeights;
  const volume = new Exact(Math.max(m.volume, 1));
  const violation =
    m.volume === 0 ? new Exact(0) : new Exact(m.violations).div(m.volume).times(w.violation);
  const reversal =
    m.volume === 0 ? new Exact(0) : new Exact(m.reversals).div(m.volume).times(w.reversal);
  const upheld = Exact.min(
    w.upheldCap,
    new Exact(m.complaintsUpheld).times(100).div(volume).times(w.upheldPer100),
  );
  const breaches = Math.min(w.breachCap, m.slaBreaches * w.breach);
  const score = Exact.max(
    0,
    new Exact(100).minus(violation).minus(reversal).minus(upheld).minus(breaches),
  );
  return score.toDecimalPlaces(2, Exact.ROUND_HALF_UP).toFixed(2);
}
