import { createHash, randomBytes } from 'node:crypto';
import type { TestServer } from '../api/oviTestServer';

/** PKCE (RFC 7636) verifier and its S256 challenge. */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Registers an app as the demo administrator. */
export async function registerApp(server: TestServer, app: { clientId: string; redirectUris: string[]; origins: string[]; name?: string }): Promise<void> {
  const admin = await server.login('admin');
  const r = await server.call('PUT', `/api/admin/smart-apps/${app.clientId}`, { token: admin.token, body: { name: app.name ?? app.clientId, redirectUris: app.redirectUris, origins: app.origins }, headers: { 'content-type': 'application/json' } });
  if (r.status !== 200) throw new Error(`registering the app failed: ${r.status} ${JSON.stringify(r.body)}`);
}

/**
 * A browser's cookie jar and redirects, enough for the provider's log-in pages. With several
 * bases (server processes on one database behind one public address), each request goes to the
 * next one in turn, as a load balancer would send it.
 */
export class Browser {
  private readonly cookies = new Map<string, string>();
  private turn = 0;
  constructor(
    private readonly bases: string[],
    private readonly publicOrigin?: string,
  ) {}

  private ours(url: URL): boolean {
    return this.bases.some((b) => new URL(b).origin === url.origin) || url.origin === this.publicOrigin;
  }

  async request(url: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Response> {
    const base = this.bases[this.turn++ % this.bases.length] ?? '';
    const target = new URL(url, base);
    const at = new URL(`${target.pathname}${target.search}`, base);
    const headers: Record<string, string> = { ...init.headers, cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const response = await fetch(at, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(cookie) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Follows redirects within Ovi; stops at a page (not a redirect) or at a redirect leaving Ovi (the app's redirect URI). */
  async follow(url: string, init: Parameters<Browser['request']>[1] = {}): Promise<{ response: Response; url: string }> {
    let response = await this.request(url, init);
    let at = new URL(url, this.bases[0]).toString();
    for (let hops = 0; hops < 10 && response.status >= 300 && response.status < 400; hops++) {
      const next = new URL(response.headers.get('location') ?? '', at);
      if (!this.ours(next)) return { response, url: next.toString() };
      at = next.toString();
      response = await this.request(at);
    }
    return { response, url: at };
  }
}

export interface LaunchOptions {
  clientId: string;
  redirectUri: string;
  scope: string;
  username?: string;
  password?: string;
  /** Changes the authorisation request (remove or alter PKCE, and so on). */
  params?: Record<string, string | undefined>;
  decision?: 'allow' | 'deny';
  /** Server processes to spread the browser's requests over (default: the one server). */
  via?: string[];
  /** Their common public address (OVI_PUBLIC_URL), when they have one. */
  publicUrl?: string;
}

/**
 * A standalone launch as an app does it: authorize, log in on Ovi's page, consent; returns
 * where the browser was sent back to (the app's redirect URI with `code` or `error`) or the
 * error page Ovi showed.
 */
export async function launch(server: Pick<TestServer, 'url'>, options: LaunchOptions): Promise<{ redirect?: URL; page?: { status: number; text: string }; verifier: string }> {
  const { verifier, challenge } = pkce();
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    scope: options.scope,
    state: randomBytes(8).toString('hex'),
    aud: `${options.publicUrl ?? server.url}/fhir/R4`,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...options.params,
  };
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  const bases = options.via ?? [server.url];
  const browser = new Browser(bases, options.publicUrl ? new URL(options.publicUrl).origin : undefined);
  let { response, url } = await browser.follow(`/oauth/auth?${query}`);
  for (let step = 0; step < 3; step++) {
    if (new URL(url).origin === new URL(options.redirectUri).origin) return { redirect: new URL(url), verifier };
    const text = await response.text();
    if (response.status !== 200) return { page: { status: response.status, text }, verifier };
    const action = /<form method="post" action="([^"]+)"/.exec(text)?.[1]?.replace(/&#47;/g, '/');
    if (!action) return { page: { status: response.status, text }, verifier };
    const form: Record<string, string> = action.endsWith('/login')
      ? { username: options.username ?? 'resident', password: options.password ?? 'demo' }
      : { decision: options.decision ?? 'allow' };
    ({ response, url } = await browser.follow(action, { method: 'POST', form }));
  }
  return { page: { status: response.status, text: await response.text() }, verifier };
}

/** The token endpoint as a public client calls it. */
export async function tokenRequest(server: Pick<TestServer, 'url'>, form: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${server.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form).toString() });
  return { status: response.status, body: await response.json(), headers: response.headers };
}
