/**
 * The service finder and a client path in Debian's Chromium on a 390 px phone, without logging
 * in: the resident switches to Swedish, searches with a typo ("familjeradgivnig"), finds the
 * family counselling clinic with its phone link and opening hours, opens the divorce path, and
 * its "contact us" opens the contact form (after logging in) with the matter filled in.
 * Every screen passes axe and reflows at 320 px without sideways scrolling.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { expectAccessible, expectNoSidewaysScroll, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';

// Monday 30 November 2026, 10:00 in Helsinki: the family counselling clinic is open.
const CLOCK = new Date('2026-11-30T10:00:00+02:00');

describe('service finder and client paths in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir, clockStart: CLOCK });
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, locale: 'fi-FI' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds the family counselling clinic in Swedish by a typo, without logging in', async () => {
    await page.goto(server.url);
    await page.getByTestId('login-services').click();
    await page.getByTestId('client-path-list').waitFor();
    await page.getByTestId('lang-sv').click();
    await page.getByTestId('client-path-divorce').getByText('Familjen går igenom en skilsmässa').waitFor();
    await expectAccessible(page, 'the service finder');
    await expectNoSidewaysScroll(page, 'the service finder');

    await page.getByTestId('finder-q').fill('familjeradgivnig');
    await page.getByTestId('finder-municipality').selectOption('272');
    await page.getByTestId('finder-search').click();
    const card = page.locator('[data-service-id="cat-family-counselling-kokkola"]');
    await card.waitFor();
    await expect.poll(() => card.getByRole('heading').textContent()).toBe('Familjerådgivningen');
    expect(await card.getByTestId('service-open').textContent()).toBe('Öppet nu');
    expect(await card.getByTestId('service-phone').first().getAttribute('href')).toBe('tel:+35860004020');
    expect(await card.getByTestId('service-accessibility').textContent()).toContain('tillgänglig entré');
    expect(await card.getByTestId('service-reason').textContent()).toMatch(/^Varför den hittades: (namnet liknar|beskrivningen har ett nästan likadant ord)/);
    await expectAccessible(page, 'search results');
    await expectNoSidewaysScroll(page, 'search results');
  });

  it('opens the divorce path, and "contact us" opens the contact form with the matter filled in', async () => {
    await page.getByTestId('client-path-divorce').click();
    await page.getByTestId('client-path').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Familjen går igenom en skilsmässa');
    expect(await page.locator('[data-service-id="cat-child-welfare-supervisor"]').count()).toBe(1);
    await expectAccessible(page, 'a client path');
    await expectNoSidewaysScroll(page, 'a client path');

    await page.getByTestId('client-path-contact').click();
    // The form needs a login; the matter travels in the address through it.
    await page.getByTestId('login-username').fill('parent');
    await page.getByTestId('login-password').fill('demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('contact-prefilled').waitFor();
    await page.getByTestId('danger-sign-none').check();
    const description = page.getByTestId('answer-description').locator('textarea');
    await description.waitFor();
    expect(await description.inputValue()).toBe('Vår familj går igenom en skilsmässa och vi behöver stöd.');
    expect(await page.getByTestId('answer-reason').locator('input[value="child-family"]').isChecked()).toBe(true);
    await expectAccessible(page, 'the contact form filled in from a path');
  });
});
