import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DemoWorld } from '../../src/cli/demoWorld';
import { launch } from './browser';
import { signIn } from './console';
import { startDemoServer, type DemoServer } from './demoServer';

/** What a browser suite works with; each is set once the suite's `beforeAll` has run. */
export interface BrowserSuite {
  readonly demo: DemoServer;
  /** The demo server's `api`. */
  api: DemoServer['api'];
  readonly world: DemoWorld;
  /** The demo server's base URL. */
  readonly url: string;
  readonly browser: Browser;
  /**
   * A page in a fresh 1280 × 900 desktop context with the fa-IR locale. Opened in a test (or its
   * `beforeEach`), it replaces the test's previous one and is closed after the test; opened in a
   * `beforeAll`, it serves the whole suite.
   */
  desktopPage(): Promise<Page>;
  /** A fresh desktop page signed in with a credential `token`, once the role's `heading` shows. */
  signedIn(token: string, heading: string): Promise<Page>;
}

/**
 * Registers a browser suite's hooks: before all, the demo server (`startDemoServer` with `env`,
 * read when the hook runs so that an earlier `beforeAll` may start what it names, and `seededAt`)
 * and Chromium; after each test, the contexts it opened closed; after all, both stopped.
 */
export function browserSuite({
  env = () => ({}),
  seededAt,
}: { env?: () => Record<string, string>; seededAt?: Date } = {}): BrowserSuite {
  let demo: DemoServer;
  let browser: Browser;
  let testContext: BrowserContext | undefined;
  let inTest = false;

  beforeAll(async () => {
    demo = await startDemoServer(env(), { seededAt });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });
  beforeEach(() => {
    inTest = true;
  });
  afterEach(async () => {
    inTest = false;
    await testContext?.close();
    testContext = undefined;
  });

  const desktopPage = async () => {
    if (inTest) await testContext?.close();
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
      locale: 'fa-IR',
    });
    if (inTest) testContext = context;
    return context.newPage();
  };
  return {
    get demo() {
      return demo;
    },
    get world() {
      return demo.world;
    },
    get url() {
      return demo.server.url;
    },
    get browser() {
      return browser;
    },
    api: (...call) => demo.api(...call),
    desktopPage,
    async signedIn(token, heading) {
      const page = await desktopPage();
      await signIn(page, demo.server.url, token, heading);
      return page;
    },
  };
}
