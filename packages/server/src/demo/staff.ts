/** Builds the staff: Practitioner, PractitionerRole and each station's multi-professional CareTeam. */
import type { CareTeam, CodeableConcept, Practitioner, PractitionerRole, Resource } from '@medplum/fhirtypes';
import { SYSTEMS } from '../../../domain/src/codes';
import { DEMO_META, concept, email, language, phone, ref, slug } from './fhir';
import { COUNTY_REF, siteLocationRef, siteOrgRef } from './organizations';
import { COUNTY, PROFESSION_NAMES, SITES, STAFF, type StaffData } from './regionData';

export const teamRef = (site: 'kokkola' | 'kannus'): string => `CareTeam/team-${site}`;

function roleCode(s: StaffData): CodeableConcept {
  return typeof s.profession === 'string'
    ? concept(SYSTEMS.profession, s.profession, PROFESSION_NAMES[s.profession])
    : { text: s.profession.title };
}

function practitioner(s: StaffData, index: number): Practitioner {
  const text = `${s.given} ${s.family}`;
  const registration = s.terhikki ? { system: SYSTEMS.terhikki, value: s.terhikki } : s.suosikki ? { system: SYSTEMS.suosikki, value: s.suosikki } : undefined;
  const terhikki = registration ? [registration] : undefined;
  const qualification = typeof s.profession === 'string' ? [{ ...(terhikki ? { identifier: terhikki } : {}), code: roleCode(s) }] : undefined;
  return {
    resourceType: 'Practitioner', id: s.id, meta: DEMO_META, active: true,
    ...(terhikki ? { identifier: terhikki.map((i) => ({ use: 'official' as const, ...i })) } : {}),
    name: [{ use: 'official', family: s.family, given: [s.given], text }],
    telecom: [
      phone(`+358 40 000 ${String(7000 + index).padStart(4, '0')}`, 'work'),
      email(`${slug(s.given)}.${slug(s.family)}@example.com`, 'work'),
    ],
    gender: s.gender,
    ...(qualification ? { qualification } : {}),
    communication: s.languages.map(language),
  };
}

function practitionerRole(s: StaffData): PractitionerRole {
  const site = s.site === 'county' ? undefined : s.site;
  return {
    resourceType: 'PractitionerRole', id: `role-${s.id.replace(/^pr-/, '')}`, meta: DEMO_META, active: true,
    practitioner: ref(`Practitioner/${s.id}`, `${s.given} ${s.family}`),
    organization: site ? ref(siteOrgRef(site), SITES[site].name) : ref(COUNTY_REF, COUNTY.name),
    code: [roleCode(s)],
    ...(site ? { location: [ref(siteLocationRef(site), SITES[site].name)] } : {}),
    ...(s.service ? { healthcareService: [ref(`HealthcareService/${s.service}`)] } : {}),
  };
}

function careTeam(site: 'kokkola' | 'kannus'): CareTeam {
  const station = SITES[site];
  return {
    resourceType: 'CareTeam', id: `team-${site}`, meta: DEMO_META, status: 'active',
    name: `${station.name.replace(' (demo)', '')}: moniammatillinen tiimi (demo)`,
    managingOrganization: [ref(siteOrgRef(site), station.name)],
    telecom: [phone(station.phone, 'work')],
    participant: STAFF.filter((s) => s.site === site && s.team).map((s) => ({
      role: [roleCode(s)],
      member: ref(`Practitioner/${s.id}`, `${s.given} ${s.family}`),
      onBehalfOf: ref(siteOrgRef(site), station.name),
    })),
  };
}

export function buildStaff(): Resource[] {
  return [
    ...STAFF.map(practitioner),
    ...STAFF.map(practitionerRole),
    careTeam('kokkola'),
    careTeam('kannus'),
  ];
}
