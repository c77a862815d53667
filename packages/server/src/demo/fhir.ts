/** Small builders for the FHIR datatypes the demo region repeats. */
import type { CodeableConcept, ContactPoint, Extension, Meta, Reference, Resource } from '@medplum/fhirtypes';
import { EXTENSIONS, SYSTEMS } from '../../../domain/src/codes';
import type { Language } from '../../../domain/src/types';

/** Every demo resource is labelled as test data (v3 ActReason HTEST). */
export const DEMO_META: Meta = {
  security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HTEST', display: 'test health data' }],
};

export const LANGUAGE_NAMES: Record<Language, string> = { fi: 'suomi', sv: 'ruotsi', en: 'englanti' };

export function language(code: Language): CodeableConcept {
  return { coding: [{ system: 'urn:ietf:bcp:47', code, display: LANGUAGE_NAMES[code] }] };
}

/** A reference; the target type comes from where it is used (the string is not checked here). */
export function ref<T extends Resource>(reference: string, display?: string): Reference<T> {
  return display ? { reference, display } : { reference };
}

export function concept(system: string, code: string, display: string): CodeableConcept {
  return { coding: [{ system, code, display }], text: display };
}

export interface Municipality {
  code: string;
  name: string;
  nameSv: string;
  postalCity: string;
}

export const MUNICIPALITIES = {
  kokkola: { code: '272', name: 'Kokkola', nameSv: 'Karleby', postalCity: 'Kokkola' },
  kannus: { code: '217', name: 'Kannus', nameSv: 'Kannus', postalCity: 'Kannus' },
} as const satisfies Record<string, Municipality>;

export type MunicipalityKey = keyof typeof MUNICIPALITIES;

export function municipalityExtension(key: MunicipalityKey): Extension {
  const m = MUNICIPALITIES[key];
  return { url: EXTENSIONS.municipality, valueCoding: { system: SYSTEMS.municipality, code: m.code, display: m.name } };
}

export function phone(value: string, use: ContactPoint['use'] = 'mobile'): ContactPoint {
  return { system: 'phone', value, use };
}

export function email(value: string, use: ContactPoint['use'] = 'home'): ContactPoint {
  return { system: 'email', value, use };
}

/** Lower-case ASCII slug for readable ids: "Jääskeläinen" → "jaaskelainen". */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[äå]/g, 'a')
    .replace(/ö/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Deterministic pseudo-random numbers (mulberry32), so the demo region is the same every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Takes a random element out of a pool (so no value is drawn twice). */
export function draw<T>(random: () => number, pool: T[]): T {
  if (pool.length === 0) throw new Error('Demo name pool exhausted');
  const [value] = pool.splice(Math.floor(random() * pool.length), 1);
  return value as T;
}
