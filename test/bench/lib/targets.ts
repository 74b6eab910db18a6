import type { Figures } from './figures';

/** The bars the event-store issue sets, checked on every run that has both figures. */
export const targets = [
  { figure: 'append.sqlite.c256.per_s', of: 'sqlite.raw_batch_insert.per_s', atLeast: 0.5 },
  { figure: 'append.sqlite.c1.per_s', of: 'peer.emmett.sqlite.c1.per_s', atLeast: 10 },
  { figure: 'append.postgres.c16.per_s', of: 'peer.emmett.postgres.c16.per_s', atLeast: 2 },
] as const;

export function describeTargets(figures: Figures): string[] {
  return targets.flatMap((t) => {
    const a = figures[t.figure];
    const b = figures[t.of];
    if (!a || !b) return [];
    const ratio = a.value / b.value;
    const verdict = ratio >= t.atLeast ? 'MET' : 'MISSED';
    return [`${verdict}  ${t.figure} / ${t.of} = ${ratio.toFixed(2)} (target >= ${t.atLeast})`];
  });
}
