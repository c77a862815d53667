/**
 * The administrator edits the small settings in a real browser: the wait list's offer hours are
 * checked, saved as a new version and found in the history; a low-glucose danger limit that
 * would let a dangerous value pass is refused by the server and shown under its field, nothing
 * saved. axe on the page and on the refusal; no sideways scrolling at 320 px.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { expectAccessible, expectNoSidewaysScroll, logIn, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';

const fi = JSON.parse(readFileSync(join(webDir, '..', 'src', 'i18n', 'fi.json'), 'utf8'));

describe('the administrator edits the small settings in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir });
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1024, height: 900 }, locale: 'fi-FI' });
    page = await context.newPage();
    admin = (await server.login('admin')).token;
    await logIn(page, server.url, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('changes the offer hours of the wait list and finds the new version in the history', async () => {
    const before = (await server.call('GET', '/api/admin/wait-list', { token: admin })).body;
    await page.getByTestId('nav-admin-settings').click();
    await page.getByTestId('wait-list-form').waitFor();
    await page.getByTestId('self-monitoring-form').waitFor();
    await expectAccessible(page, 'admin settings');
    await expectNoSidewaysScroll(page, 'admin settings');

    const hours = page.getByTestId('wait-list-offerHours');
    expect(await hours.inputValue()).toBe(String(before.offerHours));
    await hours.fill('6');
    await page.getByTestId('wait-list-check').click();
    await page.getByTestId('wait-list-review').waitFor();
    await expect.poll(() => page.getByTestId('wait-list-review').textContent()).toContain(`${before.offerHours} → 6`);
    await expectAccessible(page, 'wait-list review');
    await page.getByTestId('wait-list-review-confirm').click();
    await page.getByTestId('wait-list-saved').waitFor();
    const after = (await server.call('GET', '/api/admin/wait-list', { token: admin })).body;
    expect(after).toMatchObject({ offerHours: 6, version: before.version + 1 });
    await expect.poll(() => page.getByTestId('wait-list-version').textContent()).toContain(String(after.version));

    await page.getByTestId('wait-list-version-history-link').click();
    const rows = page.getByTestId('wait-list-history-row');
    await rows.first().waitFor();
    expect(await rows.first().getAttribute('data-version')).toBe(String(after.version));
    await rows.first().getByTestId('wait-list-history-show').click();
    await page.getByTestId('wait-list-history-value').waitFor();
    await expect.poll(() => page.getByTestId('wait-list-history-value').textContent()).toContain(fi.adminSettings.waitList.offerHours);
    expect(await page.getByTestId('wait-list-history-value').textContent()).toContain('6');
    await expectAccessible(page, 'wait-list history');
  });

  it('shows the server’s refusal of a low-glucose danger limit under its field, and saves nothing', async () => {
    const before = (await server.call('GET', '/api/admin/self-monitoring', { token: admin })).body;
    const glucose = before.danger.findIndex((r: any) => r.quantity === 'glucose' && r.below !== undefined);
    const field = page.getByTestId(`self-monitoring-danger-${glucose}-below`);
    await field.fill('2,4');
    await page.getByTestId('self-monitoring-check').click();
    await page.getByTestId('self-monitoring-review-problems').waitFor();
    const error = page.locator(`#self-monitoring-danger-${glucose}-below-error`);
    await error.waitFor();
    expect(await error.textContent()).toContain(fi.adminSettings.selfMonitoring.boundMin.replace('{{limit}}', '3').replace('{{unit}}', 'mmol/L'));
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toContain(`self-monitoring-danger-${glucose}-below-error`);
    expect(await page.getByTestId('self-monitoring-review-confirm').count()).toBe(0);
    await expectAccessible(page, 'refused danger limit');
    await expectNoSidewaysScroll(page, 'refused danger limit');
    expect((await server.call('GET', '/api/admin/self-monitoring', { token: admin })).body).toEqual(before);
  });
});
