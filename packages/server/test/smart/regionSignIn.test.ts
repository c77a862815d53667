import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';
import type { Practitioner } from '@medplum/fhirtypes';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOvi, type Ovi } from '../../src/app';
import { BACKENDS } from '../api/backends';
import { freshPostgresDatabase } from '../api/oviTestServer';
import { pkce, tokenRequest } from './smartClient';

const REDIRECT = 'http://127.0.0.1:9/callback';
const TERHIKKI = 'urn:oid:1.2.246.537.26';

/** A browser across hosts: cookies per origin, redirects followed until the app's redirect URI. */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>();
  async go(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ url: string; status: number; text: string }> {
    let at = url;
    let method = init.method ?? 'GET';
    let body = init.form ? new URLSearchParams(init.form).toString() : undefined;
    for (let hops = 0; hops < 20; hops++) {
      const origin = new URL(at).origin;
      const cookies = this.jar.get(origin) ?? new Map<string, string>();
      const headers: Record<string, string> = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
      if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
      const response = await fetch(at, { method, headers, body, redirect: 'manual' });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair = ''] = cookie.split(';');
        const eq = pair.indexOf('=');
        if (/expires=Thu, 01 Jan 1970/i.test(cookie)) cookies.delete(pair.slice(0, eq));
        else cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      this.jar.set(origin, cookies);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: at, status: response.status, text: await response.text() };
      at = new URL(location, at).toString();
      method = 'GET';
      body = undefined;
      if (at.startsWith(REDIRECT)) return { url: at, status: response.status, text: '' };
    }
    throw new Error('too many redirects');
  }
}

const formAction = (page: { url: string; text: string }) => new URL((/<form[^>]*action="([^"]+)"/.exec(page.text)?.[1] ?? '').replace(/&#47;/g, '/').replace(/&amp;/g, '&'), page.url).toString();

describe.each(BACKENDS)("staff sign-in through the region's identity provider on %s", (backend) => {
  let idpServer: Server;
  let ovi: Ovi;
  let oviUrl: string;
  let drop: (() => Promise<void>) | undefined;
  let physicianTerhikki: string;

  beforeAll(async () => {
    // The region's provider: a second oidc-provider on loopback, with its own development log-in (any name).
    let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
    idpServer = createServer((req, res) => handler?.(req, res));
    await new Promise<void>((resolve) => idpServer.listen(0, '127.0.0.1', resolve));
    const idpUrl = `http://127.0.0.1:${(idpServer.address() as AddressInfo).port}`;
    const database = backend === 'postgres' ? await freshPostgresDatabase(inject('postgresUrl')) : undefined;
    drop = database?.drop;
    ovi = await createOvi({
      port: 0, host: '127.0.0.1', databaseUrl: database?.url, seedDemo: true, logLevel: 'silent', bodyLimit: 1 << 20, reminderIntervalMinutes: 0,
      regionSignIn: { issuer: idpUrl, clientId: 'ovi', clientSecret: 'region-secret-for-ovi-0123456789', claim: 'terhikki', identifierSystem: TERHIKKI },
    });
    await ovi.app.listen({ port: 0, host: '127.0.0.1' });
    oviUrl = `http://127.0.0.1:${(ovi.app.server.address() as AddressInfo).port}`;
    const practitioner = await ovi.services.store.read<Practitioner>('Practitioner', 'pr-mikko-rautio');
    physicianTerhikki = practitioner.identifier?.find((i) => i.system === TERHIKKI)?.value ?? '';
    expect(physicianTerhikki).not.toBe('');
    const claims: Record<string, string> = { 'mikko.rautio@region.example': physicianTerhikki };
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
    await ovi.services.db.query(`INSERT INTO smart_app (client_id, name, redirect_uris, origins, registered_by) VALUES ('team-board', 'Team board', $1, '{}', 'test')`, [[REDIRECT]]);
  });
  afterAll(async () => {
    await ovi?.close();
    await drop?.();
    await new Promise((resolve) => idpServer?.close(resolve));
  });

  /** An app's launch in which the professional picks "sign in with the region" and logs in there as `regionUser`. */
  const launchThroughRegion = async (regionUser: string) => {
    const browser = new Browser();
    const { verifier, challenge } = pkce();
    const query = new URLSearchParams({ response_type: 'code', client_id: 'team-board', redirect_uri: REDIRECT, scope: 'openid fhirUser user/Patient.rs', state: 's1', code_challenge: challenge, code_challenge_method: 'S256' });
    const login = await browser.go(`${oviUrl}/oauth/auth?${query}`);
    const region = /href="([^"]+\/region)"/.exec(login.text)?.[1];
    expect(region).toBeTruthy();
    const idpLogin = await browser.go(new URL(region ?? '', oviUrl).toString());
    expect(idpLogin.text).toContain('name="login"');
    const idpConsent = await browser.go(formAction(idpLogin), { method: 'POST', form: { prompt: 'login', login: regionUser, password: 'x' } });
    const back = await browser.go(formAction(idpConsent), { method: 'POST', form: { prompt: 'consent' } });
    return { browser, back, verifier };
  };

  it('maps the region user to the physician by their Terhikki number, and the app gets the physician', async () => {
    const { browser, back, verifier } = await launchThroughRegion('mikko.rautio@region.example');
    expect(back.url.startsWith(oviUrl)).toBe(true);
    expect(back.text).toContain('Mikko Rautio');
    const done = await browser.go(formAction(back), { method: 'POST', form: { decision: 'allow' } });
    const code = new URL(done.url).searchParams.get('code') ?? '';
    expect(code).not.toBe('');
    const token = await tokenRequest({ url: oviUrl }, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: 'team-board', code_verifier: verifier });
    expect(token.status).toBe(200);
    expect(decodeJwt(token.body.id_token)).toMatchObject({ sub: 'physician', fhirUser: `${oviUrl}/fhir/R4/Practitioner/pr-mikko-rautio` });
    const audit = await ovi.services.db.query(`SELECT 1 FROM resource WHERE resource_type = 'AuditEvent' AND content->>'outcomeDesc' = 'signed in through the region''s identity provider' AND content::text LIKE '%physician%'`);
    expect(audit.rows.length).toBeGreaterThan(0);
  });

  it('refuses a region user with no staff account in Ovi, on its own log-in page, and audits it', async () => {
    const { back } = await launchThroughRegion('stranger@region.example');
    expect(back.status).toBe(403);
    expect(back.text).toContain('Alueen tunnuksellasi ei ole Ovissa ammattilaistiliä');
    expect(back.text).toContain('name="password"');
    const audit = await ovi.services.db.query(`SELECT 1 FROM resource WHERE resource_type = 'AuditEvent' AND content->>'outcomeDesc' LIKE 'refused sign-in through the region%'`);
    expect(audit.rows.length).toBeGreaterThan(0);
  });

  it('refuses a callback with a state Ovi never issued', async () => {
    const response = await fetch(`${oviUrl}/oauth/region/callback?code=forged&state=forged`);
    expect(response.status).toBe(400);
  });
});
