import { Exact } from '../shared/money';
import { performanceScore } from '../../projections/supervision/score';
import type { OfficePerformance } from './performance';

export { performanceScore, scoreWeights } from '../../projections/supervision/score';

export interface RankedOffice extends OfficePerformance {
  score: string;
  /** Place within its province: higher score first, equal scores share a place (1, 2, 2, 4). */
  rank: number;
}

/** Rankings per province (رتبه‌بندی استانی); ties broken for display by volume, then office id. */
export function rankByProvince(offices: readonly OfficePerformance[]): Map<string, RankedOffice[]> {
  const byProvince = new Map<string, OfficePerformance[]>();
  for (const o of offices) {
    const key = o.province ?? 'unknown';
    byProvince.set(key, [...(byProvince.get(key) ?? []), o]);
  }
  return new Map(
    [...byProvince].map(([province, list]) => {
      const scored = list
        .map((o) => ({ ...o, score: performanceScore(o), rank: 0 }))
        .sort(
          (a, b) =>
            new Exact(b.score).cmp(a.score) ||
            b.volume - a.volume ||
            a.officeId.localeCompare(b.officeId),
        );
      scored.forEach(
        (o, i) =>
          (o.rank = i > 0 && scored[i - 1]!.score === o.score ? scored[i - 1]!.rank : i + 1),
      );
      return [province, scored];
    }),
  );
}
