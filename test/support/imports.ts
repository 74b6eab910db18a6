import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** Source files by path relative to the repository root, with `/` separators. */
export type SourceFiles = ReadonlyMap<string, string>;

/** One relative import of a file: as written, and the project file it resolves to. */
export interface Import {
  file: string;
  specifier: string;
  target: string;
}

export type Rule = 'contracts-leaf' | 'projections-downstream' | 'slice-through-index' | 'no-app';

export interface Violation extends Import {
  rule: Rule;
}

/** What each rule forbids, for failure messages and the architecture doc. */
export const ruleText: Record<Rule, string> = {
  'contracts-leaf': 'contracts/ imports nothing of the project outside contracts/',
  'projections-downstream':
    'projections/ imports only contracts/, projections/ and the chassis (src/shared/**, src/config.ts)',
  'slice-through-index': "a slice imports another slice only through that slice's index.ts",
  'no-app':
    'nothing but src/main.ts, src/cli/ and the test harness imports src/main.ts or src/app.ts',
};

const roots = ['contracts', 'projections', 'src', 'test'];
const skipped = new Set(['node_modules', 'dist']);

/** Every `.ts` file under the checked roots of `repo`. */
export function readSources(repo: string): SourceFiles {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (skipped.has(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts'))
        files.set(relative(repo, full).split(sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  for (const root of roots) walk(join(repo, root));
  return files;
}

/**
 * The relative specifiers of a file: static `import … from`, `export … from`, `import x =
 * require()`, dynamic `import()` and `require()` calls, type-only imports included.
 */
export function specifiersOf(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((f) => f.fileName).filter((s) => s.startsWith('.'));
}

function resolve(files: SourceFiles, from: string, specifier: string): string {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  const candidates = [base, `${base}.ts`, `${base}/index.ts`, base.replace(/\.js$/, '.ts')];
  return candidates.find((c) => files.has(c)) ?? base;
}

export function importsOf(files: SourceFiles): Import[] {
  return [...files].flatMap(([file, source]) =>
    specifiersOf(source).map((specifier) => ({
      file,
      specifier,
      target: resolve(files, file, specifier),
    })),
  );
}

/** `licensing` for `src/licensing/…`; undefined for the chassis and the files directly under src/. */
function sliceOf(path: string): string | undefined {
  const parts = path.split('/');
  if (parts[0] !== 'src' || parts.length < 3 || parts[1] === 'shared') return undefined;
  return parts[1];
}

const inside = (path: string, dir: string) => path.startsWith(`${dir}/`);

/** The rule an import breaks, if it breaks one. */
export function ruleBroken({ file, target }: Import): Rule | undefined {
  if (inside(file, 'contracts') && !inside(target, 'contracts')) return 'contracts-leaf';
  if (
    inside(file, 'projections') &&
    inside(target, 'src') &&
    !inside(target, 'src/shared') &&
    target !== 'src/config.ts'
  )
    return 'projections-downstream';
  const from = sliceOf(file);
  const to = sliceOf(target);
  if (from && to && from !== to && target !== `src/${to}/index.ts`) return 'slice-through-index';
  if (
    (target === 'src/main.ts' || target === 'src/app.ts') &&
    file !== 'src/main.ts' &&
    !inside(file, 'src/cli') &&
    !inside(file, 'test')
  )
    return 'no-app';
  return undefined;
}

export function violations(files: SourceFiles): Violation[] {
  return importsOf(files).flatMap((i) => {
    const rule = ruleBroken(i);
    return rule ? [{ ...i, rule }] : [];
  });
}

export const describeViolation = (v: Violation) =>
  `${v.file} imports '${v.specifier}' (${v.target}): ${ruleText[v.rule]}`;
