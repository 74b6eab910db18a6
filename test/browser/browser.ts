import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../support/server';

/** Debian's Chromium; the browser tests run only where it is installed (CI installs it). */
export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

/** `describe`, or a skip that says why when Chromium is absent. */
export const describeInBrowser: jest.Describe = hasChromium
  ? describe
  : (((name: string, fn: () => void) =>
      describe.skip(
        `${name} — skipped: ${chromiumPath} is absent (apt-get install -y chromium)`,
        fn,
      )) as unknown as jest.Describe);

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

/** Where screenshots are kept (gitignored), for a person to look at the RTL layout. */
export const artifacts = join(repoRoot, 'test-artifacts', 'browser');
mkdirSync(artifacts, { recursive: true });

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: Array<{ target: unknown }>;
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2 A/AA rules and best practices). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const violations = await page.evaluate<AxeViolation[]>(
    'axe.run(document).then((r) => r.violations)',
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.impact}: ${v.id} (${v.help}) at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
}

/** Collects every script the page loads; answers their bytes, raw and gzipped as a server would send them. */
export function scriptsLoaded(
  page: Page,
): () => Promise<{ files: number; raw: number; gzipped: number }> {
  const bodies: Array<Promise<Buffer>> = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') bodies.push(response.body());
  });
  return async () => {
    const all = await Promise.all(bodies);
    return {
      files: all.length,
      raw: all.reduce((n, b) => n + b.length, 0),
      gzipped: all.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
    };
  };
}
