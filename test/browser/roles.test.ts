import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { ids } from '../support/licensing';
import { artifacts, describeInBrowser, screenshot } from './browser';
import * as shared from './console';
import { ascii } from './console';
import { browserSuite } from './suite';

jest.setTimeout(180_000);

/**
 * The regulator's, working group's and agency's journeys through the console in headless
 * Chromium, against the real server (src/main.ts) on the SQLite store, seeded through the API.
 */
describeInBrowser('the console in a browser: regulator, working group and agency', () => {
  let page: Page;
  let voters: Record<'areo' | 'ict' | 'governorate', string>;
  let licenseId: string;
  const applicant = 'Fars Pishkhan Co.';

  const suite = browserSuite();
  const { api } = suite;

  beforeAll(async () => {
    const { regulator } = suite.demo;
    const credential = async (memberBody: string) => {
      const r = await api(regulator, 'POST', '/v1/credentials', {
        role: 'working_group',
        scope: { province: 'IR-07', memberBody },
        label: `IR-07 ${memberBody}`,
      });
      return r.body.token as string;
    };
    voters = {
      areo: await credential('areo'),
      ict: await credential('ict'),
      governorate: await credential('governorate'),
    };
    const applied = await api(regulator, 'POST', '/v1/licenses', {
      applicant: { kind: 'legal', legalId: ids.legalB, name: applicant },
      province: 'IR-07',
      officeKind: 'urban',
      location: { localityKind: 'city', locality: 'Shiraz', address: 'Zand St. 7' },
      contact: { phone: '07112345678' },
    });
    expect(applied.status).toBe(201);
    licenseId = applied.body.licenseId as string;
    // Two payments at the tariff, a third above it (a violation for the compliance screen).
    for (let i = 0; i < 3; i++) {
      const amount =
        i < 2 ? suite.world.payment.amount : String(BigInt(suite.world.payment.amount) + 50_000n);
      expect((await suite.demo.pay(i, undefined, amount)).status).toBe(201);
    }
  });
  beforeEach(async () => {
    page = await suite.desktopPage();
  });

  const noSeriousViolations = (screen: string) => shared.noSeriousViolations(page, screen);
  const signIn = (token: string, heading: string) => shared.signIn(page, suite.url, token, heading);
  const signOut = () => shared.signOut(page);
  const open = (menu: string) => shared.openMenu(page, menu);

  it('three working-group members vote in the console, then the regulator issues the license there', async () => {
    for (const [n, memberBody] of (['areo', 'ict', 'governorate'] as const).entries()) {
      await signIn(voters[memberBody], 'کارگروه استانی');
      await open('درخواست‌های استان');
      await page.getByRole('button', { name: `بررسی: ${applicant}` }).click();
      await page.getByRole('form', { name: 'رأی شما' }).waitFor();
      if (n === 0) {
        expect(await page.getByText('هنوز رأیی ثبت نشده است.').count()).toBe(1);
        await screenshot(page, 'roles-01-working-group-file');
        await noSeriousViolations('working group: application file');
      }
      await page.getByLabel('موافق').check();
      await page.getByLabel('دلیل').fill(`پرونده کامل است (${memberBody})`);
      await page.getByRole('button', { name: 'ثبت رأی' }).click();
      await page.getByText('رأی شما ثبت شد.').waitFor();
      expect(await page.locator('.votes li').count()).toBe(n + 1);
      if (n === 2) {
        await screenshot(page, 'roles-02-working-group-third-vote');
        await noSeriousViolations('working group: voted');
      }
      await signOut();
    }

    await signIn(suite.world.tokens.regulator, 'سازمان تنظیم مقررات');
    await open('صف پروانه‌ها');
    const row = page.getByRole('row').filter({ hasText: applicant });
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('تأییدشده، در انتظار صدور');
    expect(await row.getByRole('cell').nth(6).textContent()).toBe('۳/۳');
    const applied = row.locator('time');
    expect(await applied.getAttribute('title')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await applied.textContent()).toMatch(/^۱۴[۰-۹]{2}\/[۰-۹]{2}\/[۰-۹]{2}/);
    await screenshot(page, 'roles-03-regulator-queue');
    await noSeriousViolations('regulator: licensing queue');

    await page.getByRole('button', { name: `بررسی: ${applicant}` }).click();
    const issue = page.getByRole('form', { name: 'صدور پروانه' });
    await issue.waitFor();
    await issue.getByLabel('شمارهٔ پروانه').fill('پروانه ۱');
    await issue.getByRole('button', { name: 'صدور' }).click();
    await issue.getByText('شماره را با حروف بزرگ انگلیسی، رقم و خط تیره بنویسید').waitFor();
    expect(
      (await api(suite.world.tokens.regulator, 'GET', `/v1/licenses/${licenseId}`)).body.status,
    ).toBe('approved');
    await issue.getByLabel('شمارهٔ پروانه').fill('pk-07-۰۰۰۹۱');
    await issue.getByLabel('مدت اعتبار (سال)').fill('۵');
    await screenshot(page, 'roles-04-regulator-decision');
    await noSeriousViolations('regulator: decision');
    await issue.getByRole('button', { name: 'صدور' }).click();
    await page.getByText('پروانه صادر شد.').waitFor();
    await page.getByText('PK-07-00091').waitFor();
    await screenshot(page, 'roles-05-regulator-issued');

    const license = await api(suite.world.tokens.regulator, 'GET', `/v1/licenses/${licenseId}`);
    expect(license.body).toMatchObject({ status: 'active', licenseNumber: 'PK-07-00091' });
    expect((license.body.votes as unknown[]).length).toBe(3);
  });

  it('an issued license is listed as active and offers no second issue', async () => {
    await signIn(suite.world.tokens.regulator, 'سازمان تنظیم مقررات');
    await open('صف پروانه‌ها');
    await page.getByLabel('وضعیت').selectOption('active');
    const row = page.getByRole('row').filter({ hasText: applicant });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('فعال');
    await row.getByRole('button').click();
    await page.getByText('PK-07-00091').waitFor();
    expect(await page.getByRole('form', { name: 'صدور پروانه' }).count()).toBe(0);
  });

  it('an agency uploads a statement, sees the run, and downloads a CSV whose totals match the screen', async () => {
    await signIn(suite.world.tokens.agency, 'دستگاه اجرایی');
    await open('گزارش تسویه');
    await page.locator('.figures').waitFor();
    expect(ascii((await page.locator('.figures dd').first().textContent()) ?? '')).toBe('3');
    await screenshot(page, 'roles-06-agency-settlement');
    await noSeriousViolations('agency: settlement report');
    const [settlementCsv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'دریافت CSV' }).click(),
    ]);
    expect(settlementCsv.suggestedFilename()).toMatch(/\.csv$/);

    await open('سابقهٔ تطبیق‌ها');
    await page.getByText('چیزی برای نمایش نیست.').waitFor();
    await noSeriousViolations('agency: reconciliation history, empty');

    await open('تطبیق صورت‌حساب بانک');
    await noSeriousViolations('agency: reconciliation upload');
    await page.getByRole('button', { name: 'بارگذاری و تطبیق' }).click();
    await page.getByText('پروندهٔ صورت‌حساب را انتخاب کنید.').waitFor();
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel('پروندهٔ صورت‌حساب بانک').setInputFiles({
      name: 'statement.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `date,amount,reference,bank_reference,description\n${today},1234567,UNKNOWN-1,B-1,\n${today},890,UNKNOWN-2,B-2,\n`,
      ),
    });
    await page.getByLabel('رواداری مبلغ (ریال)').fill('۰');
    await page.getByRole('button', { name: 'بارگذاری و تطبیق' }).click();
    await page.getByRole('heading', { name: 'نتیجهٔ تطبیق' }).waitFor();
    await screenshot(page, 'roles-07-agency-reconciliation');
    await noSeriousViolations('agency: reconciliation result');

    const kinds = ['matched', 'amount_mismatch', 'missing_in_bank', 'unexpected_in_bank'];
    const shown: Record<string, { count: string; bank: string }> = {};
    for (const kind of kinds) {
      const cells = page.locator(`tr[data-kind="${kind}"] td`);
      shown[kind] = {
        count: ascii((await cells.nth(0).textContent()) ?? ''),
        bank: ascii((await cells.nth(1).locator('.rials').textContent()) ?? ''),
      };
    }
    expect(shown.unexpected_in_bank).toEqual({ count: '2', bank: '1235457' });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'دریافت CSV' }).click(),
    ]);
    const file = join(artifacts, 'agency-reconciliation.csv');
    await download.saveAs(file);
    const rows = parse<Record<string, string>>(readFileSync(file, 'utf8'), {
      columns: true,
      bom: true,
    });
    const [run] = rows.filter((r) => r['بخش'] === 'اجراهای تطبیق');
    expect({
      matched: run!['منطبق'],
      amount_mismatch: run!['مغایرت مبلغ'],
      missing_in_bank: run!['واریزنشده'],
      unexpected_in_bank: run!['واریز ناشناخته'],
    }).toEqual(Object.fromEntries(kinds.map((k) => [k, shown[k]!.count])));
    const outcomes = rows.filter((r) => r['بخش'] === 'نتایج');
    for (const kind of kinds) {
      const bank = outcomes
        .filter((o) => o['نتیجه'] === kind)
        .reduce((s, o) => s + BigInt(o['مبلغ بانک (ریال)'] || '0'), 0n);
      expect([kind, bank.toString()]).toEqual([kind, shown[kind]!.bank]);
    }

    await open('سابقهٔ تطبیق‌ها');
    await page.getByRole('button', { name: 'نمایش نتیجه' }).waitFor();
    expect(await page.getByRole('table').locator('tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: 'نمایش نتیجه' }).click();
    await page.getByRole('heading', { name: 'نتیجهٔ تطبیق' }).waitFor();
    expect(
      ascii(await page.locator('tr[data-kind="unexpected_in_bank"] td').first().textContent()),
    ).toBe('2');
    await screenshot(page, 'roles-08-agency-runs');
    await noSeriousViolations('agency: reconciliation history');

    await page.setViewportSize({ width: 360, height: 740 });
    await open('تطبیق صورت‌حساب بانک');
    expect(await shared.overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'roles-09-agency-reconcile-360px');
    await noSeriousViolations('agency: reconciliation upload at 360 px');
  });

  it('the regulator reads tariff compliance in a chart and drills down to the payments', async () => {
    await signIn(suite.world.tokens.regulator, 'سازمان تنظیم مقررات');
    await open('رعایت تعرفه');
    await page.locator('.figures').waitFor();
    expect(ascii((await page.locator('.figures dd').nth(1).textContent()) ?? '')).toBe('1');
    const chart = page.getByRole('img', { name: /^تخلف‌ها در هر ماه/ });
    expect(await chart.locator('rect').count()).toBeGreaterThanOrEqual(1);
    await page.getByRole('button', { name: `پرداخت‌ها: ${suite.world.terminal.officeId}` }).click();
    const flagged = page.getByRole('table', { name: 'پرداخت‌های دارای تخلف' });
    await flagged.waitFor();
    expect(await flagged.locator('tbody tr').count()).toBe(1);
    expect(ascii((await flagged.locator('tbody tr .rials').first().textContent()) ?? '')).toBe(
      '50000',
    );
    await screenshot(page, 'roles-10-regulator-compliance');
    await noSeriousViolations('regulator: compliance with drill-down');
  });

  it('AREO reads catalogue coverage, payments by month and deadlines', async () => {
    await signIn(suite.world.tokens.areo, 'سازمان اداری و استخدامی');
    await open('پوشش و مهلت‌های فهرست خدمات');
    await page.getByRole('img', { name: /^پرداخت‌ها در هر ماه/ }).waitFor();
    const coverage = page.getByRole('table', { name: 'پوشش خدمات در استان‌ها' });
    await coverage.waitFor();
    expect(await coverage.locator('tbody tr').count()).toBeGreaterThan(0);
    const deadlines = page.getByRole('table', { name: 'مهلت ارائهٔ خدمات از دفاتر' });
    await deadlines.waitFor();
    expect(await deadlines.locator('tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'roles-11-areo-coverage');
    await noSeriousViolations('AREO: coverage and deadlines');
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await shared.overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'roles-12-areo-coverage-360px');
  });

  it("an agency's session cookie opens neither the regulator's screens nor its APIs", async () => {
    await signIn(suite.world.tokens.agency, 'دستگاه اجرایی');
    const menu = await page.getByRole('navigation').getByRole('link').allTextContents();
    expect(menu).toEqual([
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
    await page.goto(`${suite.url}/console/regulator/licenses`);
    await page.getByRole('heading', { name: 'دستگاه اجرایی' }).waitFor();
    expect(await page.getByRole('heading', { name: 'صف پروانه‌ها' }).count()).toBe(0);

    const answers = await page.evaluate(async (id) => {
      const session = (await (await fetch('/v1/session')).json()) as { csrfToken: string };
      const list = await fetch('/v1/licenses');
      const refuse = await fetch(`/v1/licenses/${id}/refuse`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ reason: 'not yours' }),
      });
      return [list.status, refuse.status];
    }, licenseId);
    expect(answers).toEqual([403, 403]);
  });

  it("a working group's session cannot issue: its queue offers only its vote", async () => {
    await signIn(voters.areo, 'کارگروه استانی');
    const status = await page.evaluate(async (id) => {
      const session = (await (await fetch('/v1/session')).json()) as { csrfToken: string };
      const res = await fetch(`/v1/licenses/${id}/issue`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ licenseNumber: 'PK-07-00092', validityYears: 5 }),
      });
      return res.status;
    }, licenseId);
    expect(status).toBe(403);
    await page.goto(`${suite.url}/console/regulator/licenses`);
    await page.getByRole('heading', { name: 'کارگروه استانی' }).waitFor();
  });
});
