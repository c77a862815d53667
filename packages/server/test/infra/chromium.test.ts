import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';

describe('headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders a page and reads its heading', async () => {
    const page = await browser.newPage();
    const html = '<!doctype html><html lang="fi"><title>Ovi</title><h1>Hei, Ovi!</h1></html>';
    await page.goto(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    expect(await page.locator('h1').textContent()).toBe('Hei, Ovi!');
    expect(await page.title()).toBe('Ovi');
    await page.close();
  });
});
