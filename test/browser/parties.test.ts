import { persianDigits } from '../../console/src/format/digits';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { jalaliDayOf } from '../../console/src/format/dates';
import { ids } from '../support/licensing';
import { startSmsStandIn, type SmsStandIn } from '../standin/sms';
import { artifacts, describeInBrowser, screenshot } from './browser';
import * as shared from './console';
import { browserSuite } from './suite';

jest.setTimeout(180_000);

const pdf = Buffer.from('%PDF-1.7\nparties\n%%EOF\n').toString('base64');
const applicantName = 'شرکت خدمات نمونه';

/**
 * The agency's, AREO's and a working group's screens added for every party (issue 21, part 3),
 * in headless Chromium against the real server (src/main.ts) on SQLite, seeded through the API:
 * the agency's compliance (its CSV against the screen), volumes and data-access audit; AREO's
 * catalogue (an entry withdrawn, one added, a new version published) and national charts; a
 * working group returning an online application with a reason, and its province's report.
 */
describeInBrowser('the console in a browser: agency, AREO and working group reports', () => {
  let sms: SmsStandIn;
  let page: Page;
  beforeAll(async () => {
    sms = await startSmsStandIn();
  });
  const suite = browserSuite({ env: () => ({ SMS_URL: sms.url, SMS_API_KEY: sms.key }) });
  let workingGroup: string;
  let applicationId: string;
  let applicant: string;

  /** An applicant signed up by SMS code, with an application in Tehran submitted with every document. */
  async function submittedApplication(): Promise<{ token: string; id: string }> {
    const who = { nationalId: ids.nationalId, mobile: '09121234567' };
    const asked = await fetch(`${suite.url}/v1/public/applicants/codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(who),
    });
    expect(asked.status).toBe(202);
    const { requestId } = (await asked.json()) as { requestId: string };
    const opened = await fetch(`${suite.url}/v1/public/applicants/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        requestId,
        nationalId: who.nationalId,
        code: await sms.lastCodeTo(who.mobile),
      }),
    });
    expect(opened.status).toBe(201);
    const token = ((await opened.json()) as { token: string }).token;
    const drafted = await suite.api(token, 'POST', '/v1/applications', {
      holder: { kind: 'legal', legalId: ids.legalA, name: applicantName },
      province: 'IR-23',
      officeKind: 'urban',
      location: { localityKind: 'city', locality: 'تهران', address: 'خیابان انقلاب، پلاک ۹' },
      contact: { phone: '02112345678' },
    });
    expect(drafted.status).toBe(201);
    const id = drafted.body.applicationId as string;
    for (const kind of ['identity', 'premises', 'clearance', 'degree', 'articles'])
      expect(
        (
          await suite.api(token, 'PUT', `/v1/applications/${id}/documents/${kind}`, {
            contentType: 'application/pdf',
            contentBase64: pdf,
          })
        ).status,
      ).toBe(200);
    expect((await suite.api(token, 'POST', `/v1/applications/${id}/submit`, {})).status).toBe(200);
    return { token, id };
  }

  beforeAll(async () => {
    // Two payments at the tariff and one 50,000 rials above it: one violation on the agency's service.
    for (let i = 0; i < 3; i++) {
      const amount =
        i < 2 ? suite.world.payment.amount : String(BigInt(suite.world.payment.amount) + 50_000n);
      expect((await suite.demo.pay(i, '603799******1234', amount)).status).toBe(201);
    }
    // Look-ups at customer data with no instruction recorded: refused, and audited for the
    // agency that owns the service (two at the traffic police's, one at the civil registry's).
    for (const serviceCode of ['vehicle-transfer', 'vehicle-transfer', 'smart-id-card']) {
      const res = await suite.api(suite.world.tokens.office, 'POST', '/v1/data-access/lookups', {
        nationalId: ids.nationalId,
        serviceCode,
        items: ['owner_name'],
        operator: 'Counter 1',
        customerPresent: true,
      });
      expect(res.status).toBe(422);
    }
    expect(
      (
        await suite.api(suite.world.tokens.regulator, 'POST', '/v1/services', {
          serviceCode: 'plate-replacement',
          agencyId: 'traffic',
          nameFa: 'تعویض پلاک',
          nameEn: 'Plate replacement',
          conditions: '',
          customerData: 'none',
        })
      ).status,
    ).toBe(201);
    const wg = await suite.api(suite.world.tokens.regulator, 'POST', '/v1/credentials', {
      role: 'working_group',
      scope: { province: 'IR-23', memberBody: 'ict' },
      label: 'IR-23 ICT member',
    });
    workingGroup = wg.body.token as string;
    const submitted = await submittedApplication();
    applicationId = submitted.id;
    applicant = submitted.token;
  });
  afterAll(() => sms?.stop());
  beforeEach(async () => {
    page = await suite.desktopPage();
  });

  const noSeriousViolations = (screen: string) => shared.noSeriousViolations(page, screen);
  const fits360 = (name: string) => shared.fits360(page, name);
  const signIn = (token: string, roleHeading: string) =>
    shared.signIn(page, suite.url, token, roleHeading);
  const open = (menu: string) => shared.openMenu(page, menu);
  const menu = () => page.getByRole('navigation').getByRole('link').allTextContents();
  /** The figure under a `dt` of exactly this text (its rials when an amount), as ASCII digits. */
  const figure = async (label: string) => {
    const dd = page
      .locator('.figures div')
      .filter({ has: page.locator('dt').getByText(label, { exact: true }) })
      .locator('dd');
    const rials = dd.locator('.rials');
    return shared.ascii(await ((await rials.count()) > 0 ? rials : dd).textContent());
  };

  it('an agency reads tariff compliance on its services and downloads a CSV whose totals match the screen', async () => {
    await signIn(suite.world.tokens.agency, 'دستگاه اجرایی');
    expect(await menu()).toEqual([
      'خانه',
      'گزارش تسویه',
      'پرونده‌های پرداخت',
      'تطبیق صورت‌حساب بانک',
      'سابقهٔ تطبیق‌ها',
      'تطبیق تسهیم پرداخت‌یارها',
      'رعایت تعرفه در خدمات دستگاه',
      'حجم خدمات و واریز به خزانه',
      'ممیزی دسترسی به اطلاعات مشتریان',
    ]);
    await open('رعایت تعرفه در خدمات دستگاه');
    await page.locator('.figures').waitFor();
    const shown = {
      payments: await figure('پرداخت‌های دارای تخلف'),
      violations: await figure('تخلف‌ها'),
      excessCollected: await figure('اضافه‌دریافت'),
      refunded: await figure('بازپرداخت‌شده'),
      stillHeld: await figure('هنوز بازپرداخت‌نشده'),
    };
    expect(shown).toEqual({
      payments: '1',
      violations: '1',
      excessCollected: '50000',
      refunded: '0',
      stillHeld: '50000',
    });
    const chart = page.getByRole('img', { name: /^تخلف‌ها در هر ماه/ });
    expect(await chart.locator('rect').count()).toBe(1);
    const byOffice = page.getByRole('region', { name: 'بر حسب دفتر' });
    expect(await byOffice.locator('tbody tr').count()).toBe(1);
    expect(await byOffice.locator('tbody tr td').first().textContent()).toBe(
      suite.world.terminal.officeId,
    );
    await screenshot(page, 'parties-01-agency-compliance');
    await noSeriousViolations('agency: compliance');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'دریافت CSV' }).click(),
    ]);
    const file = join(artifacts, 'agency-report.csv');
    await download.saveAs(file);
    const rows = parse<Record<string, string>>(readFileSync(file, 'utf8'), {
      columns: true,
      bom: true,
    });
    const totals = rows.find((r) => r['بخش'] === 'رعایت تعرفه' && r['بر حسب'] === 'totals');
    expect({
      // The CSV's columns are the union of its tables': `payments` is headed as settlement heads it.
      payments: totals?.['تعداد پرداخت'],
      violations: totals?.['تعداد تخلف'],
      excessCollected: totals?.['اضافه دریافت (ریال)'],
      refunded: totals?.['مسترد شده (ریال)'],
      stillHeld: totals?.['هنوز نگه‌داشته (ریال)'],
    }).toEqual(shown);
    await fits360('parties-02-agency-compliance-360px');
  });

  it('an agency reads its volumes by province and office beside the treasury credits', async () => {
    await signIn(suite.world.tokens.agency, 'دستگاه اجرایی');
    await open('حجم خدمات و واریز به خزانه');
    await page.getByRole('img', { name: /^پرداخت‌ها بر حسب استان/ }).waitFor();
    const byOffice = page.getByRole('table', { name: 'بر حسب دفتر' });
    const row = byOffice.locator('tbody tr').filter({ hasText: suite.world.terminal.officeId });
    expect(shared.ascii(await row.locator('td').nth(2).textContent())).toBe('3');
    const treasury = page.getByRole('region', { name: 'واریز به خزانه در هر ماه' });
    expect(await treasury.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'parties-03-agency-volumes');
    await noSeriousViolations('agency: volumes');
    await fits360('parties-04-agency-volumes-360px');
  });

  it('an agency reads the audit of access to its own customer data, and only its own', async () => {
    await signIn(suite.world.tokens.agency, 'دستگاه اجرایی');
    await open('ممیزی دسترسی به اطلاعات مشتریان');
    const table = page.getByRole('table', { name: 'ممیزی دسترسی به اطلاعات مشتریان' });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    for (const r of await rows.all()) {
      expect(await r.locator('td').nth(1).textContent()).toBe('رد شد');
      expect(await r.locator('td').nth(4).textContent()).toBe('vehicle-transfer');
      expect(await r.locator('td').nth(6).textContent()).toBe('no-instruction');
    }
    await screenshot(page, 'parties-05-agency-data-access');
    await noSeriousViolations('agency: data-access audit');
    const csv = await page.getByRole('link', { name: 'دریافت CSV' }).getAttribute('href');
    expect(csv).toMatch(/^\/v1\/data-access\/audit\.csv\?from=/);
    await page.getByLabel('وضعیت').selectOption('granted');
    await page.getByText('چیزی برای نمایش نیست.').waitFor();
    await fits360('parties-06-agency-data-access-360px');
  });

  it('AREO withdraws an entry, adds a service and publishes the next version of the national catalogue', async () => {
    await signIn(suite.world.tokens.areo, 'سازمان اداری و استخدامی');
    await open('فهرست خدمات قابل برون‌سپاری');
    await page.getByText(/^نسخهٔ ۱ —/).waitFor();
    expect(await page.getByRole('table', { name: 'خدمات فهرست' }).locator('tbody tr').count()).toBe(
      5,
    );
    expect(await page.getByText('برای انتشار نسخهٔ تازه، خدمتی بیفزایید یا حذف کنید.').count()).toBe(
      1,
    );
    await screenshot(page, 'parties-07-areo-catalogue');
    await noSeriousViolations('AREO: catalogue');

    await page.getByRole('button', { name: 'حذف از فهرست: tax-return' }).click();
    const add = page.getByRole('form', { name: 'افزودن خدمت' });
    await add.getByLabel('کد خدمت').fill('vehicle-transfer');
    await add.getByLabel('مهلت ارائه از دفاتر (روز شمسی)').fill('۱۴۰۰/۰۱/۰۱');
    await add.getByRole('button', { name: 'افزودن' }).click();
    await add.getByText('این خدمت در فهرست هست.').waitFor();
    const offerBy = jalaliDayOf(new Date(Date.now() + 60 * 86_400_000));
    await add.getByLabel('کد خدمت').fill('plate-replacement');
    await add.getByLabel('شرایط').fill('حضور مالک خودرو');
    await add.getByLabel('مهلت ارائه از دفاتر (روز شمسی)').fill(persianDigits(offerBy));
    await add.getByRole('button', { name: 'افزودن' }).click();
    const entries = page.getByRole('table', { name: 'خدمات فهرست' });
    await entries.getByText('plate-replacement').waitFor();
    await page.getByRole('button', { name: 'انتشار نسخهٔ تازه' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'بله، ثبت شود' }).click();
    await page.getByRole('status').getByText('منتشر شد؛ نسخهٔ ۲').waitFor();
    await page.getByText(/^نسخهٔ ۲ —/).waitFor();
    await screenshot(page, 'parties-08-areo-catalogue-published');
    await noSeriousViolations('AREO: catalogue published');

    const list = await suite.api(
      suite.world.tokens.areo,
      'GET',
      `/v1/catalogues/national/${suite.world.period}`,
    );
    const listed = (
      list.body.entries as Array<{ serviceCode: string; offerBy: { jalali: string } }>
    )
      .map((e) => e.serviceCode)
      .sort();
    expect({ version: list.body.version, listed }).toEqual({
      version: 2,
      listed: [
        'birth-certificate-copy',
        'driving-licence-renewal',
        'plate-replacement',
        'smart-id-card',
        'vehicle-transfer',
      ],
    });
    await fits360('parties-09-areo-catalogue-360px');
  });

  it('AREO reads payments by month and by province as charts with their tables', async () => {
    await signIn(suite.world.tokens.areo, 'سازمان اداری و استخدامی');
    await open('گزارش ملی پرداخت‌ها');
    const byMonth = page.getByRole('img', { name: /^پرداخت‌ها در هر ماه/ });
    await byMonth.waitFor();
    expect(await byMonth.locator('rect').count()).toBeGreaterThanOrEqual(1);
    expect(
      await page
        .getByRole('img', { name: /^پرداخت‌ها بر حسب استان/ })
        .locator('rect')
        .count(),
    ).toBe(1);
    const provinces = page.getByRole('table', { name: 'پرداخت‌ها بر حسب استان' });
    const tehran = provinces.locator('tbody tr').filter({ hasText: 'IR-۲۳' });
    expect(shared.ascii(await tehran.locator('td').nth(1).textContent())).toBe('3');
    expect(shared.ascii(await page.locator('.figures dd').first().textContent())).toBe('3');
    const links = page.getByRole('link', { name: /^دریافت (CSV|اکسل \(XLSX\))$/ });
    expect(await links.count()).toBe(2);
    expect(await links.first().getAttribute('href')).toMatch(/^\/v1\/reports\/national\.csv\?/);
    await screenshot(page, 'parties-10-areo-national');
    await noSeriousViolations('AREO: national charts');
    await fits360('parties-11-areo-national-360px');
  });

  it('a working-group member returns an application with a reason, and it shows as returned', async () => {
    await signIn(workingGroup, 'کارگروه استانی');
    expect(await menu()).toEqual([
      'خانه',
      'بررسی درخواست‌های برخط',
      'درخواست‌های استان',
      'گزارش کارگروه استان',
    ]);
    await open('بررسی درخواست‌های برخط');
    await page.getByRole('button', { name: `بررسی: ${applicantName}` }).click();
    const back = page.getByRole('form', { name: 'بازگرداندن به متقاضی برای تکمیل' });
    await back.waitFor();
    expect(await page.locator('.file ul li').count()).toBe(5);
    await screenshot(page, 'parties-12-working-group-review');
    await noSeriousViolations('working group: application to review');

    await back.getByRole('button', { name: 'بازگرداندن' }).click();
    await back.getByText('دلیل را بنویسید.').waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    await back.getByLabel('دلیل').fill('سند مالکیت محل خوانا نیست');
    await back.getByRole('button', { name: 'بازگرداندن' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'بله، ثبت شود' }).click();
    await page.getByRole('status').first().getByText('تصمیم ثبت شد.').waitFor();
    const file = page.locator('article.file');
    await file.getByText('سند مالکیت محل خوانا نیست').waitFor();
    expect(await file.locator('.figures dd').first().textContent()).toBe('برگشتی برای تکمیل');
    expect(await page.getByRole('form', { name: 'ارجاع برای رأی کارگروه' }).count()).toBe(0);

    await page.getByLabel('وضعیت').selectOption('returned');
    const row = page.getByRole('row').filter({ hasText: applicantName });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('برگشتی برای تکمیل');
    await screenshot(page, 'parties-13-working-group-returned');
    await noSeriousViolations('working group: returned');
    await fits360('parties-14-working-group-review-360px');

    const seen = await suite.api(applicant, 'GET', `/v1/applications/${applicationId}`);
    expect(seen.body).toMatchObject({
      status: 'returned',
      returnReason: 'سند مالکیت محل خوانا نیست',
    });
  });

  it("a working group reads its province's applications by state and offices with their scores", async () => {
    await signIn(workingGroup, 'کارگروه استانی');
    await open('گزارش کارگروه استان');
    const byState = page.getByRole('table', { name: 'درخواست‌ها بر حسب وضعیت' });
    await byState.waitFor();
    const active = byState.locator('tbody tr').filter({ hasText: 'فعال' });
    expect(shared.ascii(await active.locator('td').nth(1).textContent())).toBe('1');
    const offices = page.getByRole('table', { name: 'دفاتر دارای پروانهٔ فعال' });
    const office = offices.locator('tbody tr').filter({ hasText: suite.world.terminal.officeId });
    expect(await office.locator('td').nth(2).textContent()).toMatch(/^[۰-۹]+/);
    expect(await page.getByRole('link', { name: 'دریافت اکسل (XLSX)' }).getAttribute('href')).toBe(
      '/v1/reports/provinces/IR-23/licensing.xlsx?lang=fa',
    );
    await screenshot(page, 'parties-15-working-group-report');
    await noSeriousViolations('working group: report');
    await fits360('parties-16-working-group-report-360px');
  });
});
