import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { urlForLog } from '../../src/http/requestContext';
import { startOviProcess, type OviProcess } from '../support/oviProcess';

/**
 * The server's own log output (a real process, LOG_LEVEL=info, as in production) holds no
 * query values that may be personal: an identity code searched for never reaches the log.
 * The process's embedded database folder is created private (0700).
 */
const IDENTITY_CODE = '010101-123N';

describe('request logs', () => {
  let dir: string;
  let ovi: OviProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ovi-logs-'));
    ovi = await startOviProcess({ dataDir: join(dir, 'fresh', 'data'), demo: false, logLevel: 'info', name: 'ovi-logs' });
  }, 120_000);

  afterAll(async () => {
    await ovi?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('log every request without the values of personal query parameters', async () => {
    const searches = [
      `/fhir/R4/Patient?identifier=${encodeURIComponent(`urn:oid:1.2.246.21|${IDENTITY_CODE}`)}&_count=5&_sort=-_lastUpdated`,
      `/fhir/R4/Patient?identifier=urn:oid:1.2.246.21|${IDENTITY_CODE}`,
      `/fhir/R4/Task?patient.identifier=${IDENTITY_CODE}&name:contains=Virtanen&birthdate=1901-01-01`,
      `/api/clients?${IDENTITY_CODE}`,
      `/fhir/R4/Patient?_count=${IDENTITY_CODE}`,
    ];
    for (const path of searches) expect((await ovi.call('GET', path)).status, path).toBeGreaterThanOrEqual(400);
    expect((await ovi.call('POST', '/auth/login', { body: { username: IDENTITY_CODE, password: 'x' }, headers: { 'content-type': 'application/json' } })).status).toBe(401);
    // Pino writes asynchronously; give the last lines a moment.
    await new Promise((r) => setTimeout(r, 300));
    const output = ovi.output();
    expect(output).toContain('"url":"/fhir/R4/Patient?identifier=***&_count=5&_sort=-_lastUpdated"');
    expect(output).toContain('"url":"/fhir/R4/Task?patient.identifier=***&name:contains=***&birthdate=***"');
    expect(output).toContain('"url":"/fhir/R4/Patient?_count=***"');
    for (const secret of [IDENTITY_CODE, encodeURIComponent(IDENTITY_CODE), 'Virtanen', '1901-01-01', '1.2.246.21']) expect(output, secret).not.toContain(secret);
  });

  it('created the embedded database folder private to the server user (0700)', () => {
    expect(statSync(join(dir, 'fresh', 'data')).mode & 0o777).toBe(0o700);
  });
});

describe('urlForLog', () => {
  it('keeps paths and safe paging values, hides every other value and odd names', () => {
    expect(urlForLog('/fhir/R4/Patient/abc')).toBe('/fhir/R4/Patient/abc');
    expect(urlForLog('/fhir/R4/Patient?')).toBe('/fhir/R4/Patient?');
    expect(urlForLog('/x?_count=10&_offset=20&_summary=count&_total=accurate')).toBe('/x?_count=10&_offset=20&_summary=count&_total=accurate');
    expect(urlForLog('/x?identifier=urn%3Aoid%3A1.2.246.21%7C010101-123N')).toBe('/x?identifier=***');
    expect(urlForLog('/x?010101-123N')).toBe('/x?***');
    expect(urlForLog('/x?010101-123N=1')).toBe('/x?***=***');
    expect(urlForLog('/x?name=%E0%A4%A')).toBe('/x?name=***');
    expect(urlForLog('/x?_sort=010101-123N%20x')).toBe('/x?_sort=***');
    expect(urlForLog('/x?subject:Patient.name=Virtanen&flag')).toBe('/x?subject:Patient.name=***&flag');
  });
});
