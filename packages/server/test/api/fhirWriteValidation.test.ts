import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './oviTestServer';
import { BACKENDS, countNonAudit, startOn } from './backends';

/** Writes R4 refuses are refused with a 400 naming the element, and nothing is stored. */
describe.each(BACKENDS)('FHIR write validation on %s', (backend) => {
  let server: TestServer;
  let resident: { token: string; fhirUser: string };
  let physician: { token: string; fhirUser: string };

  beforeAll(async () => {
    server = await startOn(backend);
    resident = await server.login('resident');
    physician = await server.login('physician');
  });
  afterAll(async () => server?.close());

  const weight = (extra: Record<string, unknown> = {}) => ({
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
    subject: { reference: resident.fhirUser },
    effectiveDateTime: '2026-11-29T08:00:00+02:00',
    valueQuantity: { value: 70, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
    ...extra,
  });

  /** A withdrawn consent: harmless to store, and its `dateTime` and `performer` are plain elements. */
  const consent = (extra: Record<string, unknown> = {}) => ({
    resourceType: 'Consent',
    status: 'inactive',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/consent-category', code: 'register-sharing' }] }],
    patient: { reference: resident.fhirUser },
    policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
    provision: { type: 'permit' },
    ...extra,
  });

  async function expectRefused(status: number, body: unknown, token = resident.token, headers: Record<string, string> = {}) {
    const before = await countNonAudit(server);
    const r = await server.call('POST', '/fhir/R4/Observation', { token, body, headers });
    expect(r.status).toBe(status);
    expect(r.body.resourceType).toBe('OperationOutcome');
    expect(await countNonAudit(server)).toBe(before);
    return r.body;
  }

  it('refuses a status outside its required value set', async () => {
    const outcome = await expectRefused(400, weight({ status: 'bogus' }));
    expect(outcome.issue[0].expression).toEqual(['Observation.status']);
    expect(outcome.issue[0].diagnostics).toContain("'bogus'");
  });

  it('refuses a code outside a required binding deeper in the resource', async () => {
    const outcome = await expectRefused(400, weight({ valueQuantity: { value: 70, comparator: 'about', unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' } }));
    expect(outcome.issue[0].expression).toEqual(['Observation.valueQuantity.comparator']);
  });

  it('refuses a date-time with a time but no zone, and takes one with Z, an offset or no time', async () => {
    const outcome = await expectRefused(400, weight({ effectiveDateTime: '2026-11-29T08:00:00' }));
    expect(outcome.issue[0].expression).toEqual(['Observation.effectiveDateTime']);
    await expectRefused(400, weight({ effectiveDateTime: '2026-11-29T08:00' }));
    await expectRefused(400, weight({ effectivePeriod: { start: '2026-11-29T08:00:00.123' } , effectiveDateTime: undefined }));
    for (const effectiveDateTime of ['2026-11-29T08:00:00Z', '2026-11-29T08:00:00.5+02:00']) {
      const r = await server.call('POST', '/fhir/R4/Observation', { token: resident.token, body: weight({ effectiveDateTime }) });
      expect(r.status, effectiveDateTime).toBe(201);
    }
    // A date alone needs no zone (a measurement needs its time, so a Consent shows it).
    for (const dateTime of ['2026-11-29', '2026-11', '2026']) {
      const r = await server.call('POST', '/fhir/R4/Consent', { token: resident.token, body: consent({ dateTime }) });
      expect(r.status, dateTime).toBe(201);
    }
  });

  it('answers a resident naming a client who does not exist as if for anyone else: 404, nothing stored', async () => {
    await expectRefused(404, weight({ subject: { reference: 'Patient/no-such-client' } }));
    // Another client named elsewhere in the record is not the resident's to name either.
    const before = await countNonAudit(server);
    const r = await server.call('POST', '/fhir/R4/Consent', { token: resident.token, body: consent({ performer: [{ reference: 'Patient/no-such-client' }] }) });
    expect(r.status).toBe(404);
    expect(await countNonAudit(server)).toBe(before);
  });

  it('refuses a professional naming a client who does not exist: 400 naming the element', async () => {
    const headers = { 'x-access-reason': 'Testing a record for a client who is not there' };
    const outcome = await expectRefused(400, weight({ subject: { reference: 'Patient/no-such-client' } }), physician.token, headers);
    expect(outcome.issue[0].expression).toEqual(['Observation.subject']);
    // Without a relationship or a reason it is the usual refusal, whether the client exists or not.
    await expectRefused(403, weight({ subject: { reference: 'Patient/no-such-client' } }), physician.token);
  });
});
