/**
 * What every browser test does the same way: where the built web app is, the accessibility
 * check, reflow at 320 px, logging in and out, and API tokens of their own.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConsoleMessage, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestServer } from '../api/oviTestServer';

/** The web app as `npm run build` leaves it. */
export const webDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web', 'dist');

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page; WCAG 2.1 A/AA violations fail the test with their ids. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // Colours are checked as they settle: a button under the pointer mid-way through its 0.15 s
  // hover transition is neither colour, and axe would judge the blend.
  await page.evaluate('Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)))');
  await page.evaluate(axeSource);
  // Runs inside the page; a string, so the server's TypeScript (no DOM library) does not check browser code.
  const violations = (await page.evaluate(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((result) => result.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))
  `)) as string[];
  expect(violations, `accessibility of ${screen}`).toEqual([]);
}

/** At 320 CSS pixels wide (WCAG 1.4.10 reflow) nothing needs sideways scrolling; then back to the phone. */
export async function expectNoSidewaysScroll(page: Page, screen: string): Promise<void> {
  const phone = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
  if (phone) await page.setViewportSize(phone);
  expect(overflow, `sideways scrolling at 320 px on ${screen}`).toBeLessThanOrEqual(0);
}

/** A console error as a test keeps it: with the address it came from, which "Failed to load resource: 401" alone does not say. */
export function consoleLine(message: ConsoleMessage): string {
  const url = message.location().url;
  return url ? `${message.text()} (${url})` : message.text();
}

export async function logIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  // A page still signed in (an earlier test failed before signing out) signs out first.
  await page.getByTestId('login-username').or(page.getByTestId('logout')).first().waitFor({ state: 'attached' });
  if ((await page.getByTestId('logout').count()) > 0) await logOut(page);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo');
  await page.getByTestId('login-submit').click();
  // Attached, not visible: on a narrow screen sign-out waits behind the menu button.
  await page.getByTestId('logout').waitFor({ state: 'attached' });
}

export async function logOut(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-username').waitFor();
}

/**
 * A token of its own for the test's API calls. Not `server.login`, which keeps one token per
 * user: logging out in the browser revokes every token the account held until then.
 */
export async function apiLogin(server: TestServer, username: string): Promise<{ token: string; fhirUser: string }> {
  const r = await server.call('POST', '/auth/login', { body: { username, password: 'demo' }, headers: { 'content-type': 'application/json' } });
  expect(r.status, `log-in of ${username}`).toBe(200);
  return { token: r.body.access_token as string, fhirUser: r.body.fhirUser as string };
}

/** Picks an answer by its code (radio value), so the test does not depend on the options' order or wording. */
export async function choose(page: Page, linkId: string, value: string): Promise<void> {
  await page.getByTestId(`answer-${linkId}`).locator(`input[value="${value}"]`).check();
}
