/**
 * What a browser test saw when it failed, and a clean start for the next test of the file.
 *
 * A locator that times out says only what it waited for. The page's address, its visible text
 * and the requests that failed or never answered say why (a refusal, an error message, a request
 * stuck behind the database). Each page Chromium opens for a test is watched from its first
 * request (`launchChromium` registers every browser here); a failed test prints the watch of
 * every open page (`browserWatchSetup.ts`, a vitest setup file, so no test file has to ask).
 *
 * The pages are left as they are: a file that signs in once for all its tests goes on signed
 * in (and a retry of the failed test too); `logIn` signs out first when a page is still signed
 * in, so a file that signs in per test does not fail again on a missing log-in form.
 */
import type { Browser, Page, Request } from 'playwright-core';

interface PageWatch {
  failures: string[];
  pending: Map<Request, number>;
}

const browsers = new Set<Browser>();
const watches = new WeakMap<Page, PageWatch>();
const KEEP = 15;

function watch(page: Page): void {
  if (watches.has(page)) return;
  const w: PageWatch = { failures: [], pending: new Map() };
  watches.set(page, w);
  const remember = (line: string) => {
    w.failures.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (w.failures.length > KEEP) w.failures.shift();
  };
  page.on('request', (r) => w.pending.set(r, Date.now()));
  page.on('requestfinished', (r) => {
    w.pending.delete(r);
    void r
      .response()
      .then((res) => {
        if (res && res.status() >= 400) remember(`${res.status()} ${r.method()} ${r.url()}`);
      })
      .catch(() => undefined);
  });
  page.on('requestfailed', (r) => {
    w.pending.delete(r);
    remember(`failed ${r.method()} ${r.url()}: ${r.failure()?.errorText ?? ''}`);
  });
  page.on('console', (m) => m.type() === 'error' && remember(`console: ${m.text()}`));
  page.on('pageerror', (e) => remember(`page error: ${e.message}`));
}

/** Called by launchChromium: every context and page of this browser is watched. */
export function watchBrowser(browser: Browser): void {
  browsers.add(browser);
  browser.on('disconnected', () => browsers.delete(browser));
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    context.on('page', watch);
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...args) => {
    const page = await newPage(...args);
    watch(page);
    return page;
  };
}

function openPages(): Page[] {
  return [...browsers].flatMap((b) => b.contexts().flatMap((c) => c.pages())).filter((p) => !p.isClosed());
}

async function describePage(page: Page): Promise<string> {
  const w = watches.get(page);
  const text = await page
    .evaluate('(document.querySelector("main") ?? document.body)?.innerText ?? ""')
    .then((t) => String(t).replace(/\s+/g, ' ').trim().slice(0, 1500))
    .catch((e: unknown) => `(could not read the page: ${(e as Error).message})`);
  const now = Date.now();
  const pending = [...(w?.pending ?? new Map<Request, number>()).entries()].map(([r, at]) => `${r.method()} ${r.url()} (${Math.round((now - at) / 1000)} s)`);
  return [
    `address: ${page.url()}`,
    `visible text: ${text || '(none)'}`,
    `requests that failed or were refused (last ${KEEP}): ${w?.failures.length ? `\n    ${w.failures.join('\n    ')}` : 'none'}`,
    `requests still waiting for an answer: ${pending.length ? `\n    ${pending.join('\n    ')}` : 'none'}`,
  ].join('\n  ');
}

/** After a failed test: what every open page shows. */
export async function reportFailure(testName: string): Promise<void> {
  const pages = openPages();
  if (pages.length === 0) return;
  const reports = await Promise.all(pages.map(describePage));
  console.error(`\nBrowser pages when "${testName}" failed:\n${reports.map((r, i) => `page ${i + 1}:\n  ${r}`).join('\n')}\n`);
}
