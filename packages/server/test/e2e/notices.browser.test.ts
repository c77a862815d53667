/**
 * The help button and social-welfare notices in Chromium on a phone (390 px): a resident without
 * logging in asks to be called back and is shown the promise; someone sends an anonymous
 * child-welfare notice; the social worker finds it under Notices with its legal deadlines,
 * records the same-day urgency assessment and the decision, and sees them met as the notice
 * leaves the open list. A physician is not offered the notices at all. axe clean, and nothing
 * scrolls sideways at 320 px on any of these screens.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { apiLogin, expectAccessible, expectNoSidewaysScroll, logIn, logOut, webDir, consoleLine } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';

const PHONE = { width: 390, height: 844 };
const CONCERN = 'Lapsi on ollut koulussa usein nälkäinen ja väsynyt.';

describe('help button and notices in a real browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir });
    browser = await launchChromium();
    // The bot check's time-to-fill is not what this test is about; the API test covers it.
    const admin = await apiLogin(server, 'admin');
    const r = await server.call('PUT', '/api/admin/help-request-settings', { token: admin.token, body: { callbackWorkingDays: 1, maxPerAddressPerHour: 100, minFillSeconds: 0 }, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function phonePage(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ bypassCSP: true, viewport: PHONE, locale: 'fi-FI', hasTouch: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(consoleLine(m)));
    return { page, errors };
  }

  it('the help button on the front page: a call-back request without logging in, and the promise shown', async () => {
    const { page, errors } = await phonePage();
    await page.goto(server.url);
    await page.getByTestId('help-button').waitFor();
    await expectAccessible(page, 'front page with the help button');
    await expectNoSidewaysScroll(page, 'front page with the help button');
    await page.getByTestId('help-button').click();
    await page.getByTestId('help-form').waitFor();
    await expect.poll(() => page.getByTestId('help-send').isEnabled()).toBe(true);
    await expectAccessible(page, 'call-back form');
    await expectNoSidewaysScroll(page, 'call-back form');
    await page.locator('#help-name').fill('Maija Virtanen');
    await page.locator('#help-phone').fill('040 123 4567');
    await page.locator('#help-message').fill('Vauva ei nuku öisin, tarvitsisin neuvoa.');
    await page.getByTestId('help-send').click();
    const sent = page.getByTestId('help-sent');
    await sent.waitFor();
    // The promise: by when someone calls back, as a date and time.
    await expect.poll(() => sent.getByRole('status').textContent()).toMatch(/\d{1,2}\.\d{1,2}\.\d{4}.*\d{1,2}[.:]\d{2}/);
    await expectAccessible(page, 'call-back promise');
    await expectNoSidewaysScroll(page, 'call-back promise');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('an anonymous child-welfare notice; the social worker sees it with its deadlines, assesses, decides, and sees them met', async () => {
    const { page, errors } = await phonePage();
    await page.goto(server.url);
    await page.getByTestId('notice-link').click();
    await page.getByTestId('notice-form').waitFor();
    await expect.poll(() => page.getByTestId('notice-send').isEnabled()).toBe(true);
    await page.getByTestId('notice-kind-child-welfare-notification').check();
    await page.locator('#notice-about-name').fill('Eetu Esimerkki');
    await page.locator('#notice-about-birth').fill('2016-04-01');
    await page.locator('#notice-description').fill(CONCERN);
    await page.getByTestId('notice-anonymous').check();
    await expectAccessible(page, 'notice form');
    await expectNoSidewaysScroll(page, 'notice form');
    await page.getByTestId('notice-send').click();
    await page.getByTestId('notice-sent').waitFor();
    await expectAccessible(page, 'notice sent');
    await expectNoSidewaysScroll(page, 'notice sent');

    await page.goto(server.url);
    await logIn(page, server.url, 'social');
    // Offered in the menu to the social worker.
    expect(await page.getByTestId('nav-notices').count()).toBe(1);
    await page.goto(`${server.url}/notices`);
    const row = page.locator('li[data-testid^="notice-"]', { hasText: CONCERN });
    await row.waitFor();
    expect(await row.textContent()).toContain('Eetu Esimerkki');
    expect(await row.getByTestId('deadline-urgency-assessment').textContent()).toContain('LSL 417/2007 26 §');
    expect(await row.getByTestId('deadline-investigation-decision').textContent()).toMatch(/7\. arkipäivänä.*LSL 417\/2007 26 § 3 mom\./);
    expect(await row.getByTestId('deadline-investigation-complete').textContent()).toContain('3 kuukaudessa');
    await expectAccessible(page, 'notices queue');
    await expectNoSidewaysScroll(page, 'notices queue');

    // The same-day urgency assessment: met, still open.
    await row.getByTestId('notice-urgency').selectOption('urgent');
    await row.getByTestId('notice-assess').click();
    await expect.poll(() => page.getByTestId('notice-recorded').textContent()).toContain('Kiireellisyyden arvio tallennettu');
    await expect.poll(() => row.getByTestId('deadline-urgency-assessment').textContent()).toContain('tehty ajoissa');
    // The decision: the investigation starts; the notice leaves the open list, the limit met.
    await row.getByTestId('decision-investigation-started').check();
    await row.getByTestId('notice-decide').click();
    const recorded = page.getByTestId('notice-recorded');
    await expect.poll(() => recorded.textContent()).toContain('Lastensuojelutarpeen selvitys aloitetaan');
    await expect.poll(() => recorded.getByTestId('deadline-investigation-decision').textContent()).toContain('tehty ajoissa');
    await expect.poll(() => row.count()).toBe(0);
    await expectAccessible(page, 'notices queue after the decision');
    await expectNoSidewaysScroll(page, 'notices queue after the decision');
    await logOut(page);

    // A physician is not offered the notices, and the address takes them to their own first screen.
    await logIn(page, server.url, 'physician');
    expect(await page.getByTestId('nav-notices').count()).toBe(0);
    await page.goto(`${server.url}/notices`);
    await page.getByTestId('logout').waitFor({ state: 'attached' });
    await expect.poll(() => new URL(page.url()).pathname).not.toBe('/notices');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
