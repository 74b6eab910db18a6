import type { Page } from 'playwright-core';
import { describeInBrowser, screenshot } from './browser';
import * as shared from './console';
import { browserSuite } from './suite';

jest.setTimeout(180_000);

const ask = 'این تصمیم ثبت می‌شود و برگشت‌پذیر نیست. مطمئن هستید؟';
const yes = 'بله، ثبت شود';
const refusedInPersian = 'این کار در وضعیت کنونی ممکن نیست.';

/**
 * The regulator's office registry, tariffs, supervision and data-access anomalies, and the
 * Commission's tariff versions, in headless Chromium against the real server on the SQLite store
 * seeded as `npm run demo` seeds it.
 */
describeInBrowser('the console in a browser: offices, tariffs, supervision, anomalies', () => {
  let page: Page;

  const suite = browserSuite();
  beforeEach(async () => {
    page = await suite.desktopPage();
  });

  const noSeriousViolations = (screen: string) => shared.noSeriousViolations(page, screen);
  const fits360 = (name: string) => shared.fits360(page, `${name}-360px`);
  const signIn = (token: string, roleHeading: string) =>
    shared.signIn(page, suite.url, token, roleHeading);
  const openScreen = (name: string) => shared.openMenu(page, name, { exact: true });
  /** Writes the reason, submits, answers the Persian confirmation; the status or the refusal follows. */
  async function decide(form: string, submit: string, reason: string) {
    const decision = page.getByRole('form', { name: form });
    await decision.getByLabel('دلیل').fill(reason);
    await decision.getByRole('button', { name: submit }).click();
    await decision.getByText(ask).waitFor();
    await decision.getByRole('button', { name: yes }).click();
    return decision;
  }
  const terminalStatus = async (terminalId: string) => {
    const r = await suite.api(
      suite.world.tokens.regulator,
      'GET',
      `/v1/terminals?status=deactivated`,
    );
    return (r.body.items as Array<{ terminalId: string }>).some((x) => x.terminalId === terminalId)
      ? 'deactivated'
      : 'active';
  };

  it('the regulator browses the offices by province, opens one and deactivates a terminal; one deactivated meanwhile is refused in Persian', async () => {
    await signIn(suite.world.tokens.regulator, 'سازمان تنظیم مقررات');
    await openScreen('دفاتر و پایانه‌ها');
    const offices = page.getByRole('region', { name: 'دفاتر پیشخوان' }).locator('tbody tr');
    await offices.first().waitFor();
    expect(await offices.count()).toBe(3);
    await noSeriousViolations('office registry');
    await page.getByLabel('استان', { exact: true }).selectOption('IR-10');
    await page.getByRole('button', { name: 'بررسی: OF-23-0001' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'بررسی: OF-10-0001' }).waitFor();
    expect(await offices.count()).toBe(1);
    await screenshot(page, 'desk-01-offices');
    await fits360('desk-01-offices');

    await page.getByRole('button', { name: 'بررسی: OF-10-0001' }).click();
    const file = page.locator('article.file');
    await file.getByText('دفتر پیشخوان نقش جهان').first().waitFor();
    const terminals = page.getByRole('region', { name: 'پایانه‌های دفتر' });
    await terminals.getByRole('row', { name: /IS000001/ }).waitFor();
    await page
      .getByRole('region', { name: 'خدمات واگذارشده به دفتر' })
      .locator('tbody tr')
      .first()
      .waitFor();
    expect(
      await page.getByRole('region', { name: 'خدمات واگذارشده به دفتر' }).textContent(),
    ).toContain('vehicle-transfer');
    await noSeriousViolations('office page');

    await page.getByRole('button', { name: 'غیرفعال‌کردن پایانه: IS000001' }).click();
    const form = 'غیرفعال‌کردن پایانه IS000001';
    const empty = page.getByRole('form', { name: form });
    await empty.getByRole('button', { name: 'غیرفعال‌کردن پایانه' }).click();
    expect(await empty.getByText('دلیل را بنویسید.').count()).toBe(1);
    expect(await terminalStatus('IS000001')).toBe('active');
    await decide(form, 'غیرفعال‌کردن پایانه', 'the terminal was reported stolen');
    await page.getByRole('status').getByText('تصمیم ثبت شد.').waitFor();
    await page
      .getByRole('button', { name: 'غیرفعال‌کردن پایانه: IS000001' })
      .waitFor({ state: 'detached' });
    const row = terminals.getByRole('row', { name: /IS000001/ });
    expect(await row.locator('td').nth(3).textContent()).toBe('غیرفعال');
    expect(await terminalStatus('IS000001')).toBe('deactivated');
    await screenshot(page, 'desk-02-office-page');
    await fits360('desk-02-office-page');

    await page.getByRole('button', { name: 'غیرفعال‌کردن پایانه: SP100001' }).click();
    const behindItsBack = await suite.api(
      suite.world.tokens.regulator,
      'POST',
      '/v1/terminals/SP100001/deactivate',
      { reason: 'deactivated from another desk' },
    );
    expect(behindItsBack.status).toBe(200);
    const refused = await decide(
      'غیرفعال‌کردن پایانه SP100001',
      'غیرفعال‌کردن پایانه',
      'the PSP closed the merchant',
    );
    const alert = refused.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(refusedInPersian);
    expect(await page.getByRole('status').count()).toBe(0);
    await noSeriousViolations('terminal refusal');
  });

  it('the Commission records a new tariff version and the regulator sees it in force, rials with tomans, a clashing one refused', async () => {
    await signIn(suite.world.tokens.commission, 'کمیسیون تنظیم مقررات');
    await openScreen('تعرفه‌ها و مصوبه‌ها');
    await page.getByLabel('استان', { exact: true }).selectOption('IR-23');
    await page.getByRole('button', { name: 'بررسی: vehicle-transfer' }).click();
    await page.getByRole('heading', { name: 'در حال اجرا امروز' }).waitFor();
    await page.getByText('مبلغ در استان (شهری)').waitFor();
    await noSeriousViolations('commission tariffs');

    const version = page.getByRole('form', { name: 'ثبت نسخهٔ تازهٔ تعرفه' });
    await version.getByLabel('نقل و انتقال خودرو — مبلغ (ریال)').fill('۱۸۰۰۰۰۰');
    await version.getByRole('button', { name: 'ثبت نسخه' }).click();
    expect(await version.getByText('شمارهٔ مصوبه را بنویسید.').count()).toBe(1);
    await version.getByLabel('شمارهٔ مصوبه').fill('۱۴۰۵/۳۱۲');
    await version.getByRole('button', { name: 'ثبت نسخه' }).click();
    await version.getByText(ask).waitFor();
    await version.getByRole('button', { name: yes }).click();
    await page.getByRole('status').getByText('نسخهٔ تازه ثبت شد: نسخهٔ ۲').waitFor();
    await screenshot(page, 'desk-03-commission-tariff');
    await fits360('desk-03-commission-tariff');

    const again = page.getByRole('form', { name: 'ثبت نسخهٔ تازهٔ تعرفه' });
    await again.getByLabel('شمارهٔ مصوبه').fill('1405/313');
    await again.getByRole('button', { name: 'ثبت نسخه' }).click();
    await again.getByRole('button', { name: yes }).click();
    const alert = again.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(refusedInPersian);
    await noSeriousViolations('commission tariff refused');

    page = await suite.signedIn(suite.world.tokens.regulator, 'سازمان تنظیم مقررات');
    await openScreen('تعرفه‌ها');
    await page.getByLabel('استان', { exact: true }).selectOption('IR-23');
    await page.getByRole('button', { name: 'بررسی: vehicle-transfer' }).click();
    const file = page.locator('article.file');
    await file.getByRole('region', { name: /اجزای تعرفهٔ/ }).waitFor();
    const figures = await file.locator('dl.figures').first().textContent();
    expect(figures).toContain('۱۴۰۵/۳۱۲');
    const components = await file.getByRole('region', { name: /اجزای تعرفهٔ/ }).textContent();
    expect(components).toContain('۱٬۸۰۰٬۰۰۰ ریال');
    expect(components).toContain('۱۸۰٬۰۰۰ تومان');
    const effective = file.locator('dl.figures time').nth(1);
    expect(await effective.getAttribute('title')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await page.getByRole('form', { name: 'ثبت نسخهٔ تازهٔ تعرفه' }).count()).toBe(0);
    const inForce = await suite.api(
      suite.world.tokens.regulator,
      'GET',
      '/v1/tariffs/vehicle-transfer',
    );
    expect(inForce.body).toMatchObject({ version: 2, resolution: { number: '1405/312' } });
    await noSeriousViolations('regulator tariffs');
    await screenshot(page, 'desk-04-regulator-tariff');
    await fits360('desk-04-regulator-tariff');
  });

  it('the regulator records a supervision action about an office and sees it in its history beside the score', async () => {
    await signIn(suite.world.tokens.regulator, 'سازمان تنظیم مقررات');
    await openScreen('دفاتر و پایانه‌ها');
    await page.getByRole('button', { name: 'بررسی: OF-23-0001' }).click();
    await page.getByText('این دفتر در این نیم‌سال پرداختی نداشته است و امتیازی ندارد.').waitFor();
    expect((await suite.demo.pay(1)).status).toBe(201);
    await page.getByRole('button', { name: 'نمایش' }).first().click();
    await page.getByText('رتبه در استان').waitFor();
    const volume = page.locator('dl.figures div').filter({ hasText: 'شمار پرداخت‌ها' });
    expect(await volume.locator('dd').textContent()).toBe('۱');
    const history = page.getByRole('region', { name: 'سابقهٔ اقدام‌های نظارتی' });
    expect(await history.count()).toBe(0);
    const form = page.getByRole('form', { name: 'ثبت اقدام نظارتی' });
    await form.getByLabel('اقدام نظارتی').selectOption('inspection');
    await decide(
      'ثبت اقدام نظارتی',
      'ثبت اقدام نظارتی',
      'inspected the counter: tariff posted, receipts printed',
    );
    await page.getByRole('status').getByText('تصمیم ثبت شد.').waitFor();
    await history.getByRole('row', { name: /بازرسی/ }).waitFor();
    expect(await history.textContent()).toContain('inspected the counter');
    const recorded = await suite.api(
      suite.world.tokens.regulator,
      'GET',
      '/v1/supervision/offices/OF-23-0001/actions',
    );
    expect(recorded.body.items).toMatchObject([
      { action: 'inspection', reason: 'inspected the counter: tariff posted, receipts printed' },
    ]);
    await noSeriousViolations('office supervision');
    await screenshot(page, 'desk-05-office-supervision');
    await fits360('desk-05-office-supervision');
  });

  /**
   * An outside-hours anomaly (ناهنجاری): the traffic police's instruction opens its office hours
   * two hours from now (Tehran), so the Tehran office's delivery opened now is refused and
   * recorded as an attempt outside hours.
   */
  async function seedOutsideHoursAnomaly() {
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Tehran',
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(new Date()),
    );
    const opens = String((hour + 2) % 24).padStart(2, '0');
    const recorded = await suite.api(suite.world.tokens.agency, 'POST', '/v1/data-instructions', {
      services: [
        {
          serviceCode: 'vehicle-transfer',
          items: ['owner_name'],
          level: 'identity',
          customerPresent: true,
          consent: true,
          maxLookupsPerDelivery: 1,
          officeHours: { from: `${opens}:00`, to: `${opens}:30` },
        },
      ],
      channel: 'agency',
      effectiveFrom: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(recorded.status).toBe(201);
    const acknowledged = await suite.api(
      suite.world.tokens.regulator,
      'POST',
      `/v1/data-instructions/traffic/versions/${String(recorded.body.version)}/acknowledge`,
      {},
    );
    expect(acknowledged.status).toBe(200);
    const refused = await suite.api(suite.world.tokens.office, 'POST', '/v1/data-access/consents', {
      nationalId: '0012345679',
      serviceCode: 'vehicle-transfer',
      operator: 'counter 2',
      customerPresent: true,
    });
    expect([refused.status, refused.body.rule]).toEqual([422, 'outside-hours']);
  }

  it('an outside-hours anomaly opens to its accesses, offers the CSVs and takes a supervision action', async () => {
    await signIn(suite.world.tokens.regulator, 'سازمان تنظیم مقررات');
    await openScreen('ناهنجاری‌های دسترسی به داده');
    await page.getByText('چیزی برای نمایش نیست.').waitFor();
    await noSeriousViolations('data access anomalies, none');
    await seedOutsideHoursAnomaly();
    await page.getByRole('button', { name: 'نمایش' }).click();
    const officeId = suite.world.terminal.officeId;
    await page
      .getByRole('button', { name: `بررسی: ${officeId} استعلام بیرون از ساعت کاری` })
      .click();
    const accesses = page.getByRole('region', { name: 'دسترسی‌ها' });
    await accesses.getByRole('row', { name: /outside-hours/ }).waitFor();
    expect(await accesses.locator('tbody tr').count()).toBe(1);
    expect(await accesses.textContent()).toContain('رد شد');

    const all = page.getByRole('link', { name: 'همهٔ دسترسی‌های این بازه (CSV)' });
    const ofOffice = page.locator('article.file').getByRole('link', { name: 'CSV' });
    for (const link of [all, ofOffice]) {
      const res = await page.request.get(`${suite.url}${(await link.getAttribute('href'))!}`);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain('text/csv');
      expect(await res.text()).toContain('outside-hours');
    }
    await noSeriousViolations('data access anomaly open');
    await screenshot(page, 'desk-06-anomaly');

    const form = page.getByRole('form', { name: 'ثبت اقدام دربارهٔ ناهنجاری' });
    await form.getByLabel('اقدام نظارتی').selectOption('warning');
    await decide(
      'ثبت اقدام دربارهٔ ناهنجاری',
      'ثبت اقدام',
      'a look-up was tried before opening hours',
    );
    await page.getByRole('status').getByText('تصمیم ثبت شد.').waitFor();
    const actions = await suite.api(
      suite.world.tokens.regulator,
      'GET',
      `/v1/supervision/offices/${officeId}/actions`,
    );
    expect(actions.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'warning',
          reason: expect.stringContaining('outside-hours'),
        }),
      ]),
    );
    await fits360('desk-06-anomaly');
  });

  it("the Commission's menu is its tariffs and proposals only, and its session cannot open the office registry's actions", async () => {
    await signIn(suite.world.tokens.commission, 'کمیسیون تنظیم مقررات');
    const menu = await page.getByRole('navigation').getByRole('link').allTextContents();
    expect(menu).toEqual(['خانه', 'تعرفه‌ها و مصوبه‌ها', 'پیشنهادهای تعرفه']);
    const res = await page.request.get(`${suite.url}/v1/offices`);
    expect(res.status()).toBe(403);
  });
});
