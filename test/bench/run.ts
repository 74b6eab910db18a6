import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { groups } from './groups';
import { type BenchReport, type Figures, formatTable, medians } from './lib/figures';
import type { BenchContext, BenchGroup } from './lib/group';
import { describeTargets } from './lib/targets';

/**
 * `npm run bench [-- GROUP…]`: runs the named groups (all by default) plus the
 * groups their floors come from, prints a table and writes BENCH.md's JSON.
 * BENCH_ROUNDS (3 by default) repeats the whole selection and keeps each figure's median and
 * the median of its ratios round by round, interleaving figures with their floors so a noisy
 * neighbour hits both.
 */
function select(names: readonly string[]): BenchGroup[] {
  if (names.length === 0) return [...groups];
  const byName = new Map(groups.map((g) => [g.name, g]));
  const wanted = new Set<string>();
  const add = (name: string): void => {
    const group = byName.get(name);
    if (!group)
      throw new Error(`unknown bench group ${name}; known: ${[...byName.keys()].join(', ')}`);
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const need of group.needs ?? []) add(need);
  };
  names.forEach(add);
  return groups.filter((g) => wanted.has(g.name));
}

function positive(variable: string, fallback: number): number {
  const value = Number(process.env[variable] ?? fallback);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${variable} must be a positive number`);
  return value;
}

async function main(): Promise<number> {
  const selected = select(process.argv.slice(2));
  const ctx: BenchContext = {
    seconds: positive('BENCH_SECONDS', 5),
    warmupSeconds: positive('BENCH_WARMUP_SECONDS', 1),
    log: (message) => console.error(`  ${message}`),
  };
  const rounds = Math.round(positive('BENCH_ROUNDS', 3));
  const startedAt = new Date().toISOString();
  const samples: Figures[] = [];
  const failures: string[] = [];
  for (let round = 1; round <= rounds; round++) {
    const figures: Figures = {};
    for (const group of selected) {
      console.error(`▶ ${group.name}${rounds > 1 ? ` (round ${round}/${rounds})` : ''}`);
      try {
        Object.assign(figures, await group.run(ctx));
      } catch (error) {
        failures.push(`${group.name}: ${error instanceof Error ? error.message : String(error)}`);
        console.error(`  FAILED ${failures[failures.length - 1]}`);
      }
    }
    samples.push(figures);
  }
  const figures = medians(samples);
  const report: BenchReport = { node: process.version, cpus: cpus().length, startedAt, figures };
  const out = resolve(process.env.BENCH_OUT ?? join(__dirname, '..', '..', 'bench-results.json'));
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${formatTable(figures)}\n`);
  for (const line of describeTargets(figures)) console.log(line);
  for (const line of failures) console.log(`FAILED ${line}`);
  console.log(`\nwritten to ${out}`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
