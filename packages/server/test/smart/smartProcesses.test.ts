import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createOvi, type Ovi } from '../../src/app';
import { freshPostgresDatabase } from '../api/oviTestServer';
import { launch, tokenRequest } from './smartClient';

const PUBLIC_URL = 'http://ovi.test';
const REDIRECT = 'http://127.0.0.1:9/callback';

/**
 * Two server processes on one PostgreSQL database behind one public address (OVI_PUBLIC_URL):
 * the provider keeps nothing in process memory, so a launch whose requests alternate between
 * them works, a code exchanged on one is spent on the other, and a token issued by one is
 * accepted by the other.
 */
describe('SMART across two server processes on one database', () => {
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  const servers: Array<{ ovi: Ovi; url: string }> = [];

  beforeAll(async () => {
    database = await freshPostgresDatabase(inject('postgresUrl'));
    for (let i = 0; i < 2; i++) {
      const ovi = await createOvi({ port: 0, host: '127.0.0.1', databaseUrl: database.url, seedDemo: i === 0, logLevel: 'silent', bodyLimit: 1 << 20, reminderIntervalMinutes: 0, publicUrl: PUBLIC_URL });
      await ovi.app.listen({ port: 0, host: '127.0.0.1' });
      const address = ovi.app.server.address();
      servers.push({ ovi, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    }
    await servers[0]?.ovi.services.db.query(`INSERT INTO smart_app (client_id, name, redirect_uris, origins, registered_by) VALUES ('home-diary', 'Home diary', $1, '{}', 'test')`, [[REDIRECT]]);
  });
  afterAll(async () => {
    for (const s of servers) await s.ovi.close();
    await database?.drop();
  });

  it('launches with requests spread over both, and each honours the other’s codes and tokens', async () => {
    const [a, b] = servers as unknown as [{ url: string }, { url: string }];
    const result = await launch(a, { clientId: 'home-diary', redirectUri: REDIRECT, scope: 'openid fhirUser launch/patient offline_access patient/*.rs', via: [a.url, b.url], publicUrl: PUBLIC_URL });
    const code = result.redirect?.searchParams.get('code');
    expect(code).toBeTruthy();
    const form = { grant_type: 'authorization_code', code: code ?? '', redirect_uri: REDIRECT, client_id: 'home-diary', code_verifier: result.verifier };
    const token = await tokenRequest(a, form);
    expect(token.status).toBe(200);
    expect(token.body.patient).toBe('p-aino-nieminen');
    // The same signing key in both: the id token's issuer is the public address.
    const jwksA = await (await fetch(`${a.url}/oauth/jwks`)).json();
    const jwksB = await (await fetch(`${b.url}/oauth/jwks`)).json();
    expect(jwksA).toEqual(jwksB);
    const read = await fetch(`${b.url}/fhir/R4/Patient/p-aino-nieminen`, { headers: { authorization: `Bearer ${token.body.access_token}` } });
    expect(read.status).toBe(200);
    const refreshed = await tokenRequest(b, { grant_type: 'refresh_token', refresh_token: token.body.refresh_token, client_id: 'home-diary' });
    expect(refreshed.status).toBe(200);
    const readWith = (server: { url: string }, accessToken: string) => fetch(`${server.url}/fhir/R4/Patient/p-aino-nieminen`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect((await readWith(a, refreshed.body.access_token)).status).toBe(200);
    // The code again, on the other process: refused, and the whole grant is revoked everywhere.
    expect((await tokenRequest(b, form)).body.error).toBe('invalid_grant');
    expect((await readWith(a, refreshed.body.access_token)).status).toBe(401);
  });
});
