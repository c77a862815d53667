import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startOn } from '../api/backends';
import type { TestServer } from '../api/oviTestServer';
import { launch, pkce, registerApp, tokenRequest } from './smartClient';

const APP_REDIRECT = 'http://127.0.0.1:9/callback';

/** One browser's cookies on Ovi (by path, as a browser keeps them), and its requests without following redirects. */
class Jar {
  private readonly cookies = new Map<string, { value: string; path: string }>();
  constructor(private readonly base: string) {}
  async send(path: string, init: { method?: string; json?: unknown } = {}): Promise<Response> {
    const url = new URL(path, this.base);
    const sent = [...this.cookies].filter(([, c]) => url.pathname.startsWith(c.path)).map(([k, c]) => `${k}=${c.value}`);
    const headers: Record<string, string> = { cookie: sent.join('; ') };
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(url, { method: init.method ?? 'GET', headers, body: init.json === undefined ? undefined : JSON.stringify(init.json), redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const eq = pair.indexOf('=');
      const cookiePath = attributes.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      if (/expires=Thu, 01 Jan 1970/i.test(cookie) || pair.slice(eq + 1) === '') this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), { value: pair.slice(eq + 1), path: cookiePath });
    }
    return response;
  }
  /** Follows redirects on Ovi's own origin until a page, or the web app's own routes. */
  async follow(path: string): Promise<{ status: number; url: URL }> {
    let url = new URL(path, this.base);
    for (let hops = 0; hops < 10; hops++) {
      const response = await this.send(url.toString());
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { status: response.status, url };
      url = new URL(location, url);
      if (!url.pathname.startsWith('/oauth/')) return { status: response.status, url };
    }
    throw new Error('too many redirects');
  }
}

describe.each(BACKENDS)("the web app's sign-in through Ovi's provider (client ovi-web) on %s", (backend) => {
  let server: TestServer;
  let callback: string;

  const authorize = (jar: Jar, params: Record<string, string | undefined> = {}) => {
    const { verifier, challenge } = pkce();
    const state = randomBytes(8).toString('hex');
    const all: Record<string, string | undefined> = { response_type: 'code', client_id: 'ovi-web', redirect_uri: callback, scope: 'openid', state, code_challenge: challenge, code_challenge_method: 'S256', ...params };
    const query = new URLSearchParams(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
    return { verifier, state, go: jar.follow(`/oauth/auth?${query}`) };
  };

  /** Authorise, log in on the web app's screen (JSON), follow the provider back: the code. */
  const codeFor = async (jar: Jar, username: string, password = 'demo') => {
    const started = authorize(jar);
    const login = await started.go;
    expect(login.url.pathname).toBe('/login');
    const uid = login.url.searchParams.get('interaction') ?? '';
    const answer = await jar.send(`/oauth/interaction/${uid}/login`, { method: 'POST', json: { username, password } });
    expect(answer.status).toBe(200);
    const { location } = (await answer.json()) as { location: string };
    const back = await jar.follow(location);
    expect(back.url.origin + back.url.pathname).toBe(callback);
    expect(back.url.searchParams.get('state')).toBe(started.state);
    return { code: back.url.searchParams.get('code') ?? '', verifier: started.verifier };
  };

  // As the web app's fetch sends it: with the page's Origin (the server's own).
  const exchange = (code: string, verifier: string) =>
    tokenRequest(server, { grant_type: 'authorization_code', code, redirect_uri: callback, client_id: 'ovi-web', code_verifier: verifier }, { origin: server.url });
  const session = (providerToken: string) => server.call('POST', '/auth/session', { token: providerToken });
  const logins = async (username: string) =>
    (await server.ovi.services.db.query(`SELECT 1 FROM resource WHERE resource_type = 'AuditEvent' AND content->>'outcome' = '0' AND content::text LIKE '%"110122"%' AND content::text LIKE $1`, [`%${username}%`])).rows.length;

  beforeAll(async () => {
    server = await startOn(backend);
    callback = `${server.url}/login/callback`;
    await registerApp(server, { clientId: 'home-diary', name: 'Home diary', redirectUris: [APP_REDIRECT], origins: [] });
  });
  afterAll(async () => server?.close());

  it('signs in with code and PKCE, no consent screen, and exchanges the token once for an Ovi session with its full rules', async () => {
    const before = await logins('physician');
    const jar = new Jar(server.url);
    const { code, verifier } = await codeFor(jar, 'physician');
    const token = await exchange(code, verifier);
    expect(token.status).toBe(200);
    expect(token.body.refresh_token).toBeUndefined();
    // The provider's token is not an Ovi session: refused on the API and the FHIR API.
    expect((await server.call('GET', '/auth/me', { token: token.body.access_token })).status).toBe(401);
    expect((await server.call('GET', '/fhir/R4/Patient?_count=1', { token: token.body.access_token })).status).toBe(401);

    const ovi = await session(token.body.access_token);
    expect(ovi.status).toBe(200);
    expect(ovi.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, fhirUser: 'Practitioner/pr-mikko-rautio' });
    const me = await server.call('GET', '/auth/me', { token: ovi.body.access_token });
    expect(me.body).toMatchObject({ username: 'physician', roles: ['professional'] });
    expect((await server.call('GET', '/api/consultations/counts', { token: ovi.body.access_token })).status).not.toBe(403);
    // One log-in record, as with POST /auth/login.
    expect(await logins('physician')).toBe(before + 1);

    // Used once: the token, the code and the provider's session are gone.
    expect((await session(token.body.access_token)).status).toBe(401);
    const again = await exchange(code, verifier);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
    const next = await authorize(jar).go;
    expect(next.url.pathname).toBe('/login');

    // Log-out ends the session at once.
    expect((await server.call('POST', '/auth/logout', { token: ovi.body.access_token })).status).toBe(204);
    expect((await server.call('GET', '/auth/me', { token: ovi.body.access_token })).status).toBe(401);
  });

  it('answers a wrong password with 401 and an OperationOutcome, locks after the usual failures with 429, and gives no code', async () => {
    const jar = new Jar(server.url);
    const login = await authorize(jar).go;
    const uid = login.url.searchParams.get('interaction') ?? '';
    const wrong = await jar.send(`/oauth/interaction/${uid}/login`, { method: 'POST', json: { username: 'guidance', password: 'wrong' } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
    const bad = await jar.send(`/oauth/interaction/${uid}/login`, { method: 'POST', json: { username: 'guidance' } });
    expect(bad.status).toBe(400);
    // The account's failure limit holds here as on POST /auth/login: 429 with Retry-After, even for the right password.
    for (let attempt = 0; attempt < 5; attempt++) await jar.send(`/oauth/interaction/${uid}/login`, { method: 'POST', json: { username: 'physio', password: 'wrong' } });
    const locked = await jar.send(`/oauth/interaction/${uid}/login`, { method: 'POST', json: { username: 'physio', password: 'demo' } });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Without the interaction's cookie (another browser): refused.
    const stranger = await new Jar(server.url).send(`/oauth/interaction/${uid}/login`, { method: 'POST', json: { username: 'guidance', password: 'demo' } });
    expect(stranger.status).toBe(400);
  });

  it('always asks for the password, even when an app has left a provider session in the browser', async () => {
    const jar = new Jar(server.url);
    // Logged in for the web app, the browser holds a provider session until the exchange.
    await codeFor(jar, 'guidance');
    const next = await authorize(jar).go;
    expect(next.url.pathname).toBe('/login');
    expect(next.url.searchParams.get('interaction')).toBeTruthy();
  });

  it('takes only its exact redirect URI and PKCE with S256', async () => {
    for (const redirect of [`${server.url}/login/callback/x`, `${server.url}/login/callback?x=1`, 'http://127.0.0.1:9/login/callback', APP_REDIRECT]) {
      const page = await authorize(new Jar(server.url), { redirect_uri: redirect }).go;
      expect(page.status, redirect).toBe(400);
    }
    const plain = await authorize(new Jar(server.url), { code_challenge_method: 'plain' }).go;
    expect(plain.url.pathname).toBe('/login/callback');
    expect(plain.url.searchParams.get('error')).toBe('invalid_request');
    const none = await authorize(new Jar(server.url), { code_challenge: undefined, code_challenge_method: undefined }).go;
    expect(none.url.searchParams.get('error')).toBe('invalid_request');
  });

  it("refuses an app's token at the exchange and leaves it working; the web client cannot be registered by an administrator", async () => {
    const result = await launch(server, { clientId: 'home-diary', redirectUri: APP_REDIRECT, scope: 'openid fhirUser patient/Observation.rs' });
    const code = result.redirect?.searchParams.get('code') ?? '';
    const token = await tokenRequest(server, { grant_type: 'authorization_code', code, redirect_uri: APP_REDIRECT, client_id: 'home-diary', code_verifier: result.verifier });
    expect(token.status).toBe(200);
    expect((await session(token.body.access_token)).status).toBe(401);
    expect((await server.call('GET', '/fhir/R4/Observation', { token: token.body.access_token })).status).toBe(200);
    expect((await server.call('GET', '/api/consultations/counts', { token: token.body.access_token })).status).toBe(403);
    const admin = await server.login('admin');
    const put = await server.call('PUT', '/api/admin/smart-apps/ovi-web', { token: admin.token, body: { name: 'Fake', redirectUris: ['https://evil.example/cb'], origins: [] } });
    expect(put.status).toBe(400);
  });

  it('tells the log-in screen whether the region sign-in is offered', async () => {
    const r = await server.call('GET', '/auth/sign-in-options');
    expect(r.body).toEqual({ region: false });
  });
});
