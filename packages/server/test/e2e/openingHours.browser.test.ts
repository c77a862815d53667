/**
 * The administrator changes opening hours in a real browser on a phone: a Saturday typed as
 * "25-26" is refused under its field and nothing is saved; the hours and a closed Christmas
 * Eve are saved as a new version; a save over someone else's newer version is refused and says
 * so; a chat opened on Sundays is open on a Sunday at once for residents; a chat limit outside
 * its range is refused under its field. axe on the page and on the refusals; 320 px reflow.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { expectAccessible, expectNoSidewaysScroll, logIn, webDir, consoleLine } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';

/** A Sunday that is no public holiday, at noon in Helsinki. */
const SUNDAY_NOON = new Date('2026-12-13T12:00:00+02:00');

describe('the administrator changes opening hours in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: string;
  const consoleErrors: string[] = [];
  const serviceHours = async () => (await server.call('GET', '/api/admin/service-hours', { token: admin })).body;
  const chatSettings = async () => (await server.call('GET', '/api/admin/chat-settings', { token: admin })).body;

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir, clockStart: SUNDAY_NOON });
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, locale: 'fi-FI' });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && consoleErrors.push(consoleLine(m)));
    admin = (await server.login('admin')).token;
    await logIn(page, server.url, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('refuses an impossible time under its field, then saves the hours and a closed day', async () => {
    const before = await serviceHours();
    await page.goto(`${server.url}/admin/safety-screen`);
    await page.getByTestId('edit-opening-hours').click();
    const saturday = page.getByTestId('hours-queue-guidance-sat');
    await saturday.waitFor();
    await expectAccessible(page, 'opening hours');
    await expectNoSidewaysScroll(page, 'opening hours');

    await saturday.fill('25-26');
    await page.getByTestId('hours-save-queue').click();
    const error = page.locator('#queue-guidance-sat-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/”25-26”: kellonaika ei ole olemassa/);
    expect(await saturday.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the refused hours');
    expect((await serviceHours()).version).toBe(before.version);

    await saturday.fill('9-13');
    await page.getByTestId('hours-queue-guidance-closed-dates').fill('24.12.2026');
    await page.getByTestId('hours-save-queue').click();
    await page.getByTestId('hours-saved-queue').waitFor();
    const after = await serviceHours();
    expect(after.version).toBe(before.version + 1);
    const guidance = after.queues.find((q: { id: string }) => q.id === 'guidance');
    expect(guidance.weekly.sat).toEqual([{ from: '09:00', to: '13:00' }]);
    expect(guidance.closedDates).toEqual(['2026-12-24']);
    // What the form does not edit is kept: the other queues, labels and services.
    expect(after.queues.map((q: { id: string }) => q.id)).toEqual(before.queues.map((q: { id: string }) => q.id));
    expect(after.queues.map((q: { label: unknown }) => q.label)).toEqual(before.queues.map((q: { label: unknown }) => q.label));
    expect(await saturday.inputValue()).toBe('09:00–13:00');
  });

  it('says so when someone else saved meanwhile, and saves nothing over it', async () => {
    const current = await serviceHours();
    const changed = await server.call('PUT', '/api/admin/service-hours', { token: admin, body: current, headers: { 'if-match': `W/"${current.version}"` } });
    expect(changed.status).toBe(200);
    await page.getByTestId('hours-queue-guidance-sat').fill('9-14');
    await page.getByTestId('hours-save-queue').click();
    await page.getByText('Joku muu tallensi aukioloajat sillä välin').waitFor();
    expect((await serviceHours()).queues.find((q: { id: string }) => q.id === 'guidance').weekly.sat).toEqual([{ from: '09:00', to: '13:00' }]);
  });

  it('opens a chat on Sundays for residents at once, and refuses a limit out of range', async () => {
    const closedNow = (await server.call('GET', '/api/chat/services')).body.services.find((s: { id: string }) => s.id === 'health-guidance');
    expect(closedNow.open).toBe(false);
    await page.getByTestId('hours-chat-health-guidance-sun').fill('10-14');
    await page.getByTestId('chat-maxTextLength').fill('50');
    await page.getByTestId('hours-save-chat').click();
    await page.locator('#chat-maxTextLength-error').waitFor();
    await expectAccessible(page, 'the refused chat limit');
    expect((await chatSettings()).services.find((s: { id: string }) => s.id === 'health-guidance').weekly.sun).toBeUndefined();

    await page.getByTestId('chat-maxTextLength').fill('1500');
    await page.getByTestId('hours-save-chat').click();
    await page.getByTestId('hours-saved-chat').waitFor();
    const saved = await chatSettings();
    expect(saved.maxTextLength).toBe(1500);
    expect(saved.services.find((s: { id: string }) => s.id === 'health-guidance').weekly.sun).toEqual([{ from: '10:00', to: '14:00' }]);
    const openNow = (await server.call('GET', '/api/chat/services')).body.services.find((s: { id: string }) => s.id === 'health-guidance');
    expect(openNow.open).toBe(true);
    expect(consoleErrors).toEqual([]);
  });
});
