/**
 * Which unit a resident deals with, and the number to call it: read from the organisation
 * directory (Organization, Location, HealthcareService, CareTeam, PractitionerRole telecom).
 * A unit without a phone of its own is reached through the organisation that runs it.
 */
import type { Bundle, CareTeam, ContactPoint, HealthcareService, Location, Organization, Patient, PractitionerRole, Reference } from '@medplum/fhirtypes';
import { api } from './client';
import { currentLanguage } from '../i18n';
import { FHIR_BASE, placeName, resourcesOf } from './fhir';

export interface UnitContact {
  /** `Organization/…`, `HealthcareService/…`, `CareTeam/…` … as the record names it. */
  reference: string;
  name?: string;
  /** The number to call, as configured (e.g. `+358 6 000 2000`). */
  phone?: string;
}

type Directory = Organization | Location | HealthcareService | CareTeam | PractitionerRole;

const UNIT_TYPES = ['Organization', 'Location', 'HealthcareService', 'CareTeam', 'PractitionerRole', 'Practitioner'];
/** How many steps up (a service → its organisation → its parent) a phone is looked for. */
const MAX_STEPS = 3;

/** The first phone number, by rank. */
export function phoneOf(telecom: ContactPoint[] | undefined): string | undefined {
  return (telecom ?? [])
    .filter((t) => t.system === 'phone' && t.value)
    .sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99))[0]?.value;
}

async function read<T extends Directory>(reference: string): Promise<T | undefined> {
  const [type, id] = reference.split('/');
  if (!type || !id || !UNIT_TYPES.includes(type)) return undefined;
  try {
    return await api.get<T>(`${FHIR_BASE}/${type}/${encodeURIComponent(id)}`);
  } catch {
    return undefined;
  }
}

/** A name and the next record up to ask for a phone when this one has none. */
function describe(resource: Directory): { name?: string; phone?: string; parent?: Reference } {
  const name = placeName(resource as { name?: string }, currentLanguage());
  switch (resource.resourceType) {
    case 'Organization':
      return { name, phone: phoneOf(resource.telecom), parent: resource.partOf };
    case 'Location':
      return { name, phone: phoneOf(resource.telecom), parent: resource.managingOrganization };
    case 'HealthcareService':
      return { name, phone: phoneOf(resource.telecom), parent: resource.location?.[0] ?? resource.providedBy };
    case 'CareTeam':
      return { name, phone: phoneOf(resource.telecom), parent: resource.managingOrganization?.[0] };
    case 'PractitionerRole':
      return { phone: phoneOf(resource.telecom), parent: resource.location?.[0] ?? resource.organization };
  }
}

async function resolve(reference: string): Promise<UnitContact | undefined> {
  let ref = reference;
  if (reference.startsWith('Practitioner/')) {
    // A professional is reached through their unit (their first role's location or organisation).
    const roles = await api
      .get<Bundle>(`${FHIR_BASE}/PractitionerRole?practitioner=${encodeURIComponent(reference)}&_count=5`)
      .then((b) => resourcesOf<PractitionerRole>(b, 'PractitionerRole'))
      .catch((): PractitionerRole[] => []);
    const unit = roles.find((r) => r.active !== false && (r.location?.[0] ?? r.organization));
    const next = unit?.location?.[0]?.reference ?? unit?.organization?.reference;
    if (!next) return undefined;
    ref = next;
  }
  let name: string | undefined;
  let phone: string | undefined;
  let at: string | undefined = ref;
  for (let step = 0; at && step <= MAX_STEPS && !phone; step++) {
    const resource = await read(at);
    if (!resource) break;
    const found = describe(resource);
    // A role has no name of its own: its unit's name is the one to show.
    name ??= found.name;
    phone = found.phone;
    at = found.parent?.reference;
  }
  return name || phone ? { reference: ref, ...(name ? { name } : {}), ...(phone ? { phone } : {}) } : undefined;
}

const units = new Map<string, Promise<UnitContact | undefined>>();

/** The unit behind a reference with its phone; remembered for the session (directory data changes seldom). */
export function fetchUnit(reference: string | undefined): Promise<UnitContact | undefined> {
  if (!reference) return Promise.resolve(undefined);
  let known = units.get(reference);
  if (!known) {
    known = resolve(reference);
    units.set(reference, known);
  }
  return known;
}

const homes = new Map<string, Promise<UnitContact | undefined>>();

/**
 * The client's own health station or social-welfare office: the Patient's `generalPractitioner`,
 * else the organisation that keeps their record. Read once per session and client.
 */
export function fetchHomeUnit(patientRef: string | undefined): Promise<UnitContact | undefined> {
  const id = patientRef?.startsWith('Patient/') ? patientRef.slice('Patient/'.length) : undefined;
  if (!patientRef || !id) return Promise.resolve(undefined);
  let known = homes.get(patientRef);
  if (!known) {
    known = api
      .get<Patient>(`${FHIR_BASE}/Patient/${encodeURIComponent(id)}`)
      .then(async (patient) => (await fetchUnit(patient.generalPractitioner?.[0]?.reference)) ?? fetchUnit(patient.managingOrganization?.reference))
      .catch(() => undefined)
      .then((unit) => {
        // Not remembered when it could not be read: the next screen asks again.
        if (!unit) homes.delete(patientRef);
        return unit;
      });
    homes.set(patientRef, known);
  }
  return known;
}
