import { persianDigits } from '../../console/src/format/digits';
import type { Page } from 'playwright-core';
import { ids } from '../support/licensing';
import { startSmsStandIn, type SmsStandIn } from '../standin/sms';
import { describeInBrowser, screenshot } from './browser';
import { noSeriousViolations, overflow } from './console';
import { browserSuite } from './suite';

jest.setTimeout(120_000);

const applicant = { nationalId: ids.nationalId, mobile: '09121234567' };
const pdf = Buffer.from('%PDF-1.7\nconsole\n%%EOF\n');

/**
 * An applicant's journey through the console in headless Chromium, against the real server
 * (src/main.ts) on the SQLite store with the stand-in SMS provider: sign up with the code,
 * draft, attach PDFs and submit; then, once the working group and the regulator have issued
 * the license over the API, the holder sees it and asks for a new address.
 */
describeInBrowser(
  'the console in a browser: an applicant applies and a holder files a request',
  () => {
    let sms: SmsStandIn;
    let page: Page;

    beforeAll(async () => {
      sms = await startSmsStandIn();
    });
    const suite = browserSuite({
      env: () => ({ SMS_URL: sms.url, SMS_API_KEY: sms.key, APPLICANT_CODES_PER_HOUR: '2' }),
    });
    beforeAll(async () => {
      page = await suite.desktopPage();
    });
    afterAll(() => sms?.stop());

    it('signs up from the sign-in screen with a one-time code typed in Persian digits; a wrong code and too many codes are explained in Persian', async () => {
      await page.goto(`${suite.url}/console/`);
      await page.getByRole('link', { name: /متقاضی پروانه هستید؟/ }).click();
      await page.getByRole('heading', { name: 'ورود متقاضی با رمز یک‌بارمصرف' }).waitFor();
      await screenshot(page, 'applicant-01-sign-up');
      await noSeriousViolations(page, 'applicant sign-up');

      await page.getByLabel('کد ملی').fill(persianDigits(applicant.nationalId));
      await page.getByLabel('شمارهٔ همراه').fill(persianDigits(applicant.mobile));
      await page.getByRole('button', { name: 'ارسال رمز' }).click();
      await page.getByLabel('رمز شش‌رقمی').waitFor();
      const first = await sms.lastCodeTo(applicant.mobile);

      await page.getByLabel('رمز شش‌رقمی').fill(first === '000000' ? '111111' : '000000');
      await page.getByRole('button', { name: 'ورود', exact: true }).click();
      await page
        .getByRole('alert')
        .getByText(/رمز نادرست است/)
        .waitFor();
      await screenshot(page, 'applicant-02-wrong-code');
      await noSeriousViolations(page, 'applicant wrong code');

      const codeSent = page.waitForResponse((r) => r.url().endsWith('/v1/public/applicants/codes'));
      await page.getByRole('button', { name: 'درخواست رمز تازه' }).click();
      expect((await codeSent).status()).toBe(202);
      await page.getByRole('alert').waitFor({ state: 'detached' });
      const second = await sms.lastCodeTo(applicant.mobile);
      await page.getByRole('button', { name: 'درخواست رمز تازه' }).click();
      await page
        .getByRole('alert')
        .getByText(/بیش از اندازه رمز خواسته شده/)
        .waitFor();
      expect((await sms.messagesTo(applicant.mobile)).length).toBe(2);

      await page.getByLabel('رمز شش‌رقمی').fill(persianDigits(second));
      await page.getByRole('button', { name: 'ورود', exact: true }).click();
      await page.getByRole('heading', { name: 'درخواست‌های من' }).waitFor();
      expect(page.url()).toBe(`${suite.url}/console/applicant/applications`);
      const menu = await page
        .getByRole('navigation', { name: 'بخش‌های پیشخوان' })
        .getByRole('link')
        .allTextContents();
      expect(menu).toEqual(['خانه', 'درخواست‌های من', 'پروانه‌های من']);
      expect(await page.evaluate('document.cookie')).toBe('');
      await noSeriousViolations(page, 'applicant applications, empty');
    });

    it('drafts an application, attaches a PDF for each required document, submits it and sees it listed as submitted', async () => {
      await page.getByLabel('به نام').selectOption('legal');
      await page.getByLabel('کد ملی یا شناسهٔ ملی شرکت').fill(persianDigits(ids.legalA));
      await page.getByLabel('نام', { exact: true }).fill('شرکت پیشگامان');
      await page.getByLabel('استان').selectOption('IR-23');
      await page.getByLabel('نوع دفتر').selectOption('urban');
      await page.getByLabel('نوع محل').selectOption('city');
      await page.getByLabel('نام شهر یا روستا').fill('تهران');
      await page.getByLabel('نشانی').fill('خیابان آزادی، پلاک ۱');
      await page.getByLabel('تلفن (۱۱ رقم)').fill(persianDigits('02112345678'));
      await page.getByRole('button', { name: 'ساخت پیش‌نویس' }).click();
      await page.getByRole('heading', { name: 'مدارک لازم' }).waitFor();
      expect(await page.locator('.application-status').textContent()).toBe('پیش‌نویس');

      const submit = page.getByRole('button', { name: 'ارسال درخواست' });
      const forms = page.locator('li.document form');
      const kinds = await forms.count();
      expect(kinds).toBe(5);
      for (let i = 0; i < kinds; i++) {
        await forms
          .nth(i)
          .locator('input[type=file]')
          .setInputFiles({
            name: `document-${i}.pdf`,
            mimeType: 'application/pdf',
            buffer: pdf,
          });
        await forms.nth(i).getByRole('button', { name: 'پیوست' }).click();
        await page.locator('li.document', { hasText: 'پیوست شد' }).nth(i).waitFor();
      }
      await screenshot(page, 'applicant-03-documents');
      await noSeriousViolations(page, 'application with documents');

      await submit.click();
      await page.locator('.application-status', { hasText: 'ارسال‌شده' }).waitFor();
      expect(await page.locator('li.document form').count()).toBe(0);

      await page.getByRole('button', { name: 'بازگشت به فهرست' }).click();
      const rows = page.getByRole('table').locator('tbody tr');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('ارسال‌شده');
      await screenshot(page, 'applicant-04-submitted');
      await noSeriousViolations(page, 'applicant applications, submitted');
    });

    it('once the license is issued, the holder sees its expiry in Jalali, is told in Persian a renewal is too early, and files a change of address, listed as with the regulator', async () => {
      const listed = await page.evaluate<{ items: Array<{ applicationId: string }> }>(
        "fetch('/v1/applications').then((r) => r.json())",
      );
      const { issued } = await suite.demo.issue(listed.items[0]!.applicationId, 'PK-ONLINE-0001');
      const validUntil = issued.validUntil as { jalali: string };

      await page.getByRole('link', { name: 'پروانه‌های من' }).first().click();
      await page.getByRole('heading', { name: 'پروانه‌های من' }).waitFor();
      const row = page.getByRole('table', { name: 'پروانه‌های شما' }).locator('tbody tr');
      await row.first().waitFor();
      expect(await row.first().textContent()).toContain('PK-ONLINE-0001');
      expect(await row.first().locator('time').textContent()).toBe(
        persianDigits(validUntil.jalali),
      );
      await noSeriousViolations(page, 'holder licenses');

      await page.getByLabel('نوع درخواست').selectOption('renewal');
      await page.getByLabel('سال‌های تمدید').fill('۱');
      await page.getByRole('button', { name: 'ثبت درخواست' }).click();
      await page
        .getByRole('alert')
        .getByText(/تمدید از ۹۰ روز پیش از پایان اعتبار/)
        .waitFor();
      await screenshot(page, 'applicant-05-renewal-too-early');
      await noSeriousViolations(page, 'holder renewal refused');

      await page.getByLabel('نوع درخواست').selectOption('address_change');
      await page.getByLabel('نشانی تازه').fill('میدان ونک، پلاک ۲');
      await page.getByRole('button', { name: 'ثبت درخواست' }).click();
      await page.getByText('درخواست ثبت شد و به سازمان رسید.').waitFor();
      const requests = page.getByRole('region', { name: 'درخواست‌های من دربارهٔ پروانه' });
      await requests.getByText('در دست بررسی سازمان').waitFor();
      expect(await requests.locator('tbody tr').first().textContent()).toContain('تغییر نشانی');
      await screenshot(page, 'applicant-06-holder');
      await noSeriousViolations(page, 'holder request filed');
    });

    it('fits a 360 px wide phone: the applications and the licenses', async () => {
      await page.setViewportSize({ width: 360, height: 740 });
      for (const [link, name] of [
        ['درخواست‌های من', 'applicant-07-applications-360px'],
        ['پروانه‌های من', 'applicant-08-licenses-360px'],
      ] as const) {
        await page.getByRole('link', { name: link }).first().click();
        await page.getByRole('table').first().waitFor();
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        await screenshot(page, name);
      }
    });
  },
);
