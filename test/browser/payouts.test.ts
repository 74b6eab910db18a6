import { persianDigits } from '../../console/src/format/digits';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { jalaliDayOf } from '../../console/src/format/dates';
import { signedFetch } from '../../contracts/signers/sign';
import { artifacts, describeInBrowser, screenshot } from './browser';
import * as shared from './console';
import { browserSuite } from './suite';

jest.setTimeout(180_000);

const cellText = (cell: string | undefined) => (cell ?? '').replace(/^="(.*)"$/, '$1');

interface Instruction {
  endToEndId: string;
  kind: string;
  beneficiaryId: string;
  iban: string;
  depositId: string;
  amount: string;
  payments: number;
}

/**
 * The agency accountant's payout files and PSP settlement runs (issue 21), in headless Chromium
 * against the real server on SQLite seeded as `npm run demo` seeds it, yesterday (a server whose
 * clock read yesterday, restarted on today's): yesterday's payments to two agencies, the day
 * closed by the regulator, and a PSP file reconciled against it.
 */
describeInBrowser(
  'the console in a browser: an agency’s payout files and PSP settlement runs',
  () => {
    let page: Page;
    const tehranNow = new Date(Date.now() + 3.5 * 3_600_000);
    /** Noon of yesterday in Tehran (08:30 UTC): the demo world is seeded then, its day is over. */
    const seededAt = new Date(
      Date.UTC(
        tehranNow.getUTCFullYear(),
        tehranNow.getUTCMonth(),
        tehranNow.getUTCDate() - 1,
        8,
        30,
      ),
    );
    const day = jalaliDayOf(seededAt);
    const compact = day.replace(/\//g, '');
    let trafficRrn = '';

    /** A payment on the Tehran office's terminal charged yesterday, signed as its gateway. */
    async function paidYesterday(n: number, serviceCode: string) {
      const price = await suite.api(
        suite.world.tokens.regulator,
        'GET',
        `/v1/tariffs/${serviceCode}/price?province=IR-23&officeKind=urban`,
      );
      const rrn = `${String(Date.now()).slice(-9)}${n}00`;
      const res = await signedFetch(
        suite.world.terminal,
        'POST',
        `${suite.url}/v1/payments`,
        JSON.stringify({
          rrn,
          stan: `00521${n}`,
          transactionTime: new Date(seededAt.getTime() + (30 + n) * 60_000).toISOString(),
          serviceCode,
          quantity: 1,
          occurrence: 1,
          amount: price.body.total as string,
          maskedCard: '603799******1234',
        }),
      );
      expect([serviceCode, res.status]).toEqual([serviceCode, 201]);
      return rrn;
    }

    const suite = browserSuite({
      env: () => ({
        SETTLEMENT_DEBTOR_IBAN: 'IR820540102680020817909002',
        VAT_IBAN: 'IR060100000000401234567890',
      }),
      seededAt,
    });

    beforeAll(async () => {
      trafficRrn = await paidYesterday(1, 'vehicle-transfer');
      await paidYesterday(2, 'vehicle-transfer');
      await paidYesterday(3, 'smart-id-card');
      const regulator = suite.world.tokens.regulator;
      const closed = await suite.api(regulator, 'POST', '/v1/settlement/batches', { day });
      expect(closed.status).toBe(201);
      const traffic = (closed.body.instructions as Instruction[]).find(
        (i) => i.beneficiaryId === 'traffic',
      )!;
      const run = await suite.api(regulator, 'POST', '/v1/psp-settlements', {
        from: day,
        to: day,
        content: `terminal_id,rrn,iban,amount,settlement_date\n${suite.world.terminal.terminalId},${trafficRrn},${traffic.iban},1,${day}\n`,
      });
      expect(run.status).toBe(201);
    });
    beforeEach(async () => {
      page = await suite.desktopPage();
    });

    const noSeriousViolations = (screen: string) => shared.noSeriousViolations(page, screen);
    const signIn = () => shared.signIn(page, suite.url, suite.world.tokens.agency, 'دستگاه اجرایی');

    it('an agency opens its payout files, sees the closed day with its total and downloads a CSV of its own lines, as the API gives them', async () => {
      await signIn();
      await shared.openMenu(page, 'پرونده‌های پرداخت');
      const row = page
        .getByRole('region', { name: 'دسته‌های تسویهٔ بسته‌شده، تازه‌ترین نخست' })
        .locator('tbody tr');
      await row.first().waitFor();
      expect(await row.count()).toBe(1);
      const api = await suite.api(
        suite.world.tokens.agency,
        'GET',
        `/v1/settlement/batches/${compact}`,
      );
      const lines = api.body.instructions as Instruction[];
      expect(lines.map((l) => [l.kind, l.beneficiaryId])).toEqual([['agency', 'traffic']]);
      const shownDay = row.first().locator('time');
      expect(await shownDay.textContent()).toBe(persianDigits(day));
      expect(await shownDay.getAttribute('title')).toMatch(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
      );
      expect(shared.ascii(await row.first().locator('.rials').textContent())).toBe(api.body.total);
      expect(await row.first().locator('.tomans').textContent()).toContain('تومان');
      await noSeriousViolations('agency: payout files');
      await screenshot(page, 'payouts-01-agency-payout-files');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: `دریافت CSV: ${persianDigits(day)}` }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(
        `payouts_STL-${compact}_${day.replace(/\//g, '-')}_traffic.csv`,
      );
      const file = join(artifacts, 'agency-payouts.csv');
      await download.saveAs(file);
      const text = readFileSync(file, 'utf8');
      const rows = parse<Record<string, string>>(text, { columns: true, bom: true });
      expect(
        rows.map((r) => [
          r.end_to_end_id,
          r.beneficiary_kind,
          r.beneficiary_id,
          cellText(r.iban),
          r.amount_rials,
        ]),
      ).toEqual(lines.map((l) => [l.endToEndId, 'agency', 'traffic', l.iban, l.amount]));
      expect(text).not.toContain('civil-registry');
      expect(text).not.toContain(suite.world.terminal.officeId);
      await shared.fits360(page, 'payouts-02-agency-payout-files-360px');
    });

    it('an agency opens the PSP settlement runs touching its accounts and drills into one run’s outcomes', async () => {
      await signIn();
      await shared.openMenu(page, 'تطبیق تسهیم پرداخت‌یارها');
      const view = page.getByRole('button', { name: /^نمایش نتیجه:/ });
      await view.waitFor();
      expect(await view.count()).toBe(1);
      await noSeriousViolations('agency: PSP settlement runs');
      await screenshot(page, 'payouts-03-agency-psp-runs');
      await view.click();
      await page.getByRole('heading', { name: 'نتیجهٔ تطبیق تسهیم' }).waitFor();
      const accounts = page.getByRole('region', { name: 'حساب‌های دستگاه در این تطبیق' });
      await accounts.locator('tbody tr').first().waitFor();
      expect(await accounts.locator('tbody tr').count()).toBe(1);
      expect(await accounts.textContent()).toContain('traffic');
      const outcomes = page.getByRole('region', { name: 'ردیف‌های نتیجه' });
      await outcomes.locator('tbody tr').first().waitFor();
      expect(await outcomes.textContent()).toContain('مغایرت مبلغ');
      expect(await outcomes.textContent()).toContain(trafficRrn);
      await page.getByLabel('وضعیت').selectOption('matched');
      await page.getByText('چیزی برای نمایش نیست.').waitFor();
      await page.getByLabel('وضعیت').selectOption('amount_mismatch');
      await outcomes.locator('tbody tr').first().waitFor();
      expect(await outcomes.locator('tbody tr').count()).toBe(1);
      await noSeriousViolations('agency: PSP settlement run');
      await screenshot(page, 'payouts-04-agency-psp-run');
      await shared.fits360(page, 'payouts-05-agency-psp-run-360px');
    });
  },
);
