/**
 * The web app's own sign-in in Debian's Chromium, through Ovi's OpenID provider (decision
 * 035): authorisation code with PKCE (S256) as the first-party client `ovi-web`, the password
 * typed on the web app's log-in screen (in Finnish here), and the region's sign-in for staff
 * through a second OpenID provider on loopback standing in for the region's.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Practitioner } from '@medplum/fhirtypes';
import Provider from 'oidc-provider';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { createOvi, type Ovi } from '../../src/app';
import { launchChromium } from '../support/chromium';
import { expectAccessible, expectNoSidewaysScroll, logIn, logOut, webDir } from '../support/browserPages';

const TERHIKKI = 'urn:oid:1.2.246.537.26';

describe("the web app's sign-in through Ovi's provider, in a real browser", () => {
  let idpServer: Server;
  let ovi: Ovi;
  let oviUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
    idpServer = createServer((req, res) => handler?.(req, res));
    await new Promise<void>((resolve) => idpServer.listen(0, '127.0.0.1', resolve));
    const idpUrl = `http://127.0.0.1:${(idpServer.address() as AddressInfo).port}`;
    ovi = await createOvi({
      port: 0, host: '127.0.0.1', seedDemo: true, logLevel: 'silent', bodyLimit: 1 << 20, reminderIntervalMinutes: 0, webDir,
      regionSignIn: { issuer: idpUrl, clientId: 'ovi', clientSecret: 'region-secret-for-ovi-0123456789', claim: 'terhikki', identifierSystem: TERHIKKI },
    });
    await ovi.app.listen({ port: 0, host: '127.0.0.1' });
    oviUrl = `http://127.0.0.1:${(ovi.app.server.address() as AddressInfo).port}`;
    const practitioner = await ovi.services.store.read<Practitioner>('Practitioner', 'pr-mikko-rautio');
    const terhikki = practitioner.identifier?.find((i) => i.system === TERHIKKI)?.value ?? '';
    const claims: Record<string, string> = { 'mikko.rautio@region.example': terhikki };
    // The region's provider, with its own development log-in (any name, any password).
    const idp = new Provider(idpUrl, {
      clients: [{ client_id: 'ovi', client_secret: 'region-secret-for-ovi-0123456789', redirect_uris: [`${oviUrl}/oauth/region/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
      findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub, ...(claims[sub] ? { terhikki: claims[sub] } : {}) }) }),
      claims: { openid: ['sub', 'terhikki'] },
      conformIdTokenClaims: false,
      cookies: { keys: ['region-test-cookie-key'], names: { session: 'idp_session', interaction: 'idp_interaction', resume: 'idp_resume' } },
      features: { devInteractions: { enabled: true } },
      pkce: { required: () => true, methods: ['S256'] },
    });
    handler = idp.callback();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await ovi?.close();
    await new Promise((resolve) => idpServer?.close(resolve));
  });
  // A browser of its own for each test: the region's provider remembers who signed in there.
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fi-FI' });
    page = await context.newPage();
  });
  afterEach(async () => context?.close());

  const sessionToken = () => page.evaluate("sessionStorage.getItem('ovi.accessToken')") as Promise<string | null>;
  const me = async (token: string) => (await fetch(`${oviUrl}/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status;

  it('logs in with code and PKCE, refuses a wrong password in Finnish, and logs out for good', async () => {
    const sent: Array<{ url: URL; body: string }> = [];
    page.on('request', (request) => sent.push({ url: new URL(request.url()), body: request.postData() ?? '' }));

    await page.goto(oviUrl);
    await page.getByTestId('login-username').fill('guidance');
    await page.getByTestId('login-password').fill('väärä');
    await page.getByTestId('login-submit').click();
    await page.getByRole('alert').getByText('Käyttäjätunnus tai salasana on väärin.').waitFor();
    expect(await sessionToken()).toBeNull();

    await page.getByTestId('login-password').fill('demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('logout').waitFor({ state: 'attached' });

    // The authorisation requests carried the S256 challenge and never the verifier; the token request carried the verifier.
    const authorize = sent.filter((r) => r.url.pathname === '/oauth/auth');
    expect(authorize.length).toBe(2);
    for (const r of authorize) {
      expect(r.url.searchParams.get('client_id')).toBe('ovi-web');
      expect(r.url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(r.url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(r.url.searchParams.has('code_verifier')).toBe(false);
    }
    const tokenRequest = sent.find((r) => r.url.pathname === '/oauth/token');
    const form = new URLSearchParams(tokenRequest?.body ?? '');
    const verifier = form.get('code_verifier') ?? '';
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.some((r) => r.url.toString().includes(verifier))).toBe(false);
    expect(sent.some((r) => r.url.pathname === '/auth/login')).toBe(false);

    // The code again: refused.
    const replay = await fetch(`${oviUrl}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toBe('invalid_grant');

    const token = (await sessionToken()) ?? '';
    expect(await me(token)).toBe(200);
    await logOut(page);
    expect(await sessionToken()).toBeNull();
    expect(await me(token)).toBe(401);
    // The shared helper goes the same way.
    await logIn(page, oviUrl, 'resident');
  });

  it('offers staff the region sign-in, and maps the region user to the physician', async () => {
    await page.goto(oviUrl);
    const button = page.getByTestId('login-region');
    await button.waitFor();
    expect(await button.textContent()).toBe('Kirjaudu alueen tunnuksella');
    await expectAccessible(page, 'the log-in screen with the region sign-in');
    await expectNoSidewaysScroll(page, 'the log-in screen with the region sign-in');
    await button.click();
    await page.locator('input[name="login"]').waitFor();
    expect(new URL(page.url()).origin).not.toBe(oviUrl);
    await page.locator('input[name="login"]').fill('mikko.rautio@region.example');
    await page.locator('input[name="password"]').fill('x');
    await page.locator('button[type="submit"]').click();
    // The region's own consent for Ovi (its development page), then back to Ovi.
    await page.locator('button[type="submit"]').click();
    await page.getByTestId('logout').waitFor({ state: 'attached' });
    expect(new URL(page.url()).origin).toBe(oviUrl);
    expect(new URL(page.url()).pathname).not.toBe('/login/callback');
    const who = await fetch(`${oviUrl}/auth/me`, { headers: { authorization: `Bearer ${(await sessionToken()) ?? ''}` } });
    expect(((await who.json()) as { username: string }).username).toBe('physician');
  });

  it('says on the log-in screen, in Finnish, that a region user without a staff account cannot sign in', async () => {
    await page.goto(oviUrl);
    await page.getByTestId('login-region').click();
    await page.locator('input[name="login"]').fill('stranger@region.example');
    await page.locator('input[name="password"]').fill('x');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click();
    await page.getByRole('alert').getByText('Alueen tunnuksellasi ei ole Ovissa ammattilaistiliä.', { exact: false }).waitFor();
    await page.getByTestId('login-username').waitFor();
    expect(await sessionToken()).toBeNull();
    expect(new URL(page.url()).pathname).toBe('/');
  });
});
