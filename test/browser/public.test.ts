import type { Page } from 'playwright-core';
import { create as createQr } from 'qrcode';
import { asciiDigits, persianDigits } from '../../console/src/format/digits';
import { formatRials, formatTomans } from '../../console/src/format/money';
import { qrPath } from '../../console/src/screens/public/forms';
import { describeInBrowser, screenshot, scriptsLoaded, seriousViolations } from './browser';
import { browserSuite } from './suite';

jest.setTimeout(120_000);

/**
 * A citizen's journey through the public pages (no sign-in) in headless Chromium, against the
 * real server (src/main.ts) on the SQLite store, seeded as `npm run demo` seeds it, with one
 * payment posted by the Tehran office's terminal.
 */
describeInBrowser(
  'the public pages in a browser: a citizen checks a receipt, complains, looks up a tariff',
  () => {
    let page: Page;
    let receipt: { trackingCode: string; amount: string };
    /** Every script the page has fetched, and how many of them the public home needed. */
    const scriptUrls = new Set<string>();
    let homeScripts = new Set<string>();

    const suite = browserSuite();
    beforeAll(async () => {
      const posted = await suite.demo.pay(9, '603799******4321');
      expect(posted.status).toBe(201);
      receipt = (await posted.json()) as { trackingCode: string; amount: string };
      page = await suite.desktopPage();
      page.on('response', (r) => {
        if (r.request().resourceType() === 'script') scriptUrls.add(r.url());
      });
    });

    const noSeriousViolations = async (screen: string) =>
      expect([screen, await seriousViolations(page)]).toEqual([screen, []]);
    const checkUrl = () => `${suite.url}/console/public/receipt?code=${receipt.trackingCode}`;

    it('opens the public pages from a cold load without a session, right to left', async () => {
      const scripts = scriptsLoaded(page);
      await page.goto(`${suite.url}/console/public`);
      await page.getByRole('heading', { name: 'خدمات عمومی پیشخوان' }).waitFor();
      const renderedMs = await page.evaluate(() => performance.now());
      const js = await scripts();
      process.stdout.write(
        `public pages first screen: rendered ${renderedMs.toFixed(0)} ms after navigation; ` +
          `${js.files} script(s), ${(js.raw / 1024).toFixed(1)} KB raw, ${(js.gzipped / 1024).toFixed(1)} KB gzipped\n`,
      );
      expect(
        await page.evaluate('[document.documentElement.lang, document.documentElement.dir]'),
      ).toEqual(['fa', 'rtl']);
      homeScripts = new Set(scriptUrls);
      expect(homeScripts.size).toBe(js.files);
      const menu = await page
        .getByRole('navigation', { name: 'خدمات عمومی' })
        .getByRole('link')
        .allTextContents();
      expect(menu).toEqual([
        'خدمات عمومی',
        'بررسی رسید',
        'ثبت و پیگیری شکایت',
        'استعلام تعرفه',
        'یافتن دفتر',
        'ورود کارکنان',
      ]);
      await screenshot(page, 'public-01-home');
      await noSeriousViolations('public home');
    });

    it('reaches the receipt check from the sign-in screen', async () => {
      await page.goto(`${suite.url}/console/`);
      await page.getByRole('heading', { name: 'ورود به پیشخوان' }).waitFor();
      await page
        .getByRole('navigation', { name: 'خدمات عمومی' })
        .getByRole('link', { name: 'بررسی رسید' })
        .click();
      await page.getByRole('heading', { name: 'بررسی رسید' }).waitFor();
      expect(page.url()).toBe(`${suite.url}/console/public/receipt`);
    });

    it('says in Persian what is wrong with a mistyped or unknown code', async () => {
      const code = page.getByLabel('کد رهگیری رسید (۱۶ رقم)');
      await code.fill('۱۲۳');
      await page.getByRole('button', { name: 'بررسی' }).click();
      await page.getByText('کد رهگیری رسید ۱۶ رقم است.').waitFor();
      await code.fill('9999999999999999');
      await page.getByRole('button', { name: 'بررسی' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toContain(
        'رسیدی با این کد رهگیری پیدا نشد.',
      );
      await noSeriousViolations('receipt not found');
    });

    it('checks a receipt typed in Persian digits: amount in rials and tomans, Jalali time with ISO on hover, a QR code of this check', async () => {
      await page.getByLabel('کد رهگیری رسید (۱۶ رقم)').fill(persianDigits(receipt.trackingCode));
      await page.getByRole('button', { name: 'بررسی' }).click();
      await page.getByRole('heading', { name: 'رسید پرداخت' }).waitFor();
      expect(page.url()).toBe(checkUrl());
      const card = page.locator('.receipt');
      const text = (await card.textContent()) ?? '';
      expect(text).toContain(`${formatRials(receipt.amount, 'fa')} ریال`);
      expect(text).toContain(`${formatTomans(receipt.amount, 'fa')} تومان`);
      expect(text).toContain('دفتر پیشخوان انقلاب');
      expect(text).toContain('نقل و انتقال خودرو');
      expect(text).toContain('ثبت‌شده');
      const time = card.locator('time').first();
      expect(await time.getAttribute('title')).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(await time.textContent()).toMatch(/^۱۴[۰-۹]{2}\/[۰-۹]{2}\/[۰-۹]{2}/);
      await card.getByText('روز این پرداخت هنوز مهر نشده است', { exact: false }).waitFor();

      const qr = page.getByRole('img', { name: 'کد QR: پیوند بررسی همین رسید' });
      await qr.waitFor();
      const { modules } = createQr(checkUrl(), { errorCorrectionLevel: 'M' });
      expect(await qr.locator('path').getAttribute('d')).toBe(
        qrPath(modules.size, (row, col) => modules.get(row, col) === 1),
      );
      // The QR library came with the receipt, not with the first screen.
      expect([...scriptUrls].filter((u) => !homeScripts.has(u))).toHaveLength(1);
      await screenshot(page, 'public-02-receipt');
      await noSeriousViolations('receipt');
    });

    it('prints the receipt card alone, QR code included', async () => {
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header.bar').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'بررسی' }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'چاپ رسید' }).isVisible()).toBe(false);
      expect(
        await page.getByRole('img', { name: 'کد QR: پیوند بررسی همین رسید' }).isVisible(),
      ).toBe(true);
      await screenshot(page, 'public-03-receipt-print');
      await page.emulateMedia({ media: 'screen' });
    });

    it("opens the receipt from its QR code's link on a fresh page", async () => {
      const fresh = await page.context().newPage();
      await fresh.goto(checkUrl());
      await fresh.getByRole('heading', { name: 'رسید پرداخت' }).waitFor();
      expect(await fresh.getByLabel('کد رهگیری رسید (۱۶ رقم)').inputValue()).toBe(
        receipt.trackingCode,
      );
      await fresh.close();
    });

    let complaintCode = '';

    it('files a complaint about the payment: Persian messages first and nothing sent, the API refusal shown in Persian on its field, then the tracking code', async () => {
      await page.getByRole('link', { name: 'شکایت دربارهٔ این پرداخت' }).click();
      await page.getByRole('heading', { name: 'ثبت شکایت، انتقاد یا پیشنهاد' }).waitFor();
      expect(await page.getByLabel('شناسهٔ دفتر (در «یافتن دفتر» آمده است)').inputValue()).toBe(
        suite.world.terminal.officeId,
      );
      expect(await page.getByLabel('کد رهگیری رسید (اختیاری)').inputValue()).toBe(
        receipt.trackingCode,
      );
      let sent = 0;
      const count = (r: { url(): string; method(): string }) => {
        if (r.method() === 'POST' && r.url().endsWith('/v1/public/complaints')) sent++;
      };
      page.on('request', count);
      await page.getByLabel('شرح (دست‌کم ۱۰ نویسه)').fill('کوتاه');
      await page.getByLabel('شمارهٔ همراه').fill('۱۲۳');
      await page.getByRole('button', { name: 'ثبت', exact: true }).click();
      await page.getByText('شرح را دست‌کم در ۱۰ نویسه بنویسید.').waitFor();
      await page.getByText('شمارهٔ همراه را مثل ۰۹۱۲۱۲۳۴۵۶۷ بنویسید.').waitFor();
      expect(sent).toBe(0);
      await screenshot(page, 'public-04-complaint-errors');
      await noSeriousViolations('complaint form with errors');

      const officeId = page.getByLabel('شناسهٔ دفتر (در «یافتن دفتر» آمده است)');
      await officeId.fill('OF-00-9999');
      await page
        .getByLabel('شرح (دست‌کم ۱۰ نویسه)')
        .fill('برای نقل و انتقال خودرو ۲۰۰٬۰۰۰ ریال بیش از تعرفه گرفتند.');
      await page.getByLabel('شمارهٔ همراه').fill('۰۹۱۲ ۱۲۳ ۴۵۶۷');
      await page.getByRole('button', { name: 'ثبت', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'درخواست کامل یا درست نیست.' }).waitFor();
      expect(await page.getByRole('alert').textContent()).toContain(
        'موارد زیر را درست کنید و دوباره بفرستید.',
      );
      expect(await officeId.getAttribute('aria-invalid')).toBe('true');
      await page.getByText('سامانه این را نشناخت یا نپذیرفت', { exact: false }).waitFor();
      expect(sent).toBe(1);
      await noSeriousViolations('complaint refused by the API');

      await officeId.fill(suite.world.terminal.officeId);
      await page.getByRole('button', { name: 'ثبت', exact: true }).click();
      await page.getByText('ثبت شد. این کد پیگیری را نگه دارید:').waitFor();
      page.off('request', count);
      expect(sent).toBe(2);
      const shown = (await page.locator('.tracking-code').textContent()) ?? '';
      expect(shown).toMatch(/^[۱-۹][۰-۹]{11}$/);
      complaintCode = asciiDigits(shown);
      const api = await fetch(`${suite.url}/v1/public/complaints/${complaintCode}`);
      expect(api.status).toBe(200);
      expect(await api.json()).toMatchObject({ kind: 'complaint', status: 'received' });
      await screenshot(page, 'public-05-complaint-filed');
      await noSeriousViolations('complaint filed');
    });

    it('tracks the complaint by its code, and says so in Persian when a code is unknown', async () => {
      await page.getByRole('button', { name: 'پیگیری همین شکایت' }).click();
      await page.locator('.case').waitFor();
      expect(await page.locator('.case').textContent()).toContain('دریافت‌شده');
      expect(page.url()).toBe(`${suite.url}/console/public/complaints?code=${complaintCode}`);
      await screenshot(page, 'public-06-complaint-tracked');
      await noSeriousViolations('complaint tracked');

      await page.getByLabel('کد پیگیری (۱۲ رقم)').fill('۰۱۲');
      await page.getByRole('button', { name: 'پیگیری', exact: true }).click();
      await page.getByText('کد پیگیری ۱۲ رقم است و با صفر شروع نمی‌شود.').waitFor();
      const unknown = complaintCode.startsWith('9') ? '100000000000' : '999999999999';
      await page.getByLabel('کد پیگیری (۱۲ رقم)').fill(unknown);
      await page.getByRole('button', { name: 'پیگیری', exact: true }).click();
      await page.getByText('شکایتی با این کد پیگیری پیدا نشد.').waitFor();
    });

    it("looks up a tariff in the province: the service suggested from the province's offices, the price the API gives", async () => {
      await page
        .getByRole('navigation', { name: 'خدمات عمومی' })
        .getByRole('link', { name: 'استعلام تعرفه' })
        .click();
      await page.getByRole('heading', { name: 'استعلام تعرفه' }).waitFor();
      await page.getByText('استان و خدمت را انتخاب کنید تا مبلغ نشان داده شود.').waitFor();
      await page.getByRole('button', { name: 'استعلام' }).click();
      await page.getByText('استان را انتخاب کنید.').waitFor();
      await page.getByLabel('استان').selectOption(suite.world.payment.province);
      await page
        .locator(`#tariff-services option[value="${suite.world.payment.serviceCode}"]`)
        .waitFor({ state: 'attached' });
      await page.getByLabel('کد خدمت').fill(suite.world.payment.serviceCode);
      await page.getByLabel('نوع دفتر').selectOption('urban');
      await page.getByRole('button', { name: 'استعلام' }).click();
      await page.getByRole('heading', { name: /نقل و انتقال خودرو/ }).waitFor();
      const expected = (await (
        await fetch(
          `${suite.url}/v1/public/tariffs/${suite.world.payment.serviceCode}?province=${suite.world.payment.province}&officeKind=urban`,
        )
      ).json()) as { prices: Array<{ total: string }> };
      expect(expected.prices[0]!.total).toBe(suite.world.payment.amount);
      const heading = (await page.locator('.price h3').textContent()) ?? '';
      expect(heading).toContain(`${formatRials(suite.world.payment.amount, 'fa')} ریال`);
      expect(await page.locator('.price tbody tr').count()).toBeGreaterThan(0);
      await screenshot(page, 'public-07-tariff');
      await noSeriousViolations('tariff');
    });

    it('finds the offices of a province, with an empty state when none matches', async () => {
      await page
        .getByRole('navigation', { name: 'خدمات عمومی' })
        .getByRole('link', { name: 'یافتن دفتر' })
        .click();
      await page.getByText('استان را انتخاب کنید تا دفترهای آن فهرست شوند.').waitFor();
      await page.getByLabel('استان').selectOption('IR-23');
      await page.getByRole('button', { name: 'جست‌وجو' }).click();
      const offices = page.getByRole('list', { name: 'دفترهای یافته‌شده' });
      await offices.waitFor();
      expect(await offices.locator('> li').count()).toBe(1);
      expect(await offices.textContent()).toContain('دفتر پیشخوان انقلاب');
      expect(await page.getByRole('button', { name: 'صفحهٔ بعد' }).isDisabled()).toBe(true);
      await screenshot(page, 'public-08-offices');
      await noSeriousViolations('offices');
      await page.getByLabel('شهر یا روستا (اختیاری)').fill('جایی که نیست');
      await page.getByRole('button', { name: 'جست‌وجو' }).click();
      await page.getByText('دفتری با این مشخصات پیدا نشد.', { exact: false }).waitFor();
      await noSeriousViolations('offices, none found');
    });

    it('fits a 360 px wide phone on every public page', async () => {
      await page.setViewportSize({ width: 360, height: 740 });
      const pages: Array<[string, string]> = [
        ['public', 'خدمات عمومی پیشخوان'],
        [`public/receipt?code=${receipt.trackingCode}`, 'رسید پرداخت'],
        ['public/complaints', 'ثبت شکایت، انتقاد یا پیشنهاد'],
        [
          `public/tariffs?province=IR-23&service=${suite.world.payment.serviceCode}`,
          'نقل و انتقال خودرو',
        ],
        ['public/offices?province=IR-23', 'دفتر پیشخوان انقلاب'],
      ];
      for (const [path, heading] of pages) {
        await page.goto(`${suite.url}/console/${path}`);
        await page.getByRole('heading', { name: heading }).first().waitFor();
        const overflow = await page.evaluate(
          'document.documentElement.scrollWidth - window.innerWidth',
        );
        expect([path, overflow]).toEqual([path, 0]);
        await screenshot(page, `public-09-360px-${path.split(/[/?]/)[1] ?? 'home'}`);
        await noSeriousViolations(`${path} at 360 px`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    it('reads in English, left to right, through the shell toggle', async () => {
      await page.goto(checkUrl());
      await page.getByRole('heading', { name: 'رسید پرداخت' }).waitFor();
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: 'Payment receipt' }).waitFor();
      expect(
        await page.evaluate('[document.documentElement.lang, document.documentElement.dir]'),
      ).toEqual(['en', 'ltr']);
      expect(await page.locator('.receipt').textContent()).toContain(
        `${formatRials(receipt.amount, 'en')} rials`,
      );
      await screenshot(page, 'public-10-receipt-en');
      await noSeriousViolations('receipt in English');
      await page.getByRole('button', { name: 'به فارسی' }).click();
      await page.getByRole('heading', { name: 'رسید پرداخت' }).waitFor();
    });
  },
);
