import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { CPU_SLOWDOWN, SLOW_PHONE, pathOf, slowPhone, type Fetched } from '../support/slowPhone';
import { startTestServer, type TestServer } from '../api/oviTestServer';

/**
 * The resident's first page (the login page) on a slow phone (`support/slowPhone.ts`): what it
 * fetches on a first visit with an empty cache, and on a repeat visit.
 *
 * Budgets, set from measurements (see docs/PRODUCTION.md, "Delivery of the web app"), with margin:
 * at most FIRST_LOAD_BUDGET_BYTES over the network for everything the first page fetched
 * (compressed, with headers), and a repeat visit fetching no script or style again. How long
 * the page takes to become usable is a speed, so it is measured by `npm run bench`
 * (`bench/firstLoadBench.ts`), not asserted here: a test's timing depends on the machine and on
 * what runs beside it.
 */
const FIRST_LOAD_BUDGET_BYTES = 140_000;
const REPEAT_VISIT_BUDGET_BYTES = 8_000;

/** data-testid values found only in screens that the log-in page must not carry. */
const SCREEN_MARKERS = [
  'danger-advice-112', // resident: send a contact
  'sharing-status', // resident: sharing between the registers
  'contact-detail', // workbench: one contact
  'phone-contact-refused', // workbench: phone / walk-in contact
  'directory-form', // admin: organisation directory
  'schedule-template', // admin: working-time templates
  'outcome-chart', // manager: figures
  'table-t3', // manager: access to care (the dashboard's T3)
];

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web', 'dist');

describe('delivering the web app to a slow phone', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('compresses and caches the web app, and leaves API answers (JSON, OperationOutcome, ETag) as they were', async () => {
    const get = async (path: string, encodings: string, token?: string) => {
      const response = await fetch(`${server.url}${path}`, { headers: { 'accept-encoding': encodings, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
      // fetch decodes the body; the headers tell what came over the wire.
      return { status: response.status, headers: response.headers, text: await response.text() };
    };
    const vendor = readdirSync(join(webDir, 'assets')).find((name) => /^vendor-.*\.js$/.test(name));
    expect(vendor, 'the build has a vendor chunk').toBeDefined();

    for (const [path, encodings, expected] of [
      ['/', 'br, gzip', 'br'],
      ['/', 'gzip, deflate', 'gzip'],
      [`/assets/${vendor}`, 'gzip, deflate, br', 'br'],
      [`/assets/${vendor}`, 'identity', null],
    ] as const) {
      const r = await get(path, encodings);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('content-encoding'), `${path} for ${encodings}`).toBe(expected);
      expect(r.headers.get('vary')?.toLowerCase(), path).toContain('accept-encoding');
      expect(r.headers.get('cache-control'), path).toBe(path === '/' ? 'no-cache' : 'public, max-age=31536000, immutable');
    }
    const appPath = await get('/queue', 'br, gzip');
    expect([appPath.status, appPath.headers.get('cache-control')]).toEqual([200, 'no-cache']);
    expect(appPath.text).toContain('<div id="root">');
    // A chunk of an older build: a 404 that nobody keeps, never index.html under a script's name.
    const gone = await get('/assets/Queue-gone1234.js', 'br, gzip');
    expect([gone.status, gone.headers.get('cache-control'), JSON.parse(gone.text).resourceType]).toEqual([404, 'no-store', 'OperationOutcome']);

    // The API: not compressed, not cached, JSON and ETag intact.
    const login = await fetch(`${server.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'br, gzip' }, body: JSON.stringify({ username: 'resident', password: 'demo' }) });
    expect(login.headers.get('content-encoding')).toBeNull();
    const { access_token: token, fhirUser } = (await login.json()) as { access_token: string; fhirUser: string };
    const metadata = await get('/fhir/R4/metadata', 'br, gzip');
    expect([metadata.status, metadata.headers.get('content-encoding'), JSON.parse(metadata.text).resourceType]).toEqual([200, null, 'CapabilityStatement']);
    const patient = await get(`/fhir/R4/${fhirUser}`, 'br, gzip', token);
    expect([patient.status, patient.headers.get('content-encoding'), patient.headers.get('cache-control')]).toEqual([200, null, 'no-store']);
    expect(patient.headers.get('etag')).toBe(`W/"${JSON.parse(patient.text).meta.versionId}"`);
    const missing = await get('/fhir/R4/Patient/no-such-patient', 'br, gzip', token);
    expect([missing.headers.get('content-encoding'), JSON.parse(missing.text).resourceType]).toEqual([null, 'OperationOutcome']);
  });

  it(`the login page comes in at most ${FIRST_LOAD_BUDGET_BYTES} bytes with no other screen in it, and a repeat visit refetches no script`, async () => {
    const phone = await slowPhone(browser, server.url);
    const usableMs = await phone.load();
    const first: Fetched[] = phone.fetched();
    // The same phone comes back: hashed files come from its cache, index.html is revalidated.
    const repeatMs = await phone.load();
    // From the browser's cache: no bytes on the wire (a 304 revalidation has its headers).
    const repeat = { ms: repeatMs, overNetwork: phone.fetched().slice(first.length).filter((f) => !f.fromCache && f.bytes > 0) };
    await phone.context.close();

    const bytes = first.reduce((sum, f) => sum + f.bytes, 0);
    const repeatBytes = repeat?.overNetwork.reduce((sum, f) => sum + f.bytes, 0) ?? 0;
    console.info(
      `first visit on a slow phone (${(SLOW_PHONE.downloadThroughput * 8) / 1e6} Mbit/s, ${SLOW_PHONE.latency} ms, CPU ×${CPU_SLOWDOWN}): ` +
        `usable at ${usableMs} ms (not a budget: npm run bench); ${bytes} bytes over the network:\n` +
        first.map((f) => `  ${pathOf(f)} ${f.status} ${f.encoding} ${f.bytes} B (${f.cacheControl})`).join('\n') +
        `\nrepeat visit: usable at ${repeat?.ms} ms; ${repeatBytes} bytes over the network: ` +
        (repeat?.overNetwork ?? []).map((f) => `${pathOf(f)} ${f.status} ${f.bytes} B`).join(', '),
    );

    // No resident, workbench, admin or manager screen is part of the first page: the scripts it
    // fetched hold none of their markers (data-testid values that only those screens have).
    const scripts = first.filter((f) => pathOf(f).endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const f of scripts) {
      const source = await (await fetch(f.url)).text();
      const found = SCREEN_MARKERS.filter((marker) => source.includes(marker));
      expect(found, `screens in ${pathOf(f)}`).toEqual([]);
    }
    // Every hashed file came compressed (when larger than the compression threshold) and cacheable for good.
    for (const f of first.filter((r) => pathOf(r).startsWith('/assets/'))) {
      expect(f.cacheControl, f.url).toBe('public, max-age=31536000, immutable');
      if (f.bytes > 2_000) expect(f.encoding, f.url).toMatch(/^(br|gzip)$/);
    }
    expect(bytes).toBeLessThan(FIRST_LOAD_BUDGET_BYTES);

    expect(repeat?.overNetwork.filter((f) => pathOf(f).startsWith('/assets/')), 'a repeat visit takes hashed files from the cache').toEqual([]);
    expect(repeatBytes).toBeLessThan(REPEAT_VISIT_BUDGET_BYTES);
  });
});
