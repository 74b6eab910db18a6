import { persianDigits } from '../../console/src/format/digits';
import type { Page } from 'playwright-core';
import { ids } from '../support/licensing';
import { startSmsStandIn, type SmsStandIn } from '../standin/sms';
import { describeInBrowser, screenshot } from './browser';
import { noSeriousViolations, openMenu, overflow, signIn } from './console';
import { browserSuite } from './suite';

jest.setTimeout(180_000);

const holder = { nationalId: ids.nationalId, mobile: '09121234567' };
const receiver = { nationalId: '0087654326', mobile: '09127654321' };
const receiving = { name: 'شرکت گیرنده', legalId: ids.legalB };

/**
 * License holders' requests through the console in headless Chromium, against the real server
 * on SQLite with the SMS stand-in: a holder of two online licenses asks to transfer one to
 * another applicant (who accepts it in their own session), a new address and the cancellation of
 * the other; the regulator approves the transfer and the address change and rejects the
 * cancellation with a reason, each leaving the pending queue; the new holder then sees the license.
 */
describeInBrowser('the console in a browser: transfer, acceptance, cancellation, decisions', () => {
  let sms: SmsStandIn;
  let page: Page;
  beforeAll(async () => {
    sms = await startSmsStandIn();
  });
  const suite = browserSuite({ env: () => ({ SMS_URL: sms.url, SMS_API_KEY: sms.key }) });
  const tokens = { holder: '', receiver: '' };
  const licenses = { transferred: '', kept: '' };

  /** An applicant account signed up over the API with the SMS code; answers its bearer token. */
  async function signedUp(who: { nationalId: string; mobile: string }) {
    const asked = await suite.api(undefined, 'POST', '/v1/public/applicants/codes', who);
    expect(asked.status).toBe(202);
    const code = await sms.lastCodeTo(who.mobile);
    const session = await suite.api(undefined, 'POST', '/v1/public/applicants/sessions', {
      requestId: asked.body.requestId,
      nationalId: who.nationalId,
      code,
    });
    expect(session.status).toBe(201);
    return session.body.token as string;
  }

  const licensesOf = (as: 'holder' | 'receiver') => async () => {
    await signIn(page, suite.url, tokens[as], 'متقاضی');
    await openMenu(page, 'پروانه‌های من');
  };
  const asHolder = licensesOf('holder');
  const asReceiver = licensesOf('receiver');
  const requestForm = (licenseNumber: string) =>
    page.getByRole('form', { name: `درخواست: ${licenseNumber}` });
  const requestRows = () =>
    page.getByRole('region', { name: 'درخواست‌های من دربارهٔ پروانه' }).locator('tbody tr');
  const pending = async () =>
    (await suite.api(suite.world.tokens.regulator, 'GET', '/v1/holder-requests?status=pending'))
      .body.items as Array<{ requestId: string; kind: string; licenseId: string }>;

  beforeAll(async () => {
    tokens.holder = await signedUp(holder);
    tokens.receiver = await signedUp(receiver);
    licenses.transferred = await suite.demo.onlineLicense(
      tokens.holder,
      'PK-HOLD-0001',
      'شرکت واگذارنده',
    );
    licenses.kept = await suite.demo.onlineLicense(tokens.holder, 'PK-HOLD-0002', 'شرکت واگذارنده');
  });
  afterAll(() => sms?.stop());
  beforeEach(async () => {
    page = await suite.desktopPage();
  });

  it('the holder asks to transfer one license (told in Persian it cannot go to themselves, then confirming), a new address and the cancellation of the other', async () => {
    await asHolder();
    const table = page.getByRole('table', { name: 'پروانه‌های شما' }).locator('tbody tr');
    await table.nth(1).waitFor();
    expect(await table.count()).toBe(2);

    const transfer = requestForm('PK-HOLD-0001');
    await transfer.getByLabel('نوع درخواست').selectOption('transfer');
    await transfer.getByLabel('کد ملی گیرنده').fill(holder.nationalId);
    await transfer.getByLabel('دارندهٔ تازه', { exact: true }).selectOption('legal');
    await transfer.getByLabel('شناسهٔ ملی شرکت').fill(receiving.legalId);
    await transfer.getByLabel('نام دارندهٔ تازه').fill(receiving.name);
    await transfer.getByLabel('دلیل درخواست').fill('واگذاری دفتر به شرکت گیرنده');
    await transfer.getByRole('button', { name: 'ثبت درخواست' }).click();
    await transfer.getByText(/مطمئن هستید؟/).waitFor();
    await screenshot(page, 'holders-01-transfer-confirm');
    await noSeriousViolations(page, 'holder: transfer confirmation');
    await transfer.getByRole('button', { name: 'بله، ثبت شود' }).click();
    await transfer
      .getByRole('alert')
      .getByText(/به دارندهٔ کنونی‌اش منتقل نمی‌شود/)
      .waitFor();
    await noSeriousViolations(page, 'holder: transfer refused');
    expect(await pending()).toEqual([]);

    await transfer.getByLabel('کد ملی گیرنده').fill(persianDigits(receiver.nationalId));
    await transfer.getByRole('button', { name: 'ثبت درخواست' }).click();
    await transfer.getByRole('button', { name: 'بله، ثبت شود' }).click();
    await transfer
      .getByRole('status')
      .getByText(/گیرنده باید با حساب خود/)
      .waitFor();

    const kept = requestForm('PK-HOLD-0002');
    await kept.getByLabel('نوع درخواست').selectOption('address_change');
    await kept.getByLabel('نشانی تازه').fill('میدان ونک، پلاک ۲');
    await kept.getByRole('button', { name: 'ثبت درخواست' }).click();
    await kept.getByRole('status').getByText('درخواست ثبت شد و به سازمان رسید.').waitFor();

    await kept.getByLabel('نوع درخواست').selectOption('cancellation');
    await kept.getByLabel('دلیل درخواست').fill('بازنشستگی مدیر دفتر');
    await kept.getByRole('button', { name: 'ثبت درخواست' }).click();
    await kept.getByText(/پروانه باطل می‌شود و این کار برگشت‌پذیر نیست/).waitFor();
    await kept.getByRole('button', { name: 'انصراف' }).click();
    expect((await pending()).map((r) => r.kind)).toEqual(['address_change']);
    await kept.getByRole('button', { name: 'ثبت درخواست' }).click();
    await kept.getByRole('button', { name: 'بله، ثبت شود' }).click();
    await kept.getByRole('status').waitFor();

    await requestRows().nth(2).waitFor();
    const rows = (await requestRows().allTextContents()).sort();
    expect(rows).toEqual([
      expect.stringMatching(/^ابطال داوطلبانه.*PK-HOLD-0002.*در دست بررسی سازمان/),
      expect.stringMatching(/^انتقال.*PK-HOLD-0001.*در انتظار پذیرش گیرنده/),
      expect.stringMatching(/^تغییر نشانی.*PK-HOLD-0002.*در دست بررسی سازمان/),
    ]);
    const filed = requestRows().first().locator('time');
    expect(await filed.getAttribute('title')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await filed.textContent()).toMatch(/^۱۴[۰-۹]{2}\/[۰-۹]{2}\/[۰-۹]{2}/);
    await screenshot(page, 'holders-02-holder-requests');
    await noSeriousViolations(page, 'holder: requests filed');
  });

  it('the receiver sees the transfer offered to them and accepts it in their own session', async () => {
    await asReceiver();
    await page.getByText('چیزی برای نمایش نیست.').first().waitFor();
    const offered = page.getByRole('region', { name: 'انتقال‌هایی که در انتظار پذیرش شما هستند' });
    const row = offered.locator('tbody tr');
    await row.waitFor();
    expect(await row.textContent()).toContain(receiving.name);
    await screenshot(page, 'holders-03-receiver-offered');
    await noSeriousViolations(page, 'receiver: transfer offered');

    const accept = offered.getByRole('button', {
      name: `پذیرش انتقال: ${licenses.transferred.slice(0, 8)}`,
    });
    await accept.click();
    await offered.getByText(/درخواست انتقال برای تصمیم به سازمان می‌رسد/).waitFor();
    await noSeriousViolations(page, 'receiver: accept confirmation');
    await offered.getByRole('button', { name: 'بله، ثبت شود' }).click();
    await offered.waitFor({ state: 'detached' });
    await requestRows().getByText('در دست بررسی سازمان').waitFor();
    expect((await pending()).map((r) => r.kind).sort()).toEqual([
      'address_change',
      'cancellation',
      'transfer',
    ]);
    await screenshot(page, 'holders-04-receiver-accepted');
  });

  it('the regulator approves the change of address and the transfer and rejects the cancellation with a reason; each leaves the pending queue', async () => {
    await signIn(page, suite.url, suite.world.tokens.regulator, 'سازمان تنظیم مقررات');
    await openMenu(page, 'درخواست‌های دارندگان پروانه');
    const queue = page.getByRole('region', { name: 'درخواست‌های دارندگان پروانه' });
    await queue.locator('tbody tr').nth(2).waitFor();
    const open = (kind: string, licenseId: string) =>
      page.getByRole('button', { name: `بررسی: ${kind} ${licenseId.slice(0, 8)}` });
    const decisions = [
      ['تغییر نشانی', licenses.kept, 'تأیید درخواست', 'نشانی با سند اجاره می‌خواند'],
      ['لغو', licenses.kept, 'رد درخواست', 'بدهی تسویه‌نشده با دستگاه دارد'],
      ['انتقال', licenses.transferred, 'تأیید درخواست', 'گیرنده شرایط را دارد'],
    ] as const;
    for (const [n, [kind, licenseId, form, reason]] of decisions.entries()) {
      await open(kind, licenseId).click();
      await page.getByRole('heading', { name: new RegExp(`درخواست: ${kind}`) }).waitFor();
      if (n === 0) {
        await screenshot(page, 'holders-05-regulator-request');
        await noSeriousViolations(page, 'regulator: holder request open');
      }
      const decision = page.getByRole('form', { name: form });
      await decision.getByLabel('دلیل').fill(reason);
      await decision.getByRole('button', { name: form }).click();
      await decision.getByRole('button', { name: 'بله، ثبت شود' }).click();
      await page.getByRole('status').getByText('تصمیم ثبت شد.').waitFor();
      await open(kind, licenseId).waitFor({ state: 'detached' });
      expect(await pending()).toHaveLength(2 - n);
    }
    await page.getByText('چیزی برای نمایش نیست.').waitFor();
    await screenshot(page, 'holders-06-regulator-queue-empty');
    await noSeriousViolations(page, 'regulator: holder requests decided');

    await page.getByLabel('وضعیت').selectOption('rejected');
    await open('لغو', licenses.kept).click();
    expect(await page.locator('article.file').textContent()).toContain(
      'بدهی تسویه‌نشده با دستگاه دارد',
    );
  });

  it('the new holder sees the transferred license in their name; the old holder no longer does, sees the new address and the rejection with its reason', async () => {
    await asReceiver();
    const theirs = page.getByRole('table', { name: 'پروانه‌های شما' }).locator('tbody tr');
    await theirs.first().waitFor();
    expect(await theirs.count()).toBe(1);
    expect(await theirs.first().textContent()).toMatch(
      new RegExp(`PK-HOLD-0001.*${receiving.name}.*فعال`),
    );
    await screenshot(page, 'holders-07-new-holder');
    await noSeriousViolations(page, 'new holder: licenses');
    await page.context().clearCookies();

    await asHolder();
    const mine = page.getByRole('table', { name: 'پروانه‌های شما' }).locator('tbody tr');
    await mine.first().waitFor();
    expect(await mine.count()).toBe(1);
    expect(await mine.first().textContent()).toMatch(/PK-HOLD-0002.*میدان ونک، پلاک ۲.*فعال/);
    const rejected = requestRows().filter({ hasText: 'ابطال داوطلبانه' });
    expect(await rejected.textContent()).toMatch(/رد شد.*رد شد: بدهی تسویه‌نشده با دستگاه دارد/);
    expect(await requestRows().filter({ hasText: 'انتقال' }).textContent()).toContain('پذیرفته شد');
    await screenshot(page, 'holders-08-old-holder');
    await noSeriousViolations(page, 'old holder: decided requests');
  });

  it('a cancellation asked again (on a 360 px phone, which the form fits) and approved leaves the license cancelled, with no form left', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await asHolder();
    const kept = requestForm('PK-HOLD-0002');
    await kept.getByLabel('نوع درخواست').selectOption('transfer');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'holders-09-transfer-form-360px');
    await noSeriousViolations(page, 'holder: transfer form at 360 px');

    await kept.getByLabel('نوع درخواست').selectOption('cancellation');
    await kept.getByLabel('دلیل درخواست').fill('بستن دفتر پس از تسویهٔ بدهی');
    await kept.getByRole('button', { name: 'ثبت درخواست' }).click();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await kept.getByRole('button', { name: 'بله، ثبت شود' }).click();
    await kept.getByRole('status').waitFor();
    const [cancellation] = await pending();
    expect(cancellation).toMatchObject({ kind: 'cancellation', licenseId: licenses.kept });
    const approved = await suite.api(
      suite.world.tokens.regulator,
      'POST',
      `/v1/holder-requests/${cancellation!.requestId}/approve`,
      { reason: 'بدهی تسویه شد' },
    );
    expect(approved.status).toBe(200);

    await page.reload();
    await page.getByRole('heading', { name: 'پروانه‌های من', level: 1 }).waitFor();
    const row = page.getByRole('table', { name: 'پروانه‌های شما' }).locator('tbody tr');
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain('لغوشده');
    expect(await kept.count()).toBe(0);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'holders-10-cancelled-360px');
    await noSeriousViolations(page, 'holder: license cancelled');
  });
});
