import { useI18n } from '../i18n';
import { Empty } from './States';

export interface Bar {
  label: string;
  value: number;
}

const barWidth = 36;
const gap = 14;
const plot = 120;
const top = 20;
const bottom = 26;

/**
 * A small column chart in SVG for figures compared over time, earliest first in the reading
 * direction; each column is labelled with its figure, and named for screen readers. No
 * figures: the empty state.
 */
export function Bars({ title, bars }: { title: string; bars: readonly Bar[] }) {
  const { lang, digits } = useI18n();
  if (bars.length === 0) return <Empty />;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const ordered = lang === 'fa' ? [...bars].reverse() : bars;
  const width = Math.max(200, ordered.length * (barWidth + gap) + gap);
  return (
    <figure class="chart">
      <svg
        role="img"
        aria-label={`${title}: ${bars.map((b) => `${digits(b.label)} ${digits(b.value)}`).join('، ')}`}
        viewBox={`0 0 ${width} ${top + plot + bottom}`}
        width={width}
        height={top + plot + bottom}
      >
        <line x1={0} x2={width} y1={top + plot} y2={top + plot} class="axis" />
        {ordered.map((b, i) => {
          const height = Math.round((b.value / max) * plot);
          const x = gap + i * (barWidth + gap);
          return (
            <g key={b.label}>
              <rect x={x} y={top + plot - height} width={barWidth} height={height} class="bar" />
              <text x={x + barWidth / 2} y={top + plot - height - 5} text-anchor="middle">
                {digits(b.value)}
              </text>
              <text x={x + barWidth / 2} y={top + plot + 17} text-anchor="middle">
                {digits(b.label)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
