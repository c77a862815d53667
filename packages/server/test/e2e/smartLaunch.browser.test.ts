/**
 * A SMART app's standalone launch in Debian's Chromium. The app is a page of its own on a
 * second loopback server (another origin, registered in Ovi): it reads Ovi's SMART
 * configuration, sends the browser to authorise with PKCE (S256), the resident logs in and
 * consents on Ovi's pages (in Swedish, by the browser's language; axe and 320 px reflow), the
 * page exchanges the code with fetch and reads the resident's Observations across origins (CORS).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { expectAccessible, expectNoSidewaysScroll } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';
import { registerApp } from '../smart/smartClient';

/** The app: plain fetch and Web Crypto in the page, no library (what a small SMART app does). */
function appPage(ovi: string, appOrigin: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Home diary</title></head><body><main><h1>Home diary</h1><p id="result">starting</p></main>
<script type="module">
const ovi = ${JSON.stringify(ovi)};
const redirectUri = ${JSON.stringify(`${appOrigin}/callback`)};
const show = (text) => { document.getElementById('result').textContent = text; };
const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
try {
  const config = await (await fetch(ovi + '/fhir/R4/.well-known/smart-configuration')).json();
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) {
    const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
    const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    const state = b64url(crypto.getRandomValues(new Uint8Array(12)));
    sessionStorage.setItem('pkce', JSON.stringify({ verifier, state }));
    const query = new URLSearchParams({ response_type: 'code', client_id: 'home-diary', redirect_uri: redirectUri, scope: 'openid fhirUser launch/patient offline_access patient/Observation.rs', state, aud: ovi + '/fhir/R4', code_challenge: challenge, code_challenge_method: 'S256' });
    location.assign(config.authorization_endpoint + '?' + query);
  } else if (params.has('error')) {
    show('refused: ' + params.get('error'));
  } else {
    const { verifier, state } = JSON.parse(sessionStorage.getItem('pkce'));
    if (params.get('state') !== state) throw new Error('state mismatch');
    const tokenResponse = await fetch(config.token_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri, client_id: 'home-diary', code_verifier: verifier }) });
    const token = await tokenResponse.json();
    if (!tokenResponse.ok) throw new Error('token: ' + JSON.stringify(token));
    const bundle = await (await fetch(ovi + '/fhir/R4/Observation?patient=' + token.patient, { headers: { authorization: 'Bearer ' + token.access_token, accept: 'application/fhir+json' } })).json();
    const tasks = await fetch(ovi + '/fhir/R4/Task', { headers: { authorization: 'Bearer ' + token.access_token } });
    show('patient ' + token.patient + '; observations ' + (bundle.entry || []).length + '; refresh ' + Boolean(token.refresh_token) + '; tasks ' + tasks.status);
  }
} catch (error) {
  show('failed: ' + error.message);
}
</script></body></html>`;
}

describe('a SMART app launch in a real browser', () => {
  let server: TestServer;
  let appServer: Server;
  let appOrigin: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    appServer = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(appPage(server.url, appOrigin));
    });
    await new Promise<void>((resolve) => appServer.listen(0, '127.0.0.1', resolve));
    appOrigin = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;
    await registerApp(server, { clientId: 'home-diary', name: 'Home diary', redirectUris: [`${appOrigin}/callback`], origins: [appOrigin] });
    const resident = await server.login('resident');
    const measured = await server.call('POST', '/fhir/R4/Observation', {
      token: resident.token,
      body: {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
        effectiveDateTime: new Date(Date.now() - 3600_000).toISOString(),
        valueQuantity: { value: 72.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
      },
    });
    expect(measured.status).toBe(201);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'sv-SE' })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => appServer?.close(resolve));
    await server?.close();
  });

  it('logs the resident in on Ovi’s pages and lets the app read her Observations, not her Tasks', async () => {
    await page.goto(appOrigin);
    await page.getByRole('heading', { name: 'Logga in i Ovi' }).waitFor();
    expect(new URL(page.url()).origin).toBe(server.url);
    await expectAccessible(page, 'the SMART log-in page');
    await expectNoSidewaysScroll(page, 'the SMART log-in page');
    await page.getByLabel('Användarnamn').fill('resident');
    await page.getByLabel('Lösenord').fill('wrong');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('alert').getByText('Fel användarnamn eller lösenord.').waitFor();
    await page.getByLabel('Lösenord').fill('demo');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Ger du appen lov?' }).waitFor();
    await expect(page.getByText('Observation').first().isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'the SMART consent page');
    await expectNoSidewaysScroll(page, 'the SMART consent page');
    await page.getByRole('button', { name: 'Tillåt', exact: true }).click();
    await page.waitForURL(`${appOrigin}/callback**`);
    await page.getByText(/^(patient|failed|refused)/).waitFor();
    expect(await page.locator('#result').textContent()).toBe('patient p-aino-nieminen; observations 1; refresh true; tasks 403');
  });
});
