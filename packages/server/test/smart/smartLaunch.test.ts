import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startOn } from '../api/backends';
import type { TestServer } from '../api/oviTestServer';
import { launch, registerApp, tokenRequest, type LaunchOptions } from './smartClient';

const APP_ORIGIN = 'http://127.0.0.1:9';
const REDIRECT = `${APP_ORIGIN}/callback`;
const IRMA = 'Patient/p-irma-makela';
const LOINC = 'http://loinc.org';

const bloodPressure = (subject?: string) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: LOINC, code: '85354-9' }] },
  effectiveDateTime: new Date(Date.now() - 3600_000).toISOString(),
  ...(subject ? { subject: { reference: subject } } : {}),
  component: [
    { code: { coding: [{ system: LOINC, code: '8480-6' }] }, valueQuantity: { value: 128, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } },
    { code: { coding: [{ system: LOINC, code: '8462-4' }] }, valueQuantity: { value: 82, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } },
  ],
});

describe.each(BACKENDS)('SMART on FHIR on %s', (backend) => {
  let server: TestServer;
  let resident: { token: string; fhirUser: string };

  /** A launch through to the token response (status 200 expected). */
  const tokensFor = async (scope: string, options: Partial<LaunchOptions> = {}) => {
    const result = await launch(server, { clientId: 'home-diary', redirectUri: REDIRECT, scope, ...options });
    const code = result.redirect?.searchParams.get('code');
    if (!code) throw new Error(`no code: ${JSON.stringify(result.page ?? result.redirect?.toString())}`);
    const token = await tokenRequest(server, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: 'home-diary', code_verifier: result.verifier });
    expect(token.status).toBe(200);
    return token.body as { access_token: string; refresh_token?: string; id_token?: string; patient?: string; scope: string };
  };

  beforeAll(async () => {
    server = await startOn(backend);
    await registerApp(server, { clientId: 'home-diary', name: 'Home diary', redirectUris: [REDIRECT], origins: [APP_ORIGIN] });
    resident = await server.login('resident');
    // One measurement of her own and one for Irma, whom she represents (Ovi's own session).
    expect((await server.call('POST', '/fhir/R4/Observation', { token: resident.token, body: bloodPressure() })).status).toBe(201);
    expect((await server.call('POST', '/fhir/R4/Observation', { token: resident.token, body: bloodPressure(IRMA) })).status).toBe(201);
  });
  afterAll(async () => server?.close());

  it('publishes the SMART and OpenID configurations', async () => {
    for (const path of ['/fhir/R4/.well-known/smart-configuration', '/.well-known/smart-configuration']) {
      const r = await server.call('GET', path);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ issuer: `${server.url}/oauth`, authorization_endpoint: `${server.url}/oauth/auth`, token_endpoint: `${server.url}/oauth/token`, code_challenge_methods_supported: ['S256'] });
      expect(r.body.capabilities).toEqual(expect.arrayContaining(['launch-standalone', 'client-public', 'context-standalone-patient', 'permission-v2', 'permission-offline']));
    }
    const oidc = await server.call('GET', '/.well-known/openid-configuration');
    expect(oidc.status).toBe(200);
    expect(oidc.body.issuer).toBe(`${server.url}/oauth`);
    expect(oidc.body.code_challenge_methods_supported).toEqual(['S256']);
    const metadata = await server.call('GET', '/fhir/R4/metadata');
    const extension = metadata.body.rest[0].security.extension?.find((e: { url: string }) => e.url.endsWith('oauth-uris'));
    expect(extension.extension).toEqual(expect.arrayContaining([{ url: 'token', valueUri: `${server.url}/oauth/token` }, { url: 'authorize', valueUri: `${server.url}/oauth/auth` }]));
    expect(metadata.body.rest[0].security.service[0].coding[0].code).toBe('SMART-on-FHIR');
  });

  it('launches a resident standalone: patient in the token response, fhirUser in the id token, their Observations readable', async () => {
    const tokens = await tokensFor('openid fhirUser launch/patient offline_access patient/Observation.rs');
    expect(tokens.patient).toBe('p-aino-nieminen');
    expect(tokens.refresh_token).toBeTruthy();
    expect(decodeJwt(tokens.id_token ?? '')).toMatchObject({ sub: 'resident', fhirUser: `${server.url}/fhir/R4/${resident.fhirUser}` });
    const own = await server.call('GET', `/fhir/R4/Observation?patient=${tokens.patient}`, { token: tokens.access_token });
    expect(own.status).toBe(200);
    expect(own.body.entry.length).toBeGreaterThan(0);
    expect(own.body.entry.every((e: any) => e.resource.subject.reference === resident.fhirUser)).toBe(true);
    const read = await server.call('GET', `/fhir/R4/Observation/${own.body.entry[0].resource.id}`, { token: tokens.access_token });
    expect(read.status).toBe(200);
  });

  it('keeps a patient/Observation.rs token to Observations: Tasks, the Patient and writing are 403 with insufficient_scope', async () => {
    const { access_token } = await tokensFor('openid fhirUser launch/patient patient/Observation.rs');
    const tasks = await server.call('GET', '/fhir/R4/Task', { token: access_token });
    expect(tasks.status).toBe(403);
    expect(tasks.body.resourceType).toBe('OperationOutcome');
    expect(tasks.headers.get('www-authenticate')).toMatch(/insufficient_scope/);
    expect((await server.call('GET', `/fhir/R4/${resident.fhirUser}`, { token: access_token })).status).toBe(403);
    expect((await server.call('POST', '/fhir/R4/Observation', { token: access_token, body: bloodPressure() })).status).toBe(403);
    // Ovi's own API is not for app tokens.
    expect((await server.call('GET', '/api/self-monitoring/summary?days=30', { token: access_token })).status).toBe(403);
    // Nor can an app log the person out of Ovi: the resident's own session keeps working.
    expect((await server.call('POST', '/auth/logout', { token: access_token })).status).toBe(403);
    expect((await server.call('GET', '/auth/me', { token: resident.token })).status).toBe(200);
  });

  it('reaches only the launch patient with patient/* scopes, though the resident may act for Irma in Ovi', async () => {
    const patientToken = (await tokensFor('openid launch/patient patient/*.rs')).access_token;
    const irmaByPatientScope = await server.call('GET', `/fhir/R4/Observation?patient=${IRMA}`, { token: patientToken });
    expect(irmaByPatientScope.body.entry ?? []).toEqual([]);
    expect((await server.call('GET', `/fhir/R4/${IRMA}`, { token: patientToken })).status).toBe(404);
    expect((await server.call('GET', `/fhir/R4/${resident.fhirUser}`, { token: patientToken })).status).toBe(200);
    // user/* follows Ovi's rules: her representation of Irma holds.
    const userToken = (await tokensFor('openid user/*.rs')).access_token;
    const irmaByUserScope = await server.call('GET', `/fhir/R4/Observation?patient=${IRMA}`, { token: userToken });
    expect(irmaByUserScope.status).toBe(200);
    expect(irmaByUserScope.body.entry.length).toBeGreaterThan(0);
    expect(irmaByUserScope.body.entry.every((e: any) => e.resource.subject.reference === IRMA)).toBe(true);
    // .rs never writes.
    expect((await server.call('POST', '/fhir/R4/Observation', { token: userToken, body: bloodPressure() })).status).toBe(403);
  });

  it('records the app in the audit records of what it read', async () => {
    const { access_token } = await tokensFor('openid patient/Observation.rs launch/patient');
    expect((await server.call('GET', '/fhir/R4/Observation', { token: access_token })).status).toBe(200);
    const r = await server.ovi.services.db.query<{ content: any }>(
      `SELECT content FROM resource WHERE resource_type = 'AuditEvent' AND content::text LIKE '%smart-app%' AND content::text LIKE '%home-diary%'`,
    );
    expect(r.rows.length).toBeGreaterThan(0);
    const agents = r.rows[0]?.content.agent;
    expect(agents).toEqual(expect.arrayContaining([expect.objectContaining({ altId: 'resident', requestor: true }), expect.objectContaining({ who: expect.objectContaining({ identifier: expect.objectContaining({ value: 'home-diary' }) }) })]));
  });

  it('refuses forged, expired and revoked tokens with 401 and WWW-Authenticate', async () => {
    const forged = await server.call('GET', '/fhir/R4/Observation', { token: 'Zm9yZ2VkLXRva2VuLXRoYXQtd2FzLW5ldmVyLWlzc3VlZA' });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toMatch(/^Bearer .*invalid_token/);
    const { access_token, refresh_token } = await tokensFor('openid offline_access patient/Observation.rs launch/patient');
    await server.ovi.services.db.query(`UPDATE oidc_state SET payload = payload || '{"exp": 1000}'::jsonb WHERE model = 'AccessToken' AND id = $1`, [access_token]);
    const expired = await server.call('GET', '/fhir/R4/Observation', { token: access_token });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toMatch(/invalid_token/);
    // Refreshing gives a working token; the used refresh token is then spent.
    const refreshed = await tokenRequest(server, { grant_type: 'refresh_token', refresh_token: refresh_token ?? '', client_id: 'home-diary' });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.patient).toBe('p-aino-nieminen');
    expect((await server.call('GET', '/fhir/R4/Observation', { token: refreshed.body.access_token })).status).toBe(200);
    const reused = await tokenRequest(server, { grant_type: 'refresh_token', refresh_token: refresh_token ?? '', client_id: 'home-diary' });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe('invalid_grant');
    // Revoked (the app logs out): refused at once.
    const revoke = await fetch(`${server.url}/oauth/token/revocation`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: refreshed.body.access_token, client_id: 'home-diary' }) });
    expect(revoke.status).toBe(200);
    expect((await server.call('GET', '/fhir/R4/Observation', { token: refreshed.body.access_token })).status).toBe(401);
  });

  it('refuses a code used twice, and revokes what the first use gave', async () => {
    const result = await launch(server, { clientId: 'home-diary', redirectUri: REDIRECT, scope: 'openid patient/Observation.rs launch/patient' });
    const code = result.redirect?.searchParams.get('code') ?? '';
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: 'home-diary', code_verifier: result.verifier };
    const first = await tokenRequest(server, form);
    expect(first.status).toBe(200);
    const second = await tokenRequest(server, form);
    expect(second.status).toBe(400);
    expect(second.body.error).toBe('invalid_grant');
    expect((await server.call('GET', '/fhir/R4/Observation', { token: first.body.access_token })).status).toBe(401);
  });

  it('requires PKCE with S256 and the right verifier', async () => {
    const missing = await launch(server, { clientId: 'home-diary', redirectUri: REDIRECT, scope: 'openid patient/Observation.rs', params: { code_challenge: undefined, code_challenge_method: undefined } });
    expect(missing.redirect?.searchParams.get('error')).toBe('invalid_request');
    const plain = await launch(server, { clientId: 'home-diary', redirectUri: REDIRECT, scope: 'openid patient/Observation.rs', params: { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' } });
    expect(plain.redirect?.searchParams.get('error')).toBe('invalid_request');
    expect(plain.redirect?.searchParams.get('code')).toBeNull();
    const result = await launch(server, { clientId: 'home-diary', redirectUri: REDIRECT, scope: 'openid patient/Observation.rs' });
    const wrong = await tokenRequest(server, { grant_type: 'authorization_code', code: result.redirect?.searchParams.get('code') ?? '', redirect_uri: REDIRECT, client_id: 'home-diary', code_verifier: 'b'.repeat(43) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');
  });

  it('never redirects to an unregistered redirect URI or for an unknown app', async () => {
    const foreign = await launch(server, { clientId: 'home-diary', redirectUri: 'http://127.0.0.1:10/steal', scope: 'openid patient/Observation.rs' });
    expect(foreign.redirect).toBeUndefined();
    expect(foreign.page?.status).toBe(400);
    expect(foreign.page?.text).toMatch(/redirect_uri/);
    expect(foreign.page?.text).toContain('Sovellus ei saanut lupaa');
    const unknown = await launch(server, { clientId: 'no-such-app', redirectUri: REDIRECT, scope: 'openid patient/Observation.rs' });
    expect(unknown.redirect).toBeUndefined();
    expect(unknown.page?.status).toBe(400);
  });

  it('answers a wrong password on its page, and a refusal to consent goes back to the app as access_denied', async () => {
    const wrong = await launch(server, { clientId: 'home-diary', redirectUri: REDIRECT, scope: 'openid patient/Observation.rs', password: 'wrong' });
    expect(wrong.page?.status).toBe(401);
    expect(wrong.page?.text).toContain('role="alert"');
    const denied = await launch(server, { clientId: 'home-diary', redirectUri: REDIRECT, scope: 'openid patient/Observation.rs', decision: 'deny' });
    expect(denied.redirect?.searchParams.get('error')).toBe('access_denied');
  });

  it('gives staff user scopes only, under Ovi’s own care-relationship rules', async () => {
    const tokens = await tokensFor('openid fhirUser launch/patient patient/*.rs user/Patient.rs', { username: 'physician' });
    expect(tokens.patient).toBeUndefined();
    expect(tokens.scope.split(' ')).toEqual(['user/Patient.rs']);
    // A client without a care relationship stays refused, as in Ovi's own session.
    const physician = await server.login('physician');
    const own = await server.call('GET', `/fhir/R4/${IRMA}`, { token: physician.token });
    const viaApp = await server.call('GET', `/fhir/R4/${IRMA}`, { token: tokens.access_token });
    expect(viaApp.status).toBe(own.status);
  });

  it('sends CORS headers to registered app origins only, on the FHIR API', async () => {
    const { access_token } = await tokensFor('openid patient/Observation.rs launch/patient');
    const allowed = await server.call('GET', '/fhir/R4/Observation', { token: access_token, headers: { origin: APP_ORIGIN } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const foreign = await server.call('GET', '/fhir/R4/Observation', { token: access_token, headers: { origin: 'http://evil.example' } });
    expect(foreign.status).toBe(200);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${server.url}/fhir/R4/Observation`, { method: 'OPTIONS', headers: { origin: APP_ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const foreignPreflight = await fetch(`${server.url}/fhir/R4/Observation`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET' } });
    expect(foreignPreflight.headers.get('access-control-allow-origin')).toBeNull();
    // Not on Ovi's own API.
    const api = await server.call('GET', '/api/self-monitoring/summary', { headers: { origin: APP_ORIGIN } });
    expect(api.headers.get('access-control-allow-origin')).toBeNull();
    // The token endpoint: the app's own origin only.
    const tokenPreflight = await fetch(`${server.url}/oauth/token`, { method: 'OPTIONS', headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST' } });
    expect(tokenPreflight.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const tokenForeign = await tokenRequest(server, { grant_type: 'refresh_token', refresh_token: 'x', client_id: 'home-diary' }, { origin: 'http://evil.example' });
    expect(tokenForeign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets only administrators register apps, with checked addresses', async () => {
    const physician = await server.login('physician');
    expect((await server.call('PUT', '/api/admin/smart-apps/other-app', { token: physician.token, body: { name: 'x', redirectUris: [REDIRECT], origins: [] } })).status).toBe(403);
    const admin = await server.login('admin');
    const bad = await server.call('PUT', '/api/admin/smart-apps/other-app', { token: admin.token, body: { name: 'x', redirectUris: ['http://evil.example/cb'], origins: ['*'] } });
    expect(bad.status).toBe(400);
    expect((await server.call('GET', '/api/admin/smart-apps', { token: admin.token })).body.map((a: { clientId: string }) => a.clientId)).toEqual(['home-diary']);
  });
});
