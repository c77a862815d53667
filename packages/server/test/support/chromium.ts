import { chromium, type Browser } from 'playwright-core';
import { watchBrowser } from './browserWatch';

/** Debian's Chromium (package `chromium`), installed by .ci/run when missing. */
export const CHROMIUM_PATH = process.env.OVI_CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches headless Chromium for browser tests; close it with `browser.close()`. */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // A failed test then says what its pages showed (browserWatch.ts).
  watchBrowser(browser);
  return browser;
}
