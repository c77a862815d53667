/**
 * The demo region: an invented wellbeing services county in Central Ostrobothnia with two health
 * stations, a family centre, multi-professional teams, about fifty residents, demo accounts and
 * demo contacts. Pure: no I/O; the same output for the same `today`.
 */
import type { Identifier, Patient, Practitioner, Resource } from '@medplum/fhirtypes';
import { SYSTEMS } from '../../../domain/src/codes';
import { CONTACTS } from './contactData';
import { buildOrganizations } from './organizations';
import { buildResidents } from './residents';
import { withRepresentatives } from './representatives';
import { buildStaff } from './staff';
import { buildOutsideOrganisations, OUTSIDE_IDS } from './outsideOrganisations';
import { now as clockNow } from '../time/clock';

export interface DemoUser {
  username: string;
  password: string;
  roles: Array<'resident' | 'guidance' | 'professional' | 'manager' | 'admin'>;
  fhirUser: string;
  name: string;
}

export interface DemoContact {
  /** Bare Patient id (without "Patient/"). */
  patientId: string;
  channel: 'web-form' | 'phone' | 'walk-in';
  minutesAgo: number;
  answers: Record<string, string | string[] | number | boolean>;
}

/** References ("Type/id") of the demo resources tests and the seeder refer to. */
export const DEMO_IDS = {
  county: 'Organization/ovi-county',
  municipalities: { kokkola: 'Organization/mun-kokkola', kannus: 'Organization/mun-kannus' },
  stations: { kokkola: 'Organization/station-kokkola', kannus: 'Organization/station-kannus' },
  stationLocations: { kokkola: 'Location/loc-station-kokkola', kannus: 'Location/loc-station-kannus' },
  familyCentre: 'Organization/family-centre',
  familyCentreLocation: 'Location/loc-family-centre',
  teams: { kokkola: 'CareTeam/team-kokkola', kannus: 'CareTeam/team-kannus' },
  services: {
    primaryCareKokkola: 'HealthcareService/svc-primary-care-kokkola',
    primaryCareKannus: 'HealthcareService/svc-primary-care-kannus',
    oralHealth: 'HealthcareService/svc-oral-health',
    physiotherapy: 'HealthcareService/svc-physiotherapy',
    mentalHealth: 'HealthcareService/svc-mental-health',
    socialGuidance: 'HealthcareService/svc-social-guidance',
    familyCentre: 'HealthcareService/svc-family-centre',
  },
  /** The `resident` account's Patient (an adult in Kokkola with no contacts). */
  residentPatient: 'Patient/p-aino-nieminen',
  /** Irma Mäkelä (92, Kokkola), who has authorised the `resident` account to act for her (representatives.ts). */
  representedPatient: 'Patient/p-irma-makela',
  /** That authorisation: a RelatedPerson of Irma (v3 RoleCode HPOWATT, with a period), linked from Aino's Patient. */
  representative: 'RelatedPerson/rp-irma-makela-aino-nieminen',
  /** Client-guidance nurses (`guidance` account: Kokkola). */
  guidanceNurse: 'Practitioner/pr-hanna-hoitaja',
  guidanceNurseKannus: 'Practitioner/pr-riikka-ylikoski',
  physician: 'Practitioner/pr-mikko-rautio',
  physiotherapist: 'Practitioner/pr-sanna-kentala',
  psychiatricNurse: 'Practitioner/pr-petri-haapala',
  socialInstructor: 'Practitioner/pr-jonna-vitikka',
  publicHealthNurse: 'Practitioner/pr-anna-sundqvist',
  manager: 'Practitioner/pr-paivi-salmela',
  admin: 'Practitioner/pr-tomi-hiltunen',
} as const;

export const DEMO_PASSWORD = 'demo';

export const DEMO_USERS: DemoUser[] = [
  { username: 'resident', password: DEMO_PASSWORD, roles: ['resident'], fhirUser: DEMO_IDS.residentPatient, name: 'Aino Nieminen' },
  { username: 'guidance', password: DEMO_PASSWORD, roles: ['guidance'], fhirUser: DEMO_IDS.guidanceNurse, name: 'Hanna Hoitaja' },
  { username: 'physician', password: DEMO_PASSWORD, roles: ['professional'], fhirUser: DEMO_IDS.physician, name: 'Mikko Rautio' },
  { username: 'physio', password: DEMO_PASSWORD, roles: ['professional'], fhirUser: DEMO_IDS.physiotherapist, name: 'Sanna Kentala' },
  { username: 'social', password: DEMO_PASSWORD, roles: ['professional'], fhirUser: DEMO_IDS.socialInstructor, name: 'Jonna Vitikka' },
  { username: 'manager', password: DEMO_PASSWORD, roles: ['manager'], fhirUser: DEMO_IDS.manager, name: 'Päivi Salmela' },
  { username: 'admin', password: DEMO_PASSWORD, roles: ['admin'], fhirUser: DEMO_IDS.admin, name: 'Tomi Hiltunen' },
  // A Kela worker who takes part in shared client plans from outside the county (decision 031).
  { username: 'kela', password: DEMO_PASSWORD, roles: ['professional'], fhirUser: OUTSIDE_IDS.kelaWorker, name: 'Kalle Kelanen' },
];

/** The `parent` account: a single parent in Kokkola with two small children, to send contacts about a child. */
function parentUser(residents: ReturnType<typeof buildResidents>): DemoUser {
  const id = residents.memberId(PARENT_HOUSEHOLD, 0);
  const patient = residents.patients.find((p) => p.id === id);
  return { username: 'parent', password: DEMO_PASSWORD, roles: ['resident'], fhirUser: `Patient/${id}`, name: patient?.name?.[0]?.text ?? id };
}

/** The household of the `parent` account (the parent is its first member). */
export const PARENT_HOUSEHOLD = 'kok-single-parent';

/** Adds the login user name as an identifier of the account's Patient or Practitioner. */
function withUsernames(resources: Resource[], users: DemoUser[]): Resource[] {
  const byRef = new Map(users.map((u) => [u.fhirUser, u.username]));
  return resources.map((r) => {
    const username = byRef.get(`${r.resourceType}/${r.id}`);
    if (!username || (r.resourceType !== 'Patient' && r.resourceType !== 'Practitioner')) return r;
    const identifier: Identifier[] = [...(r.identifier ?? []), { use: 'secondary', system: SYSTEMS.username, value: username }];
    return { ...r, identifier } as Patient | Practitioner;
  });
}

/**
 * Builds the demo region. Ages are kept stable relative to `today` (a baby stays a baby), so
 * birth dates and personal identity codes depend on the date; ids never do.
 */
export function buildDemoRegion(options: { today?: Date } = {}): { resources: Resource[]; users: DemoUser[]; contacts: DemoContact[] } {
  const today = options.today ?? clockNow();
  const residents = buildResidents(today);
  const people = withRepresentatives(residents, today);
  const users = [...DEMO_USERS.map((u) => ({ ...u, roles: [...u.roles] })), parentUser(residents)];
  const resources = withUsernames(
    [...buildOrganizations(), ...buildStaff(), ...buildOutsideOrganisations(), ...people.patients, ...people.relatedPersons],
    users,
  );
  const contacts = CONTACTS.map((c) => ({
    patientId: residents.memberId(c.who[0], c.who[1]),
    channel: c.channel,
    minutesAgo: c.minutesAgo,
    answers: { ...c.answers },
  }));
  return { resources, users, contacts };
}
