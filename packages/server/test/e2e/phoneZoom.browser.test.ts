import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { expectAccessible, expectNoSidewaysScroll, webDir } from '../support/browserPages';
import { inFirstScreen, measureLayout, phoneAt200, settle } from '../support/phoneLayout';
import { startTestServer, type TestServer } from '../api/oviTestServer';

/**
 * A phone held at 200 % zoom (195 × 422 CSS px, see PHONE_AT_200): the resident's pages, the
 * log-in page and the nurse's queue. Nothing scrolls sideways, the header folds behind a menu
 * button, "Call 112" is in the first screen for residents, targets are at least 44 × 44 CSS px
 * and body text at least 16 CSS px.
 */
const SHOTS = process.env.OVI_PHONE_SHOTS; // a directory: screenshots for a person to look at

describe('a phone at 200 % zoom', () => {
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

  async function expectPhoneLayout(page: Page, screen: string, emergency: boolean): Promise<void> {
    await settle(page);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${screen.replace(/\W+/g, '-')}.png`, fullPage: true });
    await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
    const layout = await measureLayout(page);
    expect.soft(layout.overflow > 0 ? layout.tooWide : [], `sideways scrolling on ${screen}`).toEqual([]);
    expect.soft(layout.smallTargets, `targets under 44 px on ${screen}`).toEqual([]);
    expect.soft(layout.smallText, `body text under 16 px on ${screen}`).toEqual([]);
    if (emergency) expect(await inFirstScreen(page, '[data-testid="header-112"]'), `"Call 112" in the first screen of ${screen}`).toBe(true);
    expect(await inFirstScreen(page, 'main h1'), `the heading of ${screen} in the first screen`).toBe(true);
  }

  /** Opens the menu, follows one section's link; the menu closes again on the new screen. */
  async function openSection(page: Page, href: string): Promise<void> {
    await page.getByTestId('menu-button').click();
    await page.locator(`#site-nav a[href="${href}"]`).click();
    await expect.poll(() => page.getByTestId('menu-button').getAttribute('aria-expanded')).toBe('false');
  }

  async function logInFolded(page: Page, username: string): Promise<void> {
    await page.goto(server.url);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('menu-button').waitFor();
  }

  it('the log-in page: 112 and the form in the first screens, languages wrap', async () => {
    const { context, page } = await phoneAt200(browser, 'sv');
    await page.goto(server.url);
    await page.getByTestId('login-username').waitFor();
    await expectPhoneLayout(page, 'login', true);
    await expectAccessible(page, 'log-in page at 200 %');
    await context.close();
  });

  it("every section of the resident's menu, through the menu button", async () => {
    const { context, page } = await phoneAt200(browser);
    await logInFolded(page, 'resident');
    // Folded: the sections, languages and sign-out are hidden until the menu is opened.
    const button = page.getByTestId('menu-button');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#site-nav').isVisible()).toBe(false);
    await expectPhoneLayout(page, 'resident home', true);
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await page.locator('#site-nav').waitFor();
    await expectAccessible(page, 'resident menu open');
    const hrefs = await page.locator('#site-nav a').evaluateAll((links) => links.map((a) => (a as any).getAttribute('href') as string));
    expect(hrefs.length).toBeGreaterThan(3);
    // Escape closes the menu and gives the focus back to the button.
    await page.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await button.evaluate((el) => el === (globalThis as any).document.activeElement)).toBe(true);

    for (const href of hrefs) {
      await openSection(page, href);
      await expectPhoneLayout(page, `resident ${href}`, true);
      await expectAccessible(page, `resident ${href} at 200 %`);
    }
    await context.close();
  });

  it("the nurse's queue: no 112 button for staff, the queue itself in the first screen", async () => {
    const { context, page } = await phoneAt200(browser);
    await logInFolded(page, 'guidance');
    await page.getByTestId('queue-filters').waitFor();
    await expectPhoneLayout(page, 'queue', false);
    expect(await page.getByTestId('header-112').count()).toBe(0);
    await expectAccessible(page, 'queue at 200 %');
    await expectNoSidewaysScroll(page, 'queue');
    await context.close();
  });
});
