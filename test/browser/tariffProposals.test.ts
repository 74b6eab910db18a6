import type { Page } from 'playwright-core';
import { describeInBrowser, screenshot } from './browser';
import * as shared from './console';
import { browserSuite } from './suite';

jest.setTimeout(180_000);

const ask = 'این تصمیم ثبت می‌شود و برگشت‌پذیر نیست. مطمئن هستید؟';
const yes = 'بله، ثبت شود';

/**
 * Tariff proposals in headless Chromium against the real server seeded as `npm run demo`: the
 * regulator drafts a change from the version in force, the Commission approves it by resolution
 * and the regulator finds it in force; a rejected one shows its reason on both desks.
 */
describeInBrowser('the console in a browser: tariff proposals and their approval', () => {
  let page: Page;

  const suite = browserSuite();

  async function as(token: string, heading: string) {
    page = await suite.signedIn(token, heading);
  }
  const regulator = () => as(suite.world.tokens.regulator, 'سازمان تنظیم مقررات');
  const commission = () => as(suite.world.tokens.commission, 'کمیسیون تنظیم مقررات');
  const openScreen = (name: string) => shared.openMenu(page, name, { exact: true });
  const tariffInForce = () =>
    suite.api(suite.world.tokens.regulator, 'GET', '/v1/tariffs/vehicle-transfer');
  const noSeriousViolations = (screen: string) => shared.noSeriousViolations(page, screen);
  const fits360 = (name: string) => shared.fits360(page, `${name}-360px`);
  async function openTariff() {
    await openScreen('تعرفه‌ها');
    await page.getByLabel('استان', { exact: true }).selectOption('IR-23');
    await page.getByRole('button', { name: 'بررسی: vehicle-transfer' }).click();
    await page.getByRole('heading', { name: 'در حال اجرا امروز' }).waitFor();
    return page.locator('article.file');
  }
  async function confirm(form: ReturnType<Page['getByRole']>, submit: string) {
    await form.getByRole('button', { name: submit }).click();
    await form.getByText(ask).waitFor();
    await form.getByRole('button', { name: yes }).click();
  }
  const proposals = () => page.getByRole('region', { name: 'پیشنهادهای تعرفه' });

  it('the regulator proposes, the Commission approves by resolution, and the new version is in force on the regulator’s screen', async () => {
    await regulator();
    const file = await openTariff();
    const draft = page.getByRole('form', { name: 'پیشنهاد تغییر تعرفه به کمیسیون' });
    const gov = draft.getByLabel('نقل و انتقال خودرو — مبلغ (ریال)');
    await gov.fill('۱۹۰۰۰۰۰');
    await draft.getByText('۱۹۰٬۰۰۰ تومان').waitFor();
    await draft.getByRole('button', { name: 'فرستادن پیشنهاد' }).click();
    expect(await draft.getByText('دلیل را بنویسید.').count()).toBe(1);
    await draft.getByLabel('توجیه پیشنهاد').fill('افزایش هزینهٔ کاغذ و تورم سالانه');
    await noSeriousViolations('proposal draft');
    await confirm(draft, 'فرستادن پیشنهاد');
    await proposals()
      .getByRole('row', { name: /در انتظار کمیسیون/ })
      .waitFor();
    await page.getByRole('form', { name: 'پس‌گرفتن پیشنهاد' }).waitFor();
    expect(await draft.count()).toBe(0);
    await noSeriousViolations('proposal pending');
    await screenshot(page, 'proposals-01-regulator-pending');
    await fits360('proposals-01-regulator-pending');
    expect(await file.locator('dl.figures').first().textContent()).not.toContain('۱۴۰۵/۴۰۰');

    await commission();
    await openScreen('پیشنهادهای تعرفه');
    await page.getByRole('button', { name: 'بررسی: vehicle-transfer' }).click();
    const opened = page.locator('article.file');
    expect(await opened.textContent()).toContain('افزایش هزینهٔ کاغذ و تورم سالانه');
    expect(await opened.getByRole('region', { name: /اجزای تعرفهٔ/ }).textContent()).toContain(
      '۱٬۹۰۰٬۰۰۰ ریال',
    );
    const approve = page.getByRole('form', { name: 'تصویب با مصوبه' });
    await approve.getByLabel('شمارهٔ مصوبه').fill('۱۴۰۵/۴۰۰');
    await noSeriousViolations('commission proposal open');
    await fits360('proposals-02-commission-open');
    await confirm(approve, 'تصویب با مصوبه');
    await opened
      .getByRole('status')
      .getByText(/تصویب‌شده/)
      .waitFor();
    expect(await opened.getByRole('status').textContent()).toContain('۱۴۰۵/۴۰۰');
    expect(await page.getByRole('form', { name: 'رد پیشنهاد' }).count()).toBe(0);
    await screenshot(page, 'proposals-02-commission-approved');

    await regulator();
    const after = await openTariff();
    await after.getByRole('region', { name: /اجزای تعرفهٔ/ }).waitFor();
    expect(await after.locator('dl.figures').first().textContent()).toContain('۱۴۰۵/۴۰۰');
    expect(await after.getByRole('region', { name: /اجزای تعرفهٔ/ }).textContent()).toContain(
      '۱٬۹۰۰٬۰۰۰ ریال',
    );
    await proposals()
      .getByRole('row', { name: /تصویب‌شده/ })
      .waitFor();
    const inForce = await tariffInForce();
    expect(inForce.body).toMatchObject({ version: 2, resolution: { number: '1405/400' } });
    await noSeriousViolations('regulator tariff after approval');
    await fits360('proposals-03-regulator-in-force');
  });

  it('the Commission rejects a proposal with its reason, and the regulator reads the reason', async () => {
    const proposed = await suite.api(
      suite.world.tokens.regulator,
      'POST',
      '/v1/tariffs/vehicle-transfer/proposals',
      {
        effectiveFrom: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        components: (await tariffInForce()).body.components,
        justification: 'same figures, later day',
      },
    );
    expect(proposed.status).toBe(201);

    await commission();
    await openScreen('پیشنهادهای تعرفه');
    await page.getByRole('button', { name: 'بررسی: vehicle-transfer' }).click();
    const reject = page.getByRole('form', { name: 'رد پیشنهاد' });
    await reject.getByRole('button', { name: 'رد پیشنهاد' }).click();
    expect(await reject.getByText('دلیل را بنویسید.').count()).toBe(1);
    await reject.getByLabel('دلیل رد').fill('بدون تغییر رقم، مصوبهٔ تازه لازم نیست');
    await confirm(reject, 'رد پیشنهاد');
    await page.locator('article.file').getByRole('status').getByText(/ردشده/).waitFor();
    await noSeriousViolations('commission rejected');

    await regulator();
    await openTariff();
    const row = proposals().getByRole('row', { name: /ردشده/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('بدون تغییر رقم، مصوبهٔ تازه لازم نیست');
    await page.getByRole('form', { name: 'پیشنهاد تغییر تعرفه به کمیسیون' }).waitFor();
    await noSeriousViolations('regulator sees the rejection');
    await screenshot(page, 'proposals-04-regulator-rejected');
    await fits360('proposals-04-regulator-rejected');
  });
});
