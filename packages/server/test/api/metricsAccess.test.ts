import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOvi, type Ovi } from '../../src/app';
import { configFromEnvironment, type OviConfig } from '../../src/config';

/**
 * GET /metrics is closed unless a token is configured (then it needs the token) or it is
 * explicitly opened with OVI_METRICS_PUBLIC=true. (fhirRest.test.ts checks the closed default
 * on both back-ends.)
 */
const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

async function start(config: Partial<OviConfig>): Promise<{ ovi: Ovi; url: string }> {
  const ovi = await createOvi({ port: 0, host: '127.0.0.1', seedDemo: true, logLevel: 'silent', bodyLimit: 1 << 20, reminderIntervalMinutes: 0, ...config });
  await ovi.app.listen({ port: 0, host: '127.0.0.1' });
  const address = ovi.app.server.address();
  return { ovi, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

describe('GET /metrics', () => {
  const running: Ovi[] = [];
  afterEach(async () => {
    while (running.length > 0) await running.pop()?.close();
    vi.unstubAllEnvs();
  });

  it('with OVI_METRICS_TOKEN: 401 without or with a wrong token; with it, route patterns and never ids', async () => {
    const { ovi, url } = await start({ metricsToken: METRICS_TOKEN });
    running.push(ovi);
    const login = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo' }) });
    const admin = ((await login.json()) as { access_token: string }).access_token;
    await fetch(`${url}/fhir/R4/Organization/ovi-county`, { headers: { authorization: `Bearer ${admin}` } });

    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${METRICS_TOKEN}x`, `Bearer ${admin}`, METRICS_TOKEN]) {
      const refused = await fetch(`${url}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(refused.status, String(authorization)).toBe(401);
      expect(((await refused.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
    }
    const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/ovi_http_requests_total\{method="GET",route="\/fhir\/R4\/:type\/:id",status="200"\} \d+/);
    expect(text).toMatch(/ovi_http_request_duration_seconds_bucket/);
    expect(text).toMatch(/ovi_guidance_queue_open \d+/);
    expect(text).not.toContain('ovi-county');
  });

  it('opened explicitly with OVI_METRICS_PUBLIC=true: no token needed', async () => {
    vi.stubEnv('OVI_METRICS_PUBLIC', 'true');
    const { ovi, url } = await start({ seedDemo: false });
    running.push(ovi);
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/ovi_guidance_queue_open \d+/);
  });

  it('closed by default with a 403 that says how to open it', async () => {
    const { ovi, url } = await start({ seedDemo: false });
    running.push(ovi);
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(403);
    const body = (await response.json()) as { issue: Array<{ diagnostics: string }> };
    expect(body.issue[0]?.diagnostics).toMatch(/OVI_METRICS_TOKEN/);
  });

  it('OVI_METRICS_PUBLIC and the log-in limits are checked at start-up', () => {
    expect(configFromEnvironment({ OVI_METRICS_PUBLIC: 'true' }, {}).metricsPublic).toBe(true);
    expect(configFromEnvironment({}, {}).metricsPublic).toBe(false);
    expect(configFromEnvironment({}, {}).loginLimits).toEqual({ accountAttempts: 5, addressAttempts: 30, addressWindowSeconds: 900 });
    expect(configFromEnvironment({}, {}).tokenRecheckSeconds).toBe(5);
    let message = '';
    try {
      configFromEnvironment({ OVI_METRICS_PUBLIC: 'yes', OVI_LOGIN_ACCOUNT_ATTEMPTS: '0', OVI_LOGIN_ADDRESS_ATTEMPTS: 'many', OVI_TOKEN_RECHECK_SECONDS: '600' }, {});
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/OVI_METRICS_PUBLIC must be true or false/);
    expect(message).toMatch(/OVI_LOGIN_ACCOUNT_ATTEMPTS must be a whole number from 1/);
    expect(message).toMatch(/OVI_LOGIN_ADDRESS_ATTEMPTS must be a whole number/);
    expect(message).toMatch(/OVI_TOKEN_RECHECK_SECONDS must be a whole number from 0 to 60/);
  });
});
