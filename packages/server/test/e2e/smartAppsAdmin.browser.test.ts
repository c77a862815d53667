/**
 * The administrator registers, changes and removes a SMART app in a real browser on a phone:
 * a redirect address that is not https is refused under its field naming the line, and
 * nothing is saved; the saved app is what the API and the CORS check then know; removing asks
 * first and ends the app. axe on the page, the refusal and the list; no sideways scrolling at
 * 320 px with long addresses in the table.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { expectAccessible, expectNoSidewaysScroll, logIn, webDir, consoleLine } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';

describe('the administrator registers SMART apps in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: string;
  const consoleErrors: string[] = [];
  const apps = async () => (await server.call('GET', '/api/admin/smart-apps', { token: admin })).body as Array<{ clientId: string; name: string; redirectUris: string[]; origins: string[] }>;

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir });
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, locale: 'fi-FI' });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(consoleLine(m)));
    admin = (await server.login('admin')).token;
    await logIn(page, server.url, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('registers an app, refusing a plain-http return address under its field first', async () => {
    const before = await apps();
    await page.goto(`${server.url}/admin/smart-apps`);
    await page.getByTestId('smart-app-new').click();
    await page.getByTestId('smart-app-client-id').fill('home-diary');
    await page.getByTestId('smart-app-name').fill('Kotipäiväkirja');
    await page.getByTestId('smart-app-redirect-uris').fill('https://diary.example/callback\nhttp://diary.example/other');
    await page.getByTestId('smart-app-origins').fill('https://diary.example');
    await page.getByTestId('smart-app-save').click();
    const error = page.locator('#smart-app-redirectUris-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/Rivi 2 \(http:\/\/diary\.example\/other\) ei kelpaa/);
    expect(await page.getByTestId('smart-app-redirect-uris').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the refused registration');
    expect(await apps()).toEqual(before);

    await page.getByTestId('smart-app-redirect-uris').fill('https://diary.example/callback\nhttps://diary.example/a/very/long/path/that/must/wrap/on/a/narrow/phone/callback');
    await page.getByTestId('smart-app-save').click();
    await page.getByTestId('smart-app-status').waitFor();
    expect(await page.getByTestId('smart-app-status').textContent()).toMatch(/Kotipäiväkirja tallennettiin/);
    const row = page.getByTestId('smart-app-home-diary');
    expect(await row.textContent()).toMatch(/https:\/\/diary\.example\/callback/);
    expect(await apps()).toContainEqual(expect.objectContaining({ clientId: 'home-diary', name: 'Kotipäiväkirja', origins: ['https://diary.example'] }));
    // The registered origin may now call the FHIR API from a browser; another may not.
    const allowed = await fetch(`${server.url}/fhir/R4/metadata`, { headers: { origin: 'https://diary.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://diary.example');
    const other = await fetch(`${server.url}/fhir/R4/metadata`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    await expectAccessible(page, 'the registered apps');
    await expectNoSidewaysScroll(page, 'the registered apps');
  });

  it('changes the name but never the identifier, then removes the app after asking', async () => {
    const row = page.getByTestId('smart-app-home-diary');
    await row.getByTestId('smart-app-edit').click();
    expect(await page.getByTestId('smart-app-client-id').getAttribute('readonly')).not.toBeNull();
    await page.getByTestId('smart-app-name').fill('Kotipäiväkirja 2');
    await page.getByTestId('smart-app-save').click();
    await expect.poll(async () => (await apps()).find((a) => a.clientId === 'home-diary')?.name).toBe('Kotipäiväkirja 2');

    await row.getByTestId('smart-app-remove').click();
    expect(await row.textContent()).toMatch(/Poistetaanko Kotipäiväkirja 2\?/);
    await expectAccessible(page, 'the removal question');
    await row.getByTestId('smart-app-remove-confirm').click();
    await page.getByTestId('smart-apps-none').waitFor();
    expect(await apps()).toEqual([]);
    const gone = await fetch(`${server.url}/fhir/R4/metadata`, { headers: { origin: 'https://diary.example' } });
    expect(gone.headers.get('access-control-allow-origin')).toBeNull();
    expect(consoleErrors).toEqual([]);
  });
});
