import type { Browser, BrowserContext, CDPSession } from 'playwright-core';

/**
 * A slow phone in Chromium, through the DevTools protocol: its network held to 1.6 Mbit/s down,
 * 750 kbit/s up and 150 ms round trips (DevTools' "Fast 3G"), and its CPU slowed four times.
 * Each phone starts with an empty cache. Used by the first-load browser test (what is fetched)
 * and by the benchmark (how long until the log-in page can be used).
 */
export const SLOW_PHONE = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 };
export const CPU_SLOWDOWN = 4;

export interface Fetched {
  url: string;
  status: number;
  encoding: string;
  cacheControl: string;
  fromCache: boolean;
  bytes: number;
}

export function pathOf(f: { url: string }): string {
  return new URL(f.url).pathname;
}

/** Everything a page fetches, as the browser's network layer saw it (bytes on the wire). */
function recordNetwork(cdp: CDPSession): () => Fetched[] {
  const responses = new Map<string, Omit<Fetched, 'bytes'>>();
  const done: Fetched[] = [];
  cdp.on('Network.responseReceived', (event) => {
    const headers = Object.fromEntries(Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    responses.set(event.requestId, {
      url: event.response.url,
      status: event.response.status,
      encoding: headers['content-encoding'] ?? 'none',
      cacheControl: headers['cache-control'] ?? '',
      fromCache: Boolean(event.response.fromDiskCache || event.response.fromPrefetchCache || event.response.fromServiceWorker),
    });
  });
  cdp.on('Network.requestServedFromCache', (event) => {
    const r = responses.get(event.requestId);
    if (r) r.fromCache = true;
  });
  cdp.on('Network.loadingFinished', (event) => {
    const r = responses.get(event.requestId);
    if (r) done.push({ ...r, bytes: event.encodedDataLength });
  });
  return () => [...done];
}

/**
 * Runs in the page: the time since the navigation started once the log-in form is there and can
 * be used, else false. A function, not a string, so the page's Content-Security-Policy (no eval)
 * stays in force; `globalThis` is untyped because the server's TypeScript has no DOM types.
 */
function loginUsable(): number | false {
  const { document, performance } = globalThis as any;
  const fields = ['login-username', 'login-password', 'login-submit'].map((id) => document.querySelector(`[data-testid="${id}"]`));
  const usable = fields.every((el: any) => el && !el.disabled && el.getClientRects().length > 0);
  return usable ? (performance.now() as number) : false;
}

export interface SlowPhone {
  context: BrowserContext;
  /** What the phone fetched so far. */
  fetched: () => Fetched[];
  /** Opens `url` and resolves with the milliseconds from the navigation's start until the log-in form is usable. */
  load: () => Promise<number>;
}

/** A new phone (its own context and empty cache) that will open `url`. */
export async function slowPhone(browser: Browser, url: string): Promise<SlowPhone> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'fi-FI' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_PHONE);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const fetched = recordNetwork(cdp);
  return {
    context,
    fetched,
    load: async () => {
      await page.goto(url, { waitUntil: 'commit' });
      const handle = await page.waitForFunction(loginUsable, undefined, { timeout: 30_000, polling: 'raf' });
      return Math.round((await handle.jsonValue()) as number);
    },
  };
}
