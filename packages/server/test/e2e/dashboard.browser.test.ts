import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { expectAccessible, expectNoSidewaysScroll, logIn, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';
import { dataSet, UNIT_B } from '../api/measureFixtures';

/**
 * The managers' dashboard (issue 13) in Debian's Chromium over the fixed data set of the API
 * test (March 2025, measureFixtures.ts): the access page with its figures, target and tables,
 * a drill-down to a unit, the other themes, the CSV, the print view; no console errors, axe
 * clean, no sideways scrolling at 320 px.
 */
describe('the dashboard, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir, clockStart: new Date('2026-11-29T10:00:00+02:00') });
    await server.ovi.services.store.createMany(dataSet() as any);
    browser = await launchChromium();
    context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'fi-FI', acceptDownloads: true });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows access in March 2025: the 7-day promise kept for half, below its target, with the numbers beside the chart', async () => {
    await logIn(page, server.url, 'manager');
    await page.getByTestId('nav-dashboard').waitFor({ state: 'attached' });
    await page.goto(`${server.url}/dashboard/access?from=2025-03-01&to=2025-03-31`);
    const total = page.getByTestId('indicator-within-regional-limit-total');
    await expect.poll(() => total.textContent(), { timeout: 30_000 }).toMatch(/50\s?%/);
    expect(await page.getByTestId('indicator-within-regional-limit-target').getAttribute('data-met')).toBe('false');
    // Time to visit: median 7 days (the 90th percentile is not shown).
    await expect.poll(() => page.getByTestId('indicator-time-to-visit-total').textContent()).toContain('7');
    // The chart is drawn by Plot (its own chunk) for the strata it may show; the table has every unit, hidden ones said so.
    await page.locator('[data-testid="chart-booked-time-share"] svg, [data-testid="chart-within-regional-limit"]').first().waitFor({ state: 'attached' });
    const rows = await page.getByTestId('table-within-regional-limit').locator('tbody tr').allTextContents();
    expect(rows.some((r) => r.includes('Testiasema B'))).toBe(true);
    // T3 (measured now, from the demo region's calendars) with its table.
    await page.getByTestId('table-t3').waitFor();
    await expectAccessible(page, 'dashboard, access');
    await expectNoSidewaysScroll(page, 'dashboard, access');
  });

  it('draws a chart of the strata it may show, and downloads the CSV with the filters', async () => {
    await page.getByTestId('theme-demand').click();
    await page.locator('[data-testid="chart-booked-time-share"] svg[role="img"]').first().waitFor();
    // Demand and capacity by week: the chart and the table with physicians' 7 booked times in the week from 3.3.
    await page.locator('[data-testid="chart-demand-capacity"] [role="img"]').first().waitFor();
    const weekRows = await page.getByTestId('table-demand-capacity').locator('tbody tr').allTextContents();
    expect(weekRows.some((r) => r.includes('3.3.') && r.includes('Lääkäri') && r.includes('7'))).toBe(true);
    const download = page.waitForEvent('download');
    await page.getByTestId('csv-visit-demand').click();
    expect((await download).suggestedFilename()).toBe('visit-demand_2025-03-01_2025-03-31.csv');
    await expectAccessible(page, 'dashboard, demand and capacity');
    await expectNoSidewaysScroll(page, 'dashboard, demand and capacity');
  });

  it('drills down to a unit and back, and keeps the choice in the address', async () => {
    await page.getByTestId('theme-access').click();
    await page.getByTestId(`drill-${UNIT_B}`).first().click();
    await page.getByTestId('dashboard-unit').waitFor();
    expect(new URL(page.url()).searchParams.get('unit')).toBe(UNIT_B);
    expect(await page.getByTestId('dashboard-unit').textContent()).toContain('Testiasema B');
    // Within one unit the tables go by profession.
    await expect.poll(() => page.getByTestId('table-within-regional-limit').locator('thead').textContent()).toContain('Ammattiryhmä');
    await expectAccessible(page, 'dashboard, one unit');
    await page.getByTestId('dashboard-all-units').click();
    await page.getByTestId('dashboard-unit').waitFor({ state: 'detached' });
  });

  it('has equality, continuity and experience pages, and a print view without the controls', async () => {
    await page.getByTestId('theme-equality').click();
    await expect.poll(() => page.getByTestId('table-within-regional-limit').locator('thead').textContent()).toContain('Kunta');
    await page.getByTestId('theme-continuity').click();
    await page.getByTestId('continuity').waitFor();
    await page.getByTestId('theme-experience').click();
    await page.getByTestId('dashboard-feedback-link').waitFor();
    await expect.poll(() => page.getByTestId('indicator-self-monitoring-reach-total').textContent()).toMatch(/50\s?%/);
    await expectAccessible(page, 'dashboard, experience');
    await page.getByTestId('theme-access').click();
    await page.getByTestId('indicator-within-regional-limit-total').waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('filter-unit').isVisible()).toBe(false);
    expect(await page.getByTestId('table-within-regional-limit').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
