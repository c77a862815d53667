/**
 * Measurements of a page as a phone shows it: sideways scrolling, touch targets, text size and
 * whether something is in the first screen. The functions run inside the page; `globalThis` is
 * untyped because the server's TypeScript has no DOM types.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * A 390 × 844 phone with the browser zoomed to 200 %: Chromium lays the page out in a CSS
 * viewport of half the width and height (195 × 422 CSS px) and paints every CSS pixel with twice
 * as many device pixels. Media queries, em and px sizes see exactly what they see under real zoom
 * (CSS `zoom: 2` on <html> would not: media queries would still see 390 px).
 */
export const PHONE_AT_200 = { viewport: { width: 195, height: 422 }, deviceScaleFactor: 4, isMobile: true, hasTouch: true } as const;

export async function phoneAt200(browser: Browser, lang: 'fi' | 'sv' | 'en' = 'fi'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...PHONE_AT_200, bypassCSP: true, locale: `${lang}-FI` });
  await context.addInitScript(`localStorage.getItem('ovi.language') || localStorage.setItem('ovi.language', '${lang}')`);
  return { context, page: await context.newPage() };
}

/** Waits for the screen's heading and for every "Loading…" to be gone. */
export async function settle(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('.loading, [aria-busy="true"]').length === 0, undefined, { timeout: 15_000 });
}

export interface PhoneLayout {
  /** CSS pixels the page is wider than the viewport. */
  overflow: number;
  /** The innermost elements reaching past the right edge (what to fix when `overflow` > 0). */
  tooWide: string[];
  /** Buttons, fields and block links smaller than 44 × 44 CSS px (inline links in text are exempt, WCAG 2.5.8). */
  smallTargets: string[];
  /** Text of body copy (paragraphs, list items, labels, cells) under 16 CSS px. */
  smallText: string[];
}

const MIN_TARGET = 44;
const MIN_TEXT = 16;

/** Runs in the page. */
function measure([minTarget, minText]: [number, number]): PhoneLayout {
  const { document, getComputedStyle } = globalThis as any;
  // Shown, and not inside a 1-pixel clipped box (visually hidden for screen readers, like a stacked table's head).
  const visible = (el: any) => {
    if (el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') return false;
    for (let up = el.parentElement; up; up = up.parentElement) {
      const box = up.getBoundingClientRect();
      if ((box.width <= 1 || box.height <= 1) && getComputedStyle(up).overflow !== 'visible') return false;
    }
    return true;
  };
  const name = (el: any) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} "${(el.textContent || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 30)}"`;
  const smallTargets: string[] = [];
  for (const el of document.querySelectorAll('button, select, textarea, input, a[href]')) {
    if (!visible(el) || el.closest('.skip-link, .visually-hidden')) continue;
    if (el.classList.contains('skip-link')) continue;
    let box = el.getBoundingClientRect();
    if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') continue;
    if (el.tagName === 'INPUT' && (el.type === 'checkbox' || el.type === 'radio')) {
      // The label is the target: the whole row is clickable.
      const label = el.labels?.[0];
      if (!label) continue;
      const row = label.getBoundingClientRect();
      box = { width: Math.max(row.right, box.right) - Math.min(row.left, box.left), height: Math.max(row.bottom, box.bottom) - Math.min(row.top, box.top) };
    }
    if (el.tagName === 'INPUT' && el.type === 'hidden') continue;
    if (box.width < minTarget - 0.5 || box.height < minTarget - 0.5) smallTargets.push(`${name(el)} ${Math.round(box.width)}×${Math.round(box.height)}`);
  }
  const smallText: string[] = [];
  for (const el of document.querySelectorAll('main p, main li, main label, main td, main th, main dd, main dt, main legend, header p, header span, footer p')) {
    if (!visible(el) || el.closest('.visually-hidden')) continue;
    const ownText = [...el.childNodes].some((n: any) => n.nodeType === 3 && n.textContent.trim().length > 0);
    if (!ownText) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < minText - 0.01) smallText.push(`${name(el)} ${size}px`);
  }
  const root = document.documentElement;
  // Inside a box that clips or scrolls (a visually hidden table head, a scrolling table) it does not widen the page.
  const clipped = (el: any) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    }
    return false;
  };
  const tooWide = [...document.body.querySelectorAll('*')]
    .filter((el: any) => visible(el) && el.getBoundingClientRect().right > root.clientWidth + 0.5 && !clipped(el))
    .filter((el: any, _i: number, all: any[]) => !all.some((other) => other !== el && el.contains(other)))
    .slice(0, 8)
    .map((el: any) => `${name(el)} ${Math.round(el.getBoundingClientRect().right)}px`);
  return { overflow: root.scrollWidth - root.clientWidth, tooWide, smallTargets, smallText };
}

export async function measureLayout(page: Page): Promise<PhoneLayout> {
  return page.evaluate(measure, [MIN_TARGET, MIN_TEXT] as [number, number]);
}

/** Whether the element is wholly inside the viewport as the page now stands (not scrolled). */
export async function inFirstScreen(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const { document, innerHeight, innerWidth } = globalThis as any;
    const el = document.querySelector(sel);
    if (!el || el.getClientRects().length === 0) return false;
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
  }, selector);
}
