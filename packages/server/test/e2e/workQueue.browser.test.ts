import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { apiLogin, expectAccessible, expectNoSidewaysScroll, logIn, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';
import { buildContactResponse } from '../../src/guidance/contactResponse';

const BACK_PAIN = { reason: 'back-pain', 'back-red-flags': false, duration: 'weeks', severity: 5, description: 'Selkä on kipeä.', 'contact-preference': 'phone' };

/** The work queue as the guidance nurse uses it every day: a laptop screen, pages, filters, claims. */
describe('the work queue in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir });
    // More than a page of contacts (50 a page), with the demo's own.
    const resident = await apiLogin(server, 'resident');
    for (let i = 0; i < 55; i++) {
      const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: buildContactResponse(resident.fhirUser, BACK_PAIN) });
      expect(sent.status).toBe(201);
    }
    browser = await launchChromium();
    // A laptop screen 768 px high, less the browser's own bars.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1366, height: 660 }, locale: 'fi-FI' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows at least eight contacts at once on a 768 px high screen, pages on, filters, and claims', async () => {
    await logIn(page, server.url, 'guidance');
    const rows = page.getByTestId('queue-item');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(50);
    const visible = (await page.evaluate(`
      [...document.querySelectorAll('[data-testid="queue-item"]')].filter((row) => row.getBoundingClientRect().bottom <= window.innerHeight).length
    `)) as number;
    if (process.env.QUEUE_SCREENSHOT) await page.screenshot({ path: process.env.QUEUE_SCREENSHOT });
    expect(visible, 'rows fully visible without scrolling').toBeGreaterThanOrEqual(8);
    const count = await page.getByTestId('queue-count').textContent();
    const total = (await server.call('GET', '/api/guidance/queue?pageSize=1', { token: (await apiLogin(server, 'guidance')).token })).body.total as number;
    expect(count?.replace(/\s/g, '')).toContain(String(total));
    await expectAccessible(page, 'work queue');

    // The next page, and back.
    const firstOnPage1 = await rows.first().getAttribute('data-task-id');
    await page.getByTestId('queue-next').click();
    await expect.poll(() => page.getByTestId('queue-page').textContent()).toContain('2');
    await expect.poll(() => rows.first().getAttribute('data-task-id')).not.toBe(firstOnPage1);
    await page.getByTestId('queue-previous').click();
    await expect.poll(() => rows.first().getAttribute('data-task-id')).toBe(firstOnPage1);

    // A filter narrows the list and the count.
    await page.getByTestId('queue-filter-channel').selectOption('phone');
    await expect.poll(async () => (await page.getByTestId('queue-count').textContent())?.replace(/\s/g, '')).not.toContain(String(total));
    for (const came of await page.getByTestId('queue-item').locator('td[data-label="Saapui"]').allTextContents()) expect(came).toMatch(/^Puhelin, /);
    await page.getByTestId('queue-filters-clear').click();
    await expect.poll(async () => (await page.getByTestId('queue-count').textContent())?.replace(/\s/g, '')).toContain(String(total));

    // Taking a contact: the row says so, a colleague's view says who has it.
    const row = rows.first();
    const taskId = (await row.getAttribute('data-task-id')) ?? '';
    await row.getByTestId('queue-take').click();
    await expect.poll(() => page.locator(`[data-task-id="${taskId}"] [data-testid="queue-claimed-by"]`).textContent()).toBe('Sinulla');
    await page.locator(`[data-task-id="${taskId}"]`).getByTestId('queue-release').waitFor();
    if (process.env.QUEUE_SCREENSHOT) await page.screenshot({ path: process.env.QUEUE_SCREENSHOT.replace('.png', '-claimed.png') });
    await expectAccessible(page, 'work queue with a claim');
    const colleague = await server.call('GET', '/api/guidance/queue?claimed=me', { token: (await apiLogin(server, 'guidance')).token });
    expect(colleague.body.items.map((i: any) => i.taskId)).toEqual([taskId]);
    await page.locator(`[data-task-id="${taskId}"]`).getByTestId('queue-release').click();
    await page.locator(`[data-task-id="${taskId}"]`).getByTestId('queue-take').waitFor();
    await expectNoSidewaysScroll(page, 'work queue');
  });
});
