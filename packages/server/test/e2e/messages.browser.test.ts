/**
 * Secure messages in Debian's Chromium: the resident on a 390 px phone writes to the health
 * station's reception with a picture attached (a renamed file is refused with a clear error),
 * the guidance nurse finds the message in her queue (channel message), reads the thread with its
 * attachment and answers it, and the resident sees the unread count, reads the answer in the
 * thread and the count goes away. Every screen passes axe and reflows without sideways scrolling.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { expectAccessible, expectNoSidewaysScroll, logIn, logOut, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';
import { DEMO_IDS } from '../../src/demo/demoRegion';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const TEXT = 'Hei, ihottuma käsivarressa on levinnyt viikossa. Kuva liitteenä.';
const ANSWER = 'Kiitos kuvasta. Rasvaa ihottumaa hydrokortisonivoiteella viikon ajan.';

describe('secure messages in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let files: { photo: string; renamed: string };

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir });
    const dir = mkdtempSync(join(tmpdir(), 'ovi-messages-'));
    files = { photo: join(dir, 'ihottuma.png'), renamed: join(dir, 'kuva.png') };
    writeFileSync(files.photo, PNG);
    // A text file renamed to look like a picture: the browser calls it image/png, the server reads its content.
    writeFileSync(files.renamed, 'this is not a picture at all');
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, locale: 'fi-FI' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the resident writes to the health station with a picture; a renamed file is refused clearly', async () => {
    await logIn(page, server.url, 'resident');
    await page.getByTestId('nav-messages').click();
    await page.getByTestId('new-message-form').waitFor();
    await expectAccessible(page, 'messages');
    await expectNoSidewaysScroll(page, 'messages');

    await page.getByTestId('message-recipient').selectOption(DEMO_IDS.services.primaryCareKokkola);
    await page.getByTestId('message-text').fill(TEXT);
    await page.getByTestId('message-files').setInputFiles(files.renamed);
    await page.getByTestId('message-send').click();
    await expect.poll(async () => page.locator('.field-error').allTextContents(), { timeout: 10_000 }).toContainEqual(expect.stringContaining('kuva.png'));
    await expectAccessible(page, 'a refused attachment');
    expect(await page.getByTestId('thread').count()).toBe(0);

    await page.getByRole('button', { name: /kuva\.png/ }).click();
    await page.getByTestId('message-files').setInputFiles(files.photo);
    await page.getByTestId('message-send').click();
    await page.getByTestId('message-sent').waitFor();
    await expect.poll(async () => page.getByTestId('thread').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('thread').first().textContent()).toContain('Vastaanotto, Kokkolan terveysasema');
    await expectAccessible(page, 'message sent');
    await expectNoSidewaysScroll(page, 'message sent');
    await logOut(page);
  });

  it('the guidance nurse finds it in her queue, opens the thread and its picture, and answers', async () => {
    await logIn(page, server.url, 'guidance');
    const row = page.getByTestId('queue-item').filter({ hasText: 'Aino Nieminen' }).filter({ hasText: /Viesti/ }).first();
    await row.waitFor();
    await row.getByRole('link').first().click();
    await page.getByTestId('staff-thread').waitFor();
    await expect.poll(async () => page.getByTestId('message').allTextContents(), { timeout: 10_000 }).toContainEqual(expect.stringContaining(TEXT));
    const download = page.waitForEvent('download');
    await page.getByTestId('message-attachment').click();
    expect((await download).suggestedFilename()).toBe('ihottuma.png');
    await expectAccessible(page, 'message contact');
    await page.getByTestId('decision-outcome-self-care').check();
    await page.getByTestId('decision-note').fill(ANSWER);
    await page.getByTestId('decision-submit').click();
    await page.getByTestId('decision-done').waitFor();
    await logOut(page);
  });

  it('the resident sees the unread count, reads the answer in the thread, and the count goes', async () => {
    await logIn(page, server.url, 'resident');
    const count = page.getByTestId('unread-count');
    await expect.poll(async () => (await count.count()) > 0 ? count.textContent() : '', { timeout: 15_000 }).toMatch(/^1/);
    await expectAccessible(page, 'unread count');
    await page.getByTestId('nav-messages').click();
    await page.getByTestId('thread-unread').waitFor();
    await page.getByTestId('thread').first().getByRole('link').click();
    await expect.poll(async () => page.getByTestId('message').allTextContents(), { timeout: 10_000 }).toContainEqual(expect.stringContaining(ANSWER));
    await expectAccessible(page, 'thread');
    await expectNoSidewaysScroll(page, 'thread');
    await expect.poll(async () => count.count(), { timeout: 15_000 }).toBe(0);
    // A reply stays in the thread.
    await page.getByTestId('message-text').fill('Kiitos, kokeilen tätä.');
    await page.getByTestId('message-send').click();
    await page.getByTestId('message-sent').waitFor();
    await expect.poll(async () => page.getByTestId('message').count(), { timeout: 10_000 }).toBe(3);
  });
});
