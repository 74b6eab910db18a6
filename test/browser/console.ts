import { asciiDigits } from '../../console/src/format/digits';
import type { Page } from 'playwright-core';
import { screenshot, seriousViolations } from './browser';

/** Signs in at the console's sign-in screen with a credential token and waits for the role's heading. */
export async function signIn(page: Page, url: string, token: string, heading: string) {
  await page.goto(`${url}/console/`);
  await page.getByLabel('توکن اعتبارنامه').fill(token);
  await page.getByRole('button', { name: 'ورود' }).click();
  await page.getByRole('heading', { name: heading }).waitFor();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'خروج' }).click();
  await page.getByText('از پیشخوان خارج شدید.').waitFor();
}

/**
 * Opens a screen from the console's menu and waits for its heading; `exact` when another
 * menu entry's name contains this one.
 */
export async function openMenu(page: Page, name: string, { exact = false } = {}) {
  await page.getByRole('navigation').getByRole('link', { name, exact }).first().click();
  await page.getByRole('heading', { name, level: 1, exact }).waitFor();
}

/** Expects no serious or critical axe violation on the page as it is now, naming the screen. */
export async function noSeriousViolations(page: Page, screen: string) {
  expect([screen, await seriousViolations(page)]).toEqual([screen, []]);
}

/** How many pixels the page is wider than its viewport (0 or less when it fits, e.g. at 360 px). */
export const overflow = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');

/**
 * Expects the page as it is now not to overflow a 360 px wide phone, screenshots it as `shot`
 * and returns to the 1280 × 900 desktop viewport.
 */
export async function fits360(page: Page, shot: string) {
  await page.setViewportSize({ width: 360, height: 740 });
  expect([shot, await overflow(page)]).toEqual([shot, 0]);
  await screenshot(page, shot);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/**
 * The digits of a shown number (Persian digits read as ASCII; separators and words dropped);
 * empty for no text, as `textContent()` gives for no node.
 */
export const ascii = (text: string | null) => asciiDigits(text ?? '').replace(/[^\d-]/g, '');
