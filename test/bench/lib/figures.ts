/**
 * The result file of BENCH.md: every speed figure names its floor or peer from
 * the same run, because this shared machine is noisy and only ratios are
 * comparable between runs.
 */
export interface Figure {
  value: number;
  unit: '1/s' | 'ms' | 'µs' | 's' | 'MB' | 'B' | '%';
  floor?: string;
  ratio?: number;
  conditions: string;
}

export type Figures = Record<string, Figure>;

export interface BenchReport {
  node: string;
  cpus: number;
  startedAt: string;
  figures: Figures;
}

/**
 * Per figure, the median over rounds (upper median for an even count). A figure with a floor
 * gets its ratio round by round, against the floor measured in the same round, and keeps the
 * median of those ratios: on a machine whose speed swings within minutes a round's figure and
 * its floor are closer in time than the medians of each are. A figure whose floor was measured
 * in no round of its own has no ratio.
 */
export function medians(rounds: readonly Figures[]): Figures {
  const names = [...new Set(rounds.flatMap((r) => Object.keys(r)))];
  const perRound = rounds.map(withRatios);
  const out: Figures = {};
  for (const name of names) {
    const seen = rounds.flatMap((r) => r[name] ?? []);
    const sorted = [...seen].sort((a, b) => a.value - b.value);
    const mid = sorted[Math.floor(sorted.length / 2)]!;
    const ratios = perRound.flatMap((r) => r[name]?.ratio ?? []).sort((a, b) => a - b);
    const note =
      seen.length > 1
        ? `; median of ${seen.length} rounds (${sorted.map((f) => Math.round(f.value * 100) / 100).join(', ')})` +
          (ratios.length > 1 ? `, ratio the median of each round's (${ratios.join(', ')})` : '')
        : '';
    out[name] = {
      ...mid,
      ratio: ratios.length > 0 ? ratios[Math.floor(ratios.length / 2)]! : undefined,
      conditions: `${mid.conditions}${note}`,
    };
  }
  return out;
}

/** Units of which less is better: their ratio is inverted. */
const lowerIsBetter: ReadonlySet<Figure['unit']> = new Set(['ms', 'µs', 's', 'MB', 'B']);

/** Latencies, durations and memory invert the ratio so that a higher ratio is always better. */
export function withRatios(figures: Figures): Figures {
  const out: Figures = {};
  for (const [name, figure] of Object.entries(figures)) {
    const floor = figure.floor === undefined ? undefined : figures[figure.floor];
    if (!floor || floor.value <= 0 || figure.value <= 0) {
      out[name] = { ...figure, ratio: undefined };
      continue;
    }
    const ratio = lowerIsBetter.has(figure.unit)
      ? floor.value / figure.value
      : figure.value / floor.value;
    out[name] = { ...figure, ratio: Math.round(ratio * 1000) / 1000 };
  }
  return out;
}

/** A figure's value over its floor's, from its ratio (which inverts it for latencies, memory…). */
export function overFloor(figure: Figure): number | undefined {
  if (figure.ratio === undefined || figure.ratio <= 0) return undefined;
  return lowerIsBetter.has(figure.unit) ? 1 / figure.ratio : figure.ratio;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function formatValue(figure: Figure): string {
  const digits =
    figure.unit === 'µs' && figure.value < 10
      ? 2
      : figure.unit === '1/s' || figure.unit === 'MB' || figure.unit === 'µs'
        ? 0
        : figure.unit === '%'
          ? 1
          : 2;
  return `${figure.value.toFixed(digits)} ${figure.unit}`;
}

/** A plain-text table for people; the JSON file stays the record. */
export function formatTable(figures: Figures): string {
  const rows = Object.entries(figures).map(([name, f]) => [
    name,
    formatValue(f),
    f.floor ?? '',
    f.ratio === undefined ? '' : f.ratio.toFixed(3),
  ]);
  const header = ['figure', 'value', 'floor / peer', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => pad(c, widths[i]!, i === 1 || i === 3)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
