import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { expectAccessible, expectNoSidewaysScroll, logIn, logOut, webDir, consoleLine } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';

/**
 * Home measurements in a real browser on a 390 px phone: a resident records a dangerous blood
 * pressure and is told at once what to do; the chart and its table render without console
 * errors; the team sees the client in its list and the client's trend, and sets a target.
 */
describe('home measurements, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir });
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, locale: 'fi-FI' });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(consoleLine(m)));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('tells the resident what to do now after a dangerous blood pressure, and draws the trend beside a table', async () => {
    await logIn(page, server.url, 'resident');
    await page.getByTestId('nav-my-measurements').click();
    await page.getByTestId('sm-form').waitFor();
    await page.getByLabel('Yläpaine (mmHg)').fill('186');
    await page.getByLabel('Alapaine (mmHg)').fill('104');
    await page.getByLabel('Aamulla').check();
    await page.getByTestId('sm-save').click();
    const advice = page.getByTestId('sm-advice');
    await advice.waitFor();
    expect(await advice.textContent()).toMatch(/soita terveysasemalle tänään/);
    expect(await advice.getByRole('link', { name: '112' }).getAttribute('href')).toBe('tel:112');
    const panel = page.getByTestId('sm-kind-blood-pressure');
    await panel.locator('[data-testid="trend-chart"] [role="img"]').waitFor();
    expect(await panel.locator('table').first().textContent()).toMatch(/186/);
    expect(await panel.locator('[data-testid="trend-chart"] [role="img"]').getAttribute('aria-label')).toMatch(/Verenpaine/);
    await expectAccessible(page, 'home measurements');
    await expectNoSidewaysScroll(page, 'home measurements');
    expect(consoleErrors).toEqual([]);
    await logOut(page);
  });

  it('shows the team the client to look at, the client’s trend, and lets them set a target', async () => {
    await logIn(page, server.url, 'physician');
    await page.getByTestId('nav-monitoring').click();
    const list = page.getByTestId('sm-work');
    await list.waitFor();
    await list.getByRole('link', { name: 'Aino Nieminen' }).click();
    await page.getByTestId('sm-kind-blood-pressure').locator('[data-testid="trend-chart"] [role="img"]').waitFor();
    const form = page.getByTestId('sm-target-form');
    // The team is chosen from the physician's own work teams, not typed.
    await expect.poll(() => form.locator('#sm-team option').allTextContents()).toEqual([expect.stringMatching(/^Kokkola/)]);
    expect(await form.locator('#sm-team').inputValue()).toBe('CareTeam/team-kokkola');
    await form.locator('#sm-systolic-high').fill('135');
    await form.locator('#sm-diastolic-high').fill('85');
    await form.getByRole('button').click();
    await page.getByText('Tavoite tallennettu.').waitFor();
    await page.getByText(/Tavoite: Yläpaine –135 mmHg/).waitFor();
    await expectAccessible(page, 'client home measurements');
    await expectNoSidewaysScroll(page, 'client home measurements');
    expect(consoleErrors).toEqual([]);
    await logOut(page);
  });

  it('lets the resident keep the measurements of the older adult they are authorised for, apart from their own', async () => {
    await logIn(page, server.url, 'resident');
    await page.getByTestId('nav-my-measurements').click();
    const whose = page.getByTestId('sm-whose');
    await whose.waitFor();
    await whose.selectOption({ label: 'Irma Mäkelä' });
    await page.getByTestId('sm-form').waitFor();
    await page.getByLabel('Mitä mittasit').selectOption('weight');
    await page.getByLabel('Paino (kg)').fill('58,4');
    await page.getByTestId('sm-save').click();
    await page.getByTestId('sm-saved').waitFor();
    await expect.poll(() => page.getByTestId('sm-kind-weight').locator('table').first().textContent()).toMatch(/58[,.]4/);
    // A meter's file is imported for oneself only.
    expect(await page.locator('.sm-import').count()).toBe(0);
    await expectAccessible(page, 'an authorised representative’s view of home measurements');
    // Her weight is not among the resident's own.
    await whose.selectOption({ label: 'Omat mittaukseni' });
    await page.locator('.sm-import').waitFor();
    expect(await page.getByTestId('sm-kind-weight').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await logOut(page);
  });
});
