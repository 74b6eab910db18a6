/** What a rebuild reports as it goes. */
export interface Progress {
  events: number;
  position: number;
  head: number;
  elapsedMs: number;
}

const duration = (seconds: number) => {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** One line of a progress bar: share of the log folded, events/s and the time still to go. */
export function progressLine(p: Progress, width = 30): string {
  const share = p.head === 0 ? 1 : Math.min(1, p.position / p.head);
  const filled = Math.round(share * width);
  const rate = p.elapsedMs > 0 ? (p.events * 1000) / p.elapsedMs : 0;
  const positionsPerMs = p.elapsedMs > 0 ? p.position / p.elapsedMs : 0;
  const eta = positionsPerMs > 0 ? (p.head - p.position) / positionsPerMs / 1000 : Infinity;
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(share * 100).toFixed(1)}%  ${p.position}/${p.head}  ${Math.round(rate)} events/s  ETA ${duration(eta)}`;
}

/** A bar redrawn in place on a terminal, one line per update elsewhere. */
export function stderrProgress(
  stream: NodeJS.WriteStream = process.stderr,
): (p: Progress, done?: boolean) => void {
  let last = 0;
  return (p, done = false) => {
    const now = Date.now();
    if (!done && now - last < 200) return;
    last = now;
    const line = progressLine(p);
    stream.write(stream.isTTY ? `\r${line}${done ? '\n' : ''}` : `${line}\n`);
  };
}
