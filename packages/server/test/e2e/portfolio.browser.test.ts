import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { expectAccessible, expectNoSidewaysScroll, logIn, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';

/**
 * The development coordinator's portfolio in a real browser: on a 390 px phone in Finnish the
 * manager sets a measure's level for the period being reported (saved at once, the change column
 * follows), adds a measure and a period; on a laptop in English the self-assessment is what prints.
 */
describe('the development portfolio, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('on a 390 px phone in Finnish: a level saved at once, a new measure and a new period', async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, locale: 'fi-FI' });
    const page = await context.newPage();
    try {
      await logIn(page, server.url, 'manager');
      await page.goto(`${server.url}/portfolio`);
      await page.getByTestId('maturity-access').waitFor();
      expect(await page.getByTestId('portfolio-period').inputValue()).toBe('2022-H1');
      await expectAccessible(page, 'portfolio (fi, phone)');
      await expectNoSidewaysScroll(page, 'portfolio (fi, phone)');

      // The walk-in measure fell back in 2022-H1; the coordinator corrects it to 5 (in use).
      const row = page.locator('[data-testid="maturity-interoperability"] tr[data-measure="mielenterveys-walk-in"]');
      expect(await row.getByTestId('change').textContent()).toBe('Laskenut 1 tasoa');
      await page.getByTestId('level-mielenterveys-walk-in').selectOption('5');
      await expect.poll(() => page.getByTestId('portfolio-status').textContent()).toContain('Käytössä');
      expect(await row.getByTestId('change').textContent()).toBe('Noussut 1 tasoa');
      expect(await page.getByTestId('report-interoperability').getByTestId('fell-back').count()).toBe(0);

      // A new measure under the quality goal, with an indicator and its level now.
      await page.getByTestId('add-measure-quality').click();
      await page.getByTestId('new-measure-save').filter({ visible: true }).click();
      expect(await page.locator('.field-error').first().textContent()).toContain('Kirjoita toimenpiteen nimi');
      const form = page.locator('[data-testid="goal-quality"] form');
      await form.getByTestId('new-measure-name').fill('Kokemusasiantuntijat kehittämisessä');
      await form.getByTestId('new-measure-owner').fill('Osallisuuskoordinaattori');
      await form.getByLabel('Asiakaspalaute (NPS)').check();
      await form.getByLabel('Taso kaudella 2022-H1 (vapaaehtoinen)').selectOption('2');
      await form.getByTestId('new-measure-save').click();
      await page.locator('[data-testid="maturity-quality"] tr[data-measure="kokemusasiantuntijat-kehittamisessa"]').waitFor();
      expect(await page.getByTestId('portfolio-status').textContent()).toContain('Kokemusasiantuntijat kehittämisessä');

      // The next half-year is suggested; adding it makes it the period being reported.
      await page.getByTestId('new-period-save').click();
      await expect.poll(() => page.getByTestId('portfolio-period').inputValue()).toBe('2022-H2');
      expect(await page.getByTestId('self-assessment').locator('h2').textContent()).toBe('Oma-arviointi 2022-H2');
      await expectAccessible(page, 'portfolio after changes (fi, phone)');
      await expectNoSidewaysScroll(page, 'portfolio after changes');

      // Every change is a version in the history, by the manager.
      await page.getByTestId('portfolio-history-toggle').click();
      const rows = page.getByTestId('portfolio-history-row');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(7);
      expect(await rows.first().textContent()).toContain('manager');
    } finally {
      await context.close();
    }
  });

  it('on a laptop in English: the goals, the maturity table and a self-assessment that is what prints', async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1366, height: 768 }, locale: 'en-GB' });
    const page = await context.newPage();
    try {
      await logIn(page, server.url, 'admin');
      await page.getByTestId('lang-en').click();
      await page.getByTestId('nav-portfolio').click();
      await page.getByTestId('maturity-access').waitFor();
      expect(await page.locator('#goal-costs').textContent()).toBe('Curbing the rise in costs');
      await page.getByTestId('portfolio-period').selectOption('2021-H2');
      const report = page.getByTestId('report-access');
      expect(await page.getByTestId('self-assessment').locator('p').nth(1).textContent()).toBe('Compared with 2021-H1.');
      expect(await report.getByTestId('advanced').textContent()).toContain('Omaolo otetaan käyttöön maakunnallisesti: 4 Being piloted → 5 In use');
      await expectAccessible(page, 'portfolio (en, laptop)');
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByTestId('maturity-access').isVisible()).toBe(false);
      expect(await page.getByTestId('self-assessment').isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
