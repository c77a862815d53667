import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { expectAccessible, expectNoSidewaysScroll, logIn, webDir, consoleLine } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';
import { dataSet, UNIT_B } from '../api/measureFixtures';
import { continuityDataSet, feedbackDataSet, segmentDataSet } from '../api/continuityMeasureFixtures';

const fi = JSON.parse(readFileSync(join(webDir, '..', 'src', 'i18n', 'fi.json'), 'utf8'));

/**
 * The managers' dashboard (issue 13) in Debian's Chromium over the fixed data set of the API
 * test (March 2025, measureFixtures.ts): the access page with its figures, target and tables,
 * a drill-down to a unit, the other themes, the CSV, the print view; no console errors, axe
 * clean, no sideways scrolling at 320 px. Continuity and feedback over the February 2025 data
 * set of continuityMeasureFixtures.ts; the manager's one menu entry and the old addresses.
 */
describe('the dashboard, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir, clockStart: new Date('2026-11-29T10:00:00+02:00') });
    await server.ovi.services.store.createMany([...dataSet(), ...continuityDataSet(), ...feedbackDataSet(), ...segmentDataSet()] as any);
    browser = await launchChromium();
    context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'fi-FI', acceptDownloads: true });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(consoleLine(m)));
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
    // The segment mix at the end of March (continuityMeasureFixtures.ts): 26 segmented clients → 25; by municipality, 272 (18 → 20).
    await expect.poll(() => page.getByTestId('indicator-segment-mix').textContent()).toContain('Omatoimiasiakkuus');
    expect((await page.getByTestId('table-segment-mix').locator('tbody tr').allTextContents()).find((r) => r.includes('Kunta 272'))).toContain('20');
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
    // The waits table (once the access page) is not filtered, and says so.
    await page.getByTestId('dashboard-older-unfiltered').waitFor();
    // Within one unit the tables go by profession.
    await expect.poll(() => page.getByTestId('table-within-regional-limit').locator('thead').textContent()).toContain('Ammattiryhmä');
    await expectAccessible(page, 'dashboard, one unit');
    await page.getByTestId('dashboard-all-units').click();
    await page.getByTestId('dashboard-unit').waitFor({ state: 'detached' });
  });

  it('labels a profession and a municipality chosen in the address even when the period shows none of them', async () => {
    const before = page.url();
    await page.goto(`${server.url}/dashboard/continuity?from=2024-01-01&to=2024-01-31&profession=physician&municipality=272`);
    await page.getByTestId('continuity').waitFor();
    const chosen = (name: string) => page.getByTestId(`filter-${name}`).evaluate((s: any) => String(s.selectedOptions[0]?.textContent ?? ''));
    await expect.poll(() => chosen('profession')).toBe(fi.profession.physician);
    expect(await chosen('municipality')).not.toBe('272');
    expect(await chosen('municipality')).toContain('272');
    await page.goto(before);
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

  it("asks for each figure once when a page opens: the demand page's two booked-time panels share one request", async () => {
    const asked: string[] = [];
    const listen = (request: { url(): string }) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) asked.push(`${url.pathname}${url.search}`);
    };
    page.on('request', listen);
    await page.goto(`${server.url}/dashboard/demand?from=2025-03-01&to=2025-03-31`);
    const booked = page.getByTestId('indicator-booked-time-share-total');
    await expect.poll(() => booked.count(), { timeout: 30_000 }).toBe(2);
    await expect.poll(async () => (await booked.allTextContents()).every((t) => /\d/.test(t)), { timeout: 30_000 }).toBe(true);
    page.off('request', listen);
    expect(asked.filter((p) => p.startsWith('/api/measures/booked-time-share?')), asked.join('\n')).toHaveLength(1);
    expect(asked.length, 'nothing asked twice').toBe(new Set(asked).size);
  });

  it('shows continuity as Measures in February 2025: UPC, COCI and the own-team share with hidden units marked, beside the older tables', async () => {
    await page.goto(`${server.url}/dashboard/continuity?from=2025-02-01&to=2025-02-28`);
    // Hand-computed in continuityMeasureFixtures.ts: whole 0.68, unit A 0.73, units B and C hidden.
    await expect.poll(() => page.getByTestId('indicator-usual-provider-continuity-total').textContent(), { timeout: 30_000 }).toContain('0,68');
    const table = page.getByTestId('table-usual-provider-continuity');
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows.find((r) => r.includes('Jatkuvuusasema A'))).toContain('0,73');
    expect(rows.find((r) => r.includes('Jatkuvuusasema B'))).toContain('alle 5, ei näytetä');
    expect(await table.locator('tbody tr[data-hidden="true"]').count()).toBe(2);
    await page.locator('[data-testid="chart-usual-provider-continuity"] svg[role="img"]').waitFor();
    await expect.poll(() => page.getByTestId('indicator-continuity-of-care-index-total').textContent()).toContain('0,38');
    expect(await page.getByTestId('table-continuity-of-care-index').textContent()).toContain('Lääkäri');
    await expect.poll(() => page.getByTestId('indicator-own-team-visits-total').textContent()).toMatch(/67\s?%/);
    // Each panel's title in words, also once its figures are there (not the translation key).
    for (const id of ['usual-provider-continuity', 'continuity-of-care-index', 'own-team-visits']) {
      expect(await page.getByTestId(`indicator-${id}`).locator('h2').textContent()).toBe(fi.dashboardMeasures.indicator[id].title);
    }
    // The continuity table of decision 021 and the plan outcomes (once their own page) are here too.
    await page.getByTestId('continuity-table').waitFor();
    await page.getByTestId('plan-outcomes').waitFor();
    await expectAccessible(page, 'dashboard, continuity');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoSidewaysScroll(page, 'dashboard, continuity at 320 px');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('shows the feedback NPS on the experience page, a hidden unit said so', async () => {
    await page.getByTestId('theme-experience').click();
    await expect.poll(() => page.getByTestId('indicator-net-promoter-score-total').textContent(), { timeout: 30_000 }).toContain('+25');
    const rows = await page.getByTestId('table-net-promoter-score').locator('tbody tr').allTextContents();
    expect(rows.find((r) => r.includes('Jatkuvuusasema A'))).toContain('+25');
    expect(rows.find((r) => r.includes('Jatkuvuusasema B'))).toContain('alle 5, ei näytetä');
    await page.getByTestId('dashboard-feedback-link').waitFor();
    await expectAccessible(page, 'dashboard, experience (NPS)');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoSidewaysScroll(page, 'dashboard, experience at 320 px');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("has one menu entry for the figures; the older pages' addresses open their theme with the period", async () => {
    for (const gone of ['nav-figures', 'nav-access', 'nav-segment-counts', 'nav-plan-outcomes', 'nav-feedback-results']) {
      expect(await page.getByTestId(gone).count(), gone).toBe(0);
    }
    await page.getByTestId('nav-dashboard').waitFor({ state: 'attached' });
    await page.getByTestId('nav-portfolio').waitFor({ state: 'attached' });
    await page.goto(`${server.url}/figures?from=2025-03-01&to=2025-03-31`);
    await page.getByTestId('stat-contacts').waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/dashboard/demand?from=2025-03-01&to=2025-03-31');
    // The former figures page: its outcome chart and urgency table; the segment counts below.
    await page.getByTestId('outcome-chart').waitFor({ state: 'attached' });
    await page.getByTestId('segment-counts-section').waitFor();
    await page.goto(`${server.url}/access?from=2025-03-01&to=2025-03-31`);
    await page.getByTestId('waiting-figures').waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard/access');
    // The waits of the old access page: the March visits of units A and B, by profession and urgency.
    await page.getByTestId('waiting-table').waitFor();
    // Its long column names wrap: on a laptop it does not scroll sideways inside its frame.
    const sideways = await page.getByTestId('waiting-table').evaluate((table) => (table.parentElement ? table.parentElement.scrollWidth - table.parentElement.clientWidth : Infinity));
    expect(sideways, 'the waits table fits 1280 px').toBeLessThanOrEqual(0);
    await page.goto(`${server.url}/plan-outcomes`);
    await page.getByTestId('plan-outcomes').waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard/continuity');
    await page.goto(`${server.url}/segment-counts`);
    await page.getByTestId('segment-counts-section').waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard/demand');
  });

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
