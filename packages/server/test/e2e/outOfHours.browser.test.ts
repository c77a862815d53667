import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { choose, expectAccessible, logIn, logOut, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';

/** A Sunday evening in Helsinki: the guidance queue is closed until Monday morning. */
const SUNDAY_EVENING = new Date('2026-11-29T19:30:00+02:00');

describe('a contact on a Sunday evening, in a real browser on a phone', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir, clockStart: SUNDAY_EVENING });
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, locale: 'fi-FI' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a danger sign shows 112 and the crisis line at once; a closed service says so and where to turn', async () => {
    await logIn(page, server.url, 'resident');
    await page.getByTestId('nav-send-contact').click();
    await page.getByTestId('answer-danger-signs').waitFor();
    // The danger signs come first: no other question is on the screen yet.
    expect(await page.getByTestId('answer-reason').count()).toBe(0);

    // 1. A danger sign: the advice appears at once, before any other question and before sending.
    await page.getByTestId('danger-sign-suicide-plan').check();
    const advice = page.getByTestId('danger-advice');
    await advice.waitFor();
    await expect.poll(() => advice.locator('a[href="tel:112"]').count()).toBeGreaterThan(0);
    await expect.poll(() => advice.locator('[data-kind="crisis-line"]').count()).toBeGreaterThan(0);
    expect(await advice.locator('[data-kind="crisis-line"] a[href^="tel:"]').count()).toBeGreaterThan(0);
    // It is the first thing after the danger-sign question, and every other question comes after it.
    const order = (await page.evaluate(`(() => {
      const screen = document.querySelector('[data-testid="answer-danger-signs"]');
      const advice = document.querySelector('[data-testid="danger-advice"]');
      const next = screen && screen.nextElementSibling;
      const reason = document.querySelector('[data-testid="answer-reason"]');
      return {
        adviceFirst: !!next && !!advice && (next === advice || next.contains(advice)),
        reasonAfter: !reason || !!(advice.compareDocumentPosition(reason) & Node.DOCUMENT_POSITION_FOLLOWING),
      };
    })()`)) as { adviceFirst: boolean; reasonAfter: boolean };
    expect(order).toEqual({ adviceFirst: true, reasonAfter: true });
    await expectAccessible(page, 'danger-sign advice');

    // 2. Not after all: "none of these", then a chest-pain contact that is not severe.
    await page.getByTestId('danger-sign-suicide-plan').uncheck();
    await page.getByTestId('danger-sign-none').check();
    await expect.poll(() => page.getByTestId('danger-advice').count()).toBe(0);
    await choose(page, 'reason', 'chest');
    await choose(page, 'chest-severe', 'no');
    await choose(page, 'duration', 'days');
    await page.getByTestId('answer-severity').locator('input').fill('3');
    await page.getByTestId('answer-description').locator('textarea').fill('Oire tulee portaissa ja menee levossa ohi.');
    await choose(page, 'contact-preference', 'phone');
    await page.getByTestId('contact-submit').click();

    // 3. The confirmation says plainly that we are closed and where to turn; it promises no time today.
    const confirmation = page.getByTestId('contact-confirmation');
    await confirmation.waitFor();
    await confirmation.getByTestId('out-of-hours-notice').waitFor();
    expect(await confirmation.getByTestId('confirmation-deadline').count()).toBe(0);
    const text = (await confirmation.textContent()) ?? '';
    expect(text).toMatch(/116\s?117/);
    expect(text).not.toMatch(/mennessä|tänään/);
    expect(await confirmation.locator('a[href="tel:116117"]').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'out-of-hours confirmation');
    await logOut(page);
  });

  it('a parent sends a contact about their child', async () => {
    await logIn(page, server.url, 'parent');
    await page.getByTestId('nav-send-contact').click();
    await page.getByTestId('subject-choice').waitFor();
    await expectAccessible(page, 'whom is this about');
    const child = page.getByTestId('subject-child').first();
    const childRef = (await child.getAttribute('data-ref')) ?? '';
    expect(childRef).toMatch(/^Patient\//);
    await child.check();
    await page.getByTestId('danger-sign-none').check();
    await choose(page, 'reason', 'other');
    await choose(page, 'duration', 'weeks');
    await page.getByTestId('answer-description').locator('textarea').fill('Lapsen iho on kuiva ja kutisee iltaisin.');
    await choose(page, 'contact-preference', 'message');
    await page.getByTestId('contact-submit').click();

    const confirmation = page.getByTestId('contact-confirmation');
    await confirmation.waitFor();
    await confirmation.getByTestId('contact-about').waitFor();
    await expectAccessible(page, 'confirmation about a child');

    // The contact is the child's, on record for the guardian to follow.
    const parent = await server.login('parent');
    const tasks = await server.call('GET', `/fhir/R4/Task?patient=${encodeURIComponent(childRef)}`, { token: parent.token });
    expect(tasks.status).toBe(200);
    expect(tasks.body.entry?.length ?? 0).toBeGreaterThan(0);
  });
});
