import { persianDigits } from '../../console/src/format/digits';
import type { Page } from 'playwright-core';
import { describeInBrowser, screenshot } from './browser';
import * as shared from './console';
import { ascii } from './console';
import { browserSuite } from './suite';

jest.setTimeout(180_000);

/**
 * The regulator's supervision desks and the office's side of them, in headless Chromium against
 * the real server on the SQLite store: two suspension recommendations and a complaint about the
 * Tehran office seeded through the API; the regulator dismisses one recommendation and takes the
 * complaint to the office, which sees its terminals and the complaint and answers it.
 */
describeInBrowser('the console in a browser: recommendations, complaints, terminals', () => {
  let page: Page;
  let trackingCode: string;
  /** The payment the complaint's receipt names, refunded in part when it is upheld. */
  const paid = { paymentId: '', trackingCode: '', amount: '' };
  const recommended = { dismissed: 'OF-10-0001', kept: 'OF-09-0001' };

  const suite = browserSuite();
  const { api } = suite;

  beforeAll(async () => {
    for (const officeId of Object.values(recommended)) {
      const r = await api(
        suite.world.tokens.regulator,
        'POST',
        `/v1/supervision/offices/${officeId}/actions`,
        { action: 'suspension_recommended', reason: `repeated overcharging at ${officeId}` },
      );
      expect(r.status).toBe(201);
    }
    const payment = await suite.demo.pay(1);
    expect(payment.status).toBe(201);
    Object.assign(paid, await payment.json());
    const filed = await api(undefined, 'POST', '/v1/public/complaints', {
      kind: 'complaint',
      topic: 'overcharge',
      subject: { kind: 'office', officeId: suite.world.terminal.officeId },
      receiptCode: paid.trackingCode,
      description: 'I was charged more than the posted tariff for a vehicle transfer.',
    });
    expect(filed.status).toBe(201);
    trackingCode = filed.body.trackingCode as string;
  });
  beforeEach(async () => {
    page = await suite.desktopPage();
  });

  const noSeriousViolations = (screen: string) => shared.noSeriousViolations(page, screen);
  const signIn = (token: string, heading: string) => shared.signIn(page, suite.url, token, heading);
  const openScreen = (name: string) => shared.openMenu(page, name);
  /** Writes the reason, submits, and answers the Persian confirmation. */
  async function decide(form: string, reason: string) {
    const decision = page.getByRole('form', { name: form });
    await decision.getByLabel(/دلیل|متن پاسخ/).fill(reason);
    await decision.getByRole('button', { name: form }).click();
    await decision.getByText('این تصمیم ثبت می‌شود و برگشت‌پذیر نیست. مطمئن هستید؟').waitFor();
    await decision.getByRole('button', { name: 'بله، ثبت شود' }).click();
    await page.getByRole('status').getByText('تصمیم ثبت شد.').waitFor();
  }

  it('the regulator dismisses a recommendation with a reason, after its evidence; it leaves the queue, the other stays', async () => {
    await signIn(suite.world.tokens.regulator, 'سازمان تنظیم مقررات');
    await openScreen('پیشنهادهای تعلیق');
    const rows = page.getByRole('region', { name: 'پیشنهادهای تعلیق نظارت' }).locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    await noSeriousViolations('suspension recommendations');
    await page.getByRole('button', { name: `بررسی: ${recommended.dismissed}` }).click();
    await page.getByText(`repeated overcharging at ${recommended.dismissed}`).last().waitFor();
    expect(await page.locator('article.file').textContent()).toContain(
      'اقدام پیشینی ثبت نشده است.',
    );

    const dismiss = page.getByRole('form', { name: 'رد پیشنهاد' });
    await dismiss.getByRole('button', { name: 'رد پیشنهاد' }).click();
    expect(await dismiss.getByText('دلیل را بنویسید.').count()).toBe(1);
    await screenshot(page, '20-regulator-recommendation');
    await noSeriousViolations('suspension recommendation open');
    await decide('رد پیشنهاد', 'the overcharges were refunded and the tariff is posted now');

    await page
      .getByRole('button', { name: `بررسی: ${recommended.dismissed}` })
      .waitFor({ state: 'detached' });
    await page.getByRole('button', { name: `بررسی: ${recommended.kept}` }).waitFor();
    expect(await rows.count()).toBe(1);
    expect(
      await page.getByRole('button', { name: `بررسی: ${recommended.dismissed}` }).count(),
    ).toBe(0);
    const queue = await api(
      suite.world.tokens.regulator,
      'GET',
      '/v1/licensing/suspension-recommendations?status=dismissed',
    );
    expect(queue.body.items).toMatchObject([
      {
        officeId: recommended.dismissed,
        status: 'dismissed',
        outcome: { reason: 'the overcharges were refunded and the tariff is posted now' },
      },
    ]);
    await screenshot(page, '21-regulator-recommendations-after');
  });

  it('a decision the server refuses (dismissed meanwhile from another desk) is shown in Persian with what to do', async () => {
    await signIn(suite.world.tokens.regulator, 'سازمان تنظیم مقررات');
    await openScreen('پیشنهادهای تعلیق');
    await page.getByRole('button', { name: `بررسی: ${recommended.kept}` }).click();
    const pending = await api(
      suite.world.tokens.regulator,
      'GET',
      '/v1/licensing/suspension-recommendations',
    );
    const [kept] = pending.body.items as Array<{ actionId: string }>;
    const behindItsBack = await api(
      suite.world.tokens.regulator,
      'POST',
      `/v1/licensing/suspension-recommendations/${kept!.actionId}/dismiss`,
      { reason: 'dismissed from another desk' },
    );
    expect(behindItsBack.status).toBe(200);
    const act = page.getByRole('form', { name: 'تعلیق پروانه' });
    await act.getByRole('button', { name: 'تعلیق پروانه' }).click();
    await act.getByRole('button', { name: 'بله، ثبت شود' }).click();
    const alert = act.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('این کار در وضعیت کنونی ممکن نیست.');
    expect(await page.getByRole('status').count()).toBe(0);
    await noSeriousViolations('suspension recommendation refused');
  });

  it("the regulator's holder requests queue opens empty and accessible", async () => {
    await signIn(suite.world.tokens.regulator, 'سازمان تنظیم مقررات');
    await openScreen('درخواست‌های دارندگان پروانه');
    await page.getByText('چیزی برای نمایش نیست.').waitFor();
    await noSeriousViolations('holder requests');
  });

  it('the regulator reviews the complaint and asks the office for its response', async () => {
    await signIn(suite.world.tokens.regulator, 'سازمان تنظیم مقررات');
    await openScreen('رسیدگی به شکایات');
    await page.getByRole('button', { name: `بررسی: ${trackingCode}` }).click();
    await page.getByRole('heading', { name: /پروندهٔ شکایت/ }).waitFor();
    expect(await page.locator('article.file').textContent()).toContain(
      'I was charged more than the posted tariff',
    );
    await noSeriousViolations('complaint open');
    await decide('شروع بررسی', 'looking into the receipt and the tariff');
    await page.getByRole('heading', { name: /در حال بررسی/ }).waitFor();
    await decide('درخواست پاسخ از دفتر', 'the office should explain the amount charged');
    await page.getByRole('heading', { name: /در انتظار پاسخ دفتر/ }).waitFor();
    await screenshot(page, '22-regulator-complaint');
    await noSeriousViolations('complaint awaiting office');
  });

  it('the office sees its terminals and the complaint about it, and answers it', async () => {
    await signIn(suite.world.tokens.office, 'دفتر پیشخوان');
    await openScreen('پایانه‌ها');
    const terminal = page.getByRole('row', { name: new RegExp(suite.world.terminal.terminalId) });
    await terminal.waitFor();
    expect(await terminal.textContent()).toContain('فعال');
    await screenshot(page, '23-office-terminals');
    await noSeriousViolations('office terminals');

    await openScreen('شکایات از دفتر');
    await page.getByRole('button', { name: `بررسی: ${trackingCode}` }).click();
    await page.getByRole('heading', { name: /در انتظار پاسخ دفتر/ }).waitFor();
    await noSeriousViolations('office complaint');
    await decide('پاسخ دفتر', 'The amount included the posted service fee; receipt attached.');
    await page.getByRole('heading', { name: /در حال بررسی/ }).waitFor();
    await screenshot(page, '24-office-complaint');
    const handled = await api(
      suite.world.tokens.regulator,
      'GET',
      `/v1/complaints?status=under_review`,
    );
    expect(handled.body.items).toMatchObject([{ trackingCode }]);
  });

  it("the regulator upholds the complaint with a refund of the receipt's payment, confirmed with its amount in rials and tomans; the payment ledger records it", async () => {
    const refund = String(BigInt(paid.amount) / 2n);
    await signIn(suite.world.tokens.regulator, 'سازمان تنظیم مقررات');
    await openScreen('رسیدگی به شکایات');
    await page.getByLabel('وضعیت').selectOption('under_review');
    await page.getByRole('button', { name: `بررسی: ${trackingCode}` }).click();
    const resolve = page.getByRole('form', { name: 'اعلام نتیجه' });
    await resolve.getByLabel('شکایت وارد است').check();
    await resolve.getByLabel('استرداد وجه به شهروند').check();
    const choice = resolve.getByLabel('پرداخت دفتر');
    await choice.waitFor();
    expect(await choice.inputValue()).toBe(paid.paymentId);
    const amount = resolve.getByLabel('مبلغ استرداد (ریال)');
    expect(await amount.inputValue()).toBe(paid.amount);

    await amount.fill(`${paid.amount}0`);
    await resolve.getByLabel('دلیل').fill('charged above the approved tariff');
    await resolve.getByRole('button', { name: 'اعلام نتیجه' }).click();
    await resolve.getByText('مبلغ را به ریال و با رقم بنویسید').waitFor();
    expect(await resolve.getByRole('alertdialog').count()).toBe(0);

    await amount.fill(persianDigits(refund));
    await resolve.getByRole('button', { name: 'اعلام نتیجه' }).click();
    const confirm = resolve.getByRole('alertdialog');
    await confirm.getByText('استرداد دستور داده می‌شود به مبلغ').waitFor();
    expect(ascii((await confirm.locator('.rials').textContent()) ?? '')).toBe(refund);
    expect(await confirm.locator('.tomans').textContent()).toContain('تومان');
    await screenshot(page, '25-regulator-refund-confirm');
    await noSeriousViolations('complaint refund confirmation');
    await confirm.getByRole('button', { name: 'بله، ثبت شود' }).click();
    await page.getByRole('status').getByText('تصمیم ثبت شد.').waitFor();

    const refunds = page.locator('ul.refunds li');
    await refunds.first().waitFor();
    expect(await refunds.count()).toBe(1);
    expect(await refunds.first().textContent()).toContain('در دفتر پرداخت ثبت شد');
    expect(ascii((await refunds.first().locator('.rials').textContent()) ?? '')).toBe(refund);
    await screenshot(page, '26-regulator-refund-recorded');
    await noSeriousViolations('complaint resolved with a refund');
    const payment = await api(
      suite.world.tokens.regulator,
      'GET',
      `/v1/payments/${paid.paymentId}`,
    );
    expect(payment.body).toMatchObject({
      remaining: String(BigInt(paid.amount) - BigInt(refund)),
      corrections: [{ kind: 'refund' }],
    });
  });
});
