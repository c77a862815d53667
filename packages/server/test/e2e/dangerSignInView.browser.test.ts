import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { expectAccessible, logIn, webDir } from '../support/browserPages';
import { inFirstScreen, PHONE_AT_200 } from '../support/phoneLayout';
import { startTestServer, type TestServer } from '../api/oviTestServer';

/**
 * On a phone the list of danger signs fills the screen; the advice that appears when one is
 * ticked must come into view by itself, and the keyboard focus must stay on the ticked box.
 */
describe('the danger-sign advice comes into view on a phone', () => {
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

  for (const [label, device] of [
    ['390 × 700', { viewport: { width: 390, height: 700 } }],
    ['390 × 844 at 200 % zoom', PHONE_AT_200],
  ] as const) {
    it(`ticking the last danger sign at ${label} shows "Call 112" in the viewport`, async () => {
      const context = await browser.newContext({ ...device, bypassCSP: true, locale: 'fi-FI' });
      const page = await context.newPage();
      await logIn(page, server.url, 'resident');
      await page.getByTestId('answer-danger-signs').waitFor();
      // The sign furthest down the list, ticked from the keyboard as a screen-reader user would.
      const sign = page.getByTestId('danger-sign-danger-to-others');
      await sign.scrollIntoViewIfNeeded();
      await sign.focus();
      await page.keyboard.press('Space');
      await page.getByTestId('danger-advice').waitFor();
      expect(await page.getByTestId('danger-advice-112').count()).toBe(1);
      await expect.poll(() => inFirstScreen(page, '[data-testid="danger-advice-112"]'), { timeout: 5_000 }).toBe(true);
      // The focus stays where the resident was; the advice is announced from the live region.
      expect(await sign.evaluate((el) => el === (globalThis as any).document.activeElement)).toBe(true);
      expect(await page.locator('[aria-live="assertive"]').filter({ has: page.getByTestId('danger-advice') }).count()).toBe(1);
      await expectAccessible(page, `danger-sign advice at ${label}`);
      await context.close();
    });
  }
});
