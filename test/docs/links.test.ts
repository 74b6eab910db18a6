import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { repoRoot } from '../support/server';

/** Markdown files a reader reaches from the front door. */
function documents(): string[] {
  const docs = readdirSync(join(repoRoot, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(repoRoot, 'docs', f));
  return [join(repoRoot, 'README.md'), join(repoRoot, 'SECURITY.md'), ...docs];
}

function relativeLinks(markdown: string): string[] {
  const links = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
  return links.filter((l) => !/^[a-z]+:/i.test(l) && !l.startsWith('#'));
}

describe('the documentation', () => {
  it.each(documents().map((f) => [f.slice(repoRoot.length + 1), f]))(
    '%s links only to files that exist',
    (_name, file) => {
      const broken = relativeLinks(readFileSync(file, 'utf8')).filter(
        (link) => !existsSync(resolve(dirname(file), link.split('#')[0]!)),
      );
      expect(broken).toEqual([]);
    },
  );

  it('keeps README a front door: short, with the two quick-start commands', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    expect(readme.split('\n').length).toBeLessThanOrEqual(250);
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });
});
