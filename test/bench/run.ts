import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { groups } from './groups';
import { type BenchReport, type Figures, formatTable, withRatios } from './lib/figures';
import type { BenchContext, BenchGroup } from './lib/group';
import { describeTargets } from './lib/targets';

/**
 * `npm run bench [-- GROUP…]`: runs the named groups (all by default) plus the
 * groups their floors come from, prints a table and writes BENCH.md's JSON.
 */
function select(names: readonly string[]): BenchGroup[] {
  if (names.length === 0) return [...groups];
  const byName = new Map(groups.map((g) => [g.name, g]));
  const wanted = new Set<string>();
  const add = (name: string): void => {
    const group = byName.get(name);
    if (!group) throw new Error(`unknown bench group ${name}; known: ${[...byName.keys()].join(', ')}`);
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const need of group.needs ?? []) add(need);
  };
  names.forEach(add);
  return groups.filter((g) => wanted.has(g.name));
}

function seconds(variable: string, fallback: number): number {
  const value = Number(process.env[variable] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${variable} must be a positive number`);
  return value;
}

async function main(): Promise<number> {
  const selected = select(process.argv.slice(2));
  const ctx: BenchContext = {
    seconds: seconds('BENCH_SECONDS', 5),
    warmupSeconds: seconds('BENCH_WARMUP_SECONDS', 1),
    log: (message) => console.error(`  ${message}`),
  };
  const startedAt = new Date().toISOString();
  let figures: Figures = {};
  const failures: string[] = [];
  for (const group of selected) {
    console.error(`▶ ${group.name}`);
    try {
      figures = { ...figures, ...(await group.run(ctx)) };
    } catch (error) {
      failures.push(`${group.name}: ${error instanceof Error ? error.message : String(error)}`);
      console.error(`  FAILED ${failures[failures.length - 1]}`);
    }
  }
  figures = withRatios(figures);
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
