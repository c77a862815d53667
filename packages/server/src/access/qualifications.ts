import type { Practitioner } from '@medplum/fhirtypes';
import { SYSTEMS, type Register } from '@ovi/domain';
import type { ResourceStore } from '../storage/resourceStore';
import type { UserContext } from '../auth/userContext';
import { forbidden } from '../fhir/outcomes';

/** The registers a professional is licensed for, read from their Practitioner record. */
export type Qualifications = Record<Register, boolean>;

const REGISTRATION_SYSTEMS: Record<Register, string> = {
  // Licensed health-care professionals are in Valvira's Terhikki register.
  health: SYSTEMS.terhikki,
  // Social-welfare professionals are in Valvira's Suosikki register.
  social: SYSTEMS.suosikki,
};

function registered(practitioner: Practitioner, system: string): boolean {
  const hasValue = (i: { system?: string; value?: string }) => i.system === system && !!i.value?.trim();
  return (practitioner.identifier ?? []).some(hasValue) || (practitioner.qualification ?? []).some((q) => (q.identifier ?? []).some(hasValue));
}

/**
 * What the professional may assess: a need assessment is a licensed professional's act, so
 * the role "staff" is not enough. An inactive Practitioner is licensed for nothing.
 */
export async function qualificationsOf(store: ResourceStore, user: UserContext): Promise<Qualifications> {
  return practitionerQualifications(store, user.fhirUser);
}

/** The registers of the professional `Practitioner/…` (none for anything else). */
export async function practitionerQualifications(store: ResourceStore, reference: string): Promise<Qualifications> {
  const [type, id] = reference.split('/');
  if (type !== 'Practitioner' || !id) return { health: false, social: false };
  const practitioner = await store.readOptional<Practitioner>('Practitioner', id);
  if (!practitioner || practitioner.active === false) return { health: false, social: false };
  return { health: registered(practitioner, REGISTRATION_SYSTEMS.health), social: registered(practitioner, REGISTRATION_SYSTEMS.social) };
}

/** Registrations change rarely; a few seconds' reuse spares a lookup on every read. */
const CACHE_MS = 10_000;
const cache = new Map<string, { at: number; value: Qualifications }>();

export async function cachedQualificationsOf(store: ResourceStore, user: UserContext): Promise<Qualifications> {
  const hit = cache.get(user.fhirUser);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = await qualificationsOf(store, user);
  if (cache.size > 10_000) cache.clear();
  cache.set(user.fhirUser, { at: Date.now(), value });
  return value;
}

const REGISTER_WORDS: Record<Register, string> = {
  health: 'a health-care matter needs a licensed health-care professional (Terhikki registration)',
  social: 'a social-welfare matter needs a social-welfare professional (Suosikki registration)',
};

/** 403 unless the professional is qualified for every register named. */
export function assertQualified(q: Qualifications, registers: Register[], act: string): void {
  const missing = [...new Set(registers)].filter((r) => !q[r]);
  if (missing.length > 0) throw forbidden(`You may not ${act}: ${missing.map((r) => REGISTER_WORDS[r]).join('; ')}`);
}
