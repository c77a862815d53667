import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resource } from '@medplum/fhirtypes';
import { createOvi, type Ovi } from '../../src/app';
import { toAuditEvent } from '../../src/audit/auditLog';
import { indexedParameters } from '../../src/fhir/searchParameters';
import { DIRECTORY_TYPES, PERSONAL_TYPES } from '../../src/fhir/resourceTypes';
import { validateIncoming } from '../../src/fhir/validation';
import { extractIndexRows } from '../../src/storage/searchIndexer';

/** Shapes the demo data does not have: choice values, logical and absolute references, extensions only. */
const EDGE_CASES: Resource[] = [
  { resourceType: 'Observation', status: 'final', code: { text: 'kipu' }, subject: { reference: 'Patient/p1' }, valueCodeableConcept: { coding: [{ system: 'urn:x', code: 'a' }], text: 'Kova' }, effectivePeriod: { start: '2026-11-01', end: '2026-11-02T10:00:00+02:00' } },
  { resourceType: 'Observation', status: 'final', code: { text: 'huom' }, subject: { reference: 'http://example.org/fhir/Patient/p2' }, valueString: 'Teksti', effectiveDateTime: '2026-11' },
  { resourceType: 'Observation', status: 'final', code: { text: 'aika' }, subject: { type: 'Patient', identifier: { system: 'urn:oid:1.2.246.21', value: '010101-123N' } }, valuePeriod: { start: '2026-01-01' } },
  { resourceType: 'Observation', status: 'final', code: { text: 'osat' }, subject: { reference: 'Group/g1' }, valueDateTime: '2026-11-23T10:00:00Z', component: [{ code: { text: 'a' }, valueCodeableConcept: { coding: [{ code: 'x' }] } }, { code: { text: 'b' }, valueQuantity: { value: 1, unit: 'kg' } }] },
  { resourceType: 'Observation', status: 'final', code: { text: 'ryhmä' }, subject: { reference: 'Group?identifier=urn:x|g' }, focus: [{ type: 'Group', identifier: { value: 'g' } }] },
  { resourceType: 'Patient', birthDate: '1950-02-03', _birthDate: { extension: [{ url: 'urn:x', valueString: 'arvio' }] }, deceasedBoolean: false, telecom: [{ system: 'email', value: 'a@b.fi' }, { system: 'phone', value: '+358401234567' }, { system: 'phone', value: '+358401234567' }], name: [{ family: 'Ää', given: ['Öö', 'Åå'] }], address: [{ city: 'Kokkola', postalCode: '67100', line: ['Katu 1'] }] } as Resource,
  { resourceType: 'Patient', deceasedDateTime: '2026-01-01', gender: 'female', active: false, generalPractitioner: [{ reference: 'Practitioner/pr1' }, { reference: 'Organization/o1' }] },
  { resourceType: 'Appointment', status: 'booked', start: '2026-11-24T08:00:00Z', end: '2026-11-24T08:30:00Z', participant: [{ actor: { reference: 'Patient/p1' }, status: 'accepted' }, { actor: { reference: 'Location/l1' }, status: 'accepted' }, { actor: { reference: 'Practitioner/pr1' }, status: 'accepted' }, { actor: { display: 'tulkki' }, status: 'needs-action' }] },
  { resourceType: 'Task', status: 'requested', intent: 'order', for: { reference: 'Patient?identifier=urn:x|1' }, owner: { reference: '#contained' }, executionPeriod: { start: '2026-11-23T08:00:00Z' } },
  { resourceType: 'CareTeam', subject: { reference: 'Group/g1' }, participant: [{ member: { reference: 'Practitioner/pr1' } }] },
  { resourceType: 'Questionnaire', status: 'active', useContext: [{ code: { code: 'focus' }, valueCodeableConcept: { coding: [{ code: 'back-pain' }] } }, { code: { code: 'age' }, valueQuantity: { value: 18 } }] },
  {
    ...toAuditEvent({
      user: { username: 'hanna', fhirUser: 'Practitioner/pr1', name: 'Hanna', roles: ['guidance'] },
      interaction: 'search',
      what: ['Task?patient=Patient/p1'],
      patients: ['Patient/p1', 'Patient/p2'],
      success: false,
      description: 'ei pääsyä',
      reason: 'Tarkistus',
      byRecordedReason: true,
      address: '10.0.0.1',
    }),
  },
];

const sorted = (rows: ReturnType<typeof extractIndexRows>) => ({
  tokens: rows.tokens.map((r) => JSON.stringify(r)).sort(),
  strings: rows.strings.map((r) => JSON.stringify(r)).sort(),
  dates: rows.dates.map((r) => JSON.stringify(r)).sort(),
});

describe('index values without the FHIRPath engine', () => {
  let ovi: Ovi;
  let resources: Resource[] = [];
  beforeAll(async () => {
    ovi = await createOvi({ port: 0, host: '127.0.0.1', seedDemo: true, logLevel: 'silent', bodyLimit: 1 << 20, reminderIntervalMinutes: 0 });
    const stored = await ovi.services.db.query<{ content: Resource }>('SELECT content FROM resource ORDER BY resource_type, id');
    resources = [...stored.rows.map((r) => r.content), ...EDGE_CASES.map((r, i) => ({ ...r, id: `edge-${i}` }))];
  }, 120_000);
  afterAll(async () => ovi?.close());

  it('has valid edge cases', () => {
    for (const r of EDGE_CASES) expect(() => validateIncoming(JSON.parse(JSON.stringify(r)), r.resourceType)).not.toThrow();
  });

  it('compiles the plain forms of nearly every parameter of every stored type', () => {
    const params = [...DIRECTORY_TYPES, ...PERSONAL_TYPES].flatMap((t) => [...indexedParameters(t).values()]);
    const compiled = params.filter((p) => p.simple).length;
    expect(compiled / params.length).toBeGreaterThan(0.95);
    expect(indexedParameters('AuditEvent').get('patient')?.simple).toBeDefined();
    expect(indexedParameters('Patient').get('deceased')?.simple).toBeUndefined(); // not a plain form: FHIRPath
  });

  it('gives exactly the rows FHIRPath gives, for every demo resource and every edge case', () => {
    const types = new Set(resources.map((r) => r.resourceType));
    expect(types.size).toBeGreaterThanOrEqual(12);
    let compared = 0;
    for (const resource of resources) {
      const fast = sorted(extractIndexRows(resource));
      const reference = sorted(extractIndexRows(resource, 'fhirpath'));
      expect({ id: `${resource.resourceType}/${resource.id}`, ...fast }).toEqual({ id: `${resource.resourceType}/${resource.id}`, ...reference });
      compared++;
    }
    expect(compared).toBe(resources.length);
  });
});
