import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { expectAccessible, expectNoSidewaysScroll, logIn, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';

/**
 * The manager chooses the period of the figures on the dashboard: "last month" on 20 November
 * 2026 is 1–31 October, every figure says so, the address keeps it (reload, back button), and
 * the old addresses of the figure pages lead to the dashboard's theme with their period.
 */
const TODAY = new Date('2026-11-20T10:00:00+02:00');

const RUNS = [
  { name: 'a laptop in Finnish', viewport: { width: 1280, height: 800 }, locale: 'fi-FI', lastMonth: '1.–31.10.2026', thisMonth: '1.–20.11.2026' },
  { name: 'a 390 px phone in Swedish', viewport: { width: 390, height: 844 }, locale: 'sv-FI', lastMonth: '1–31.10.2026', thisMonth: '1–20.11.2026' },
] as const;

describe('the period of the figures, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir, clockStart: TODAY });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Every "for <period>" line on the page names the period. */
  async function expectEveryFigureOf(page: Page, period: string): Promise<void> {
    const lines = await page.getByTestId('figure-period').allTextContents();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toContain(period);
  }

  for (const run of RUNS) {
    it(`on ${run.name}: the manager picks last month on the dashboard and every figure states it`, async () => {
      const context: BrowserContext = await browser.newContext({ bypassCSP: true, viewport: run.viewport, locale: run.locale });
      const page = await context.newPage();
      try {
        // A manager starts on the dashboard (the one figures entry of the menu), its access page.
        await logIn(page, server.url, 'manager');
        await page.getByTestId(`lang-${run.locale.slice(0, 2)}`).click();
        await page.getByTestId('period-picker').waitFor();
        expect(new URL(page.url()).pathname).toBe('/dashboard');
        await expect.poll(() => page.getByTestId('period-shown').textContent()).toContain(run.thisMonth);
        await expectEveryFigureOf(page, run.thisMonth);

        await page.getByTestId('period-kind').selectOption('last-month');
        await page.getByTestId('period-show').click();
        await expect.poll(() => page.getByTestId('period-shown').textContent()).toContain(run.lastMonth);
        await expectEveryFigureOf(page, run.lastMonth);
        expect(new URL(page.url()).search).toBe('?period=last-month');
        // The waits state the period once (T3 is measured now, in its own panel).
        expect((await page.getByTestId('figure-period').allTextContents()).filter((l) => l.includes(run.lastMonth)).length).toBe(1);
        await expectAccessible(page, `dashboard access, last month (${run.locale})`);
        await expectNoSidewaysScroll(page, 'dashboard access, last month');

        // The contact figures (once the "figures" page) on the demand page keep the period, the previous equal period beside each.
        await page.getByTestId('theme-demand').click();
        await expect.poll(() => page.getByTestId('stat-contacts').textContent()).toContain(run.locale === 'fi-FI' ? '1.–30.9.2026' : '1–30.9.2026');
        await expect.poll(() => page.getByTestId('period-shown').textContent()).toContain(run.lastMonth);
        await expectEveryFigureOf(page, run.lastMonth);
        expect(new URL(page.url()).search).toBe('?period=last-month');
        await expectAccessible(page, `dashboard demand, last month (${run.locale})`);
        await expectNoSidewaysScroll(page, 'dashboard demand, last month');

        // The address keeps the choice: a reload shows the same period.
        await page.reload();
        await expect.poll(() => page.getByTestId('period-shown').textContent()).toContain(run.lastMonth);
        expect(await page.getByTestId('period-kind').inputValue()).toBe('last-month');

        // The back button returns through the themes to the period before.
        await page.goBack();
        await page.goBack();
        await expect.poll(() => page.getByTestId('period-shown').textContent()).toContain(run.thisMonth);
        expect(new URL(page.url()).search).toBe('');

        // Days of one's own: an end before the start is said plainly and nothing is asked.
        await page.getByTestId('period-kind').selectOption('custom');
        await page.getByTestId('period-from').fill('2026-10-10');
        await page.getByTestId('period-to').fill('2026-10-01');
        await page.getByTestId('period-show').click();
        await expect.poll(() => page.getByTestId('period-from').getAttribute('aria-invalid')).toBe('true');
        await page.getByTestId('period-to').fill('2026-10-20');
        await page.getByTestId('period-show').click();
        await expect.poll(() => page.getByTestId('period-shown').textContent()).toContain(run.locale === 'fi-FI' ? '10.–20.10.2026' : '10–20.10.2026');
        expect(new URL(page.url()).search).toBe('?from=2026-10-10&to=2026-10-20');
        await expectAccessible(page, `dashboard, chosen days (${run.locale})`);

        // An old shared link to the access page opens the dashboard's access page with its period.
        await page.goto(`${server.url}/access?period=last-month`);
        await expect.poll(() => page.getByTestId('period-shown').textContent()).toContain(run.lastMonth);
        expect(new URL(page.url()).pathname).toBe('/dashboard/access');
        // Continuity of care states the same period with its own table (decision 021).
        await page.getByTestId('theme-continuity').click();
        await expect.poll(() => page.getByTestId('continuity-period').textContent()).toContain(run.lastMonth);
        await expectAccessible(page, `dashboard continuity, last month (${run.locale})`);
        await expectNoSidewaysScroll(page, 'dashboard continuity, last month');
      } finally {
        await context.close();
      }
    });
  }
});
