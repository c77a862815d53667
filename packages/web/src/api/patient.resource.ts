/**
 * Looking up a client by the full, valid personal identity code (the server gives 400 for a
 * partial or invalid one), and reading one Patient.
 */
import type { Bundle, HumanName, Patient } from '@medplum/fhirtypes';
import { SYSTEMS } from '@ovi/domain/src/codes';
import { isValidPersonalIdentityCode } from '@ovi/domain/src/personalIdentityCode';
import { reasonHeaders } from './accessReason';
import { api } from './client';
import { FHIR_BASE, resourcesOf } from './fhir';

export interface PatientSummary {
  reference: string;
  name: string;
  birthDate?: string;
}

/** DDMMYY, century sign, three digits, check character. */
const PIC_PATTERN = /^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$/;

export function normalisePic(value: string): string {
  return value.trim().toUpperCase();
}

export function looksLikePic(value: string): boolean {
  return PIC_PATTERN.test(normalisePic(value));
}

/** A full, valid code: a real birth date and the right check character (the server asks the same). */
export function isValidPic(value: string): boolean {
  return looksLikePic(value) && isValidPersonalIdentityCode(normalisePic(value));
}

export function nameOf(names: HumanName[] | undefined): string {
  const name = names?.find((n) => n.use === 'official') ?? names?.[0];
  if (!name) return '';
  return name.text ?? [...(name.given ?? []), name.family ?? ''].join(' ').trim();
}

export function toPatientSummary(patient: Patient): PatientSummary {
  return { reference: `Patient/${patient.id ?? ''}`, name: nameOf(patient.name), birthDate: patient.birthDate };
}

export async function findPatientByPic(pic: string): Promise<PatientSummary | undefined> {
  const identifier = encodeURIComponent(`${SYSTEMS.personalIdentityCode}|${normalisePic(pic)}`);
  const bundle = await api.get<Bundle>(`${FHIR_BASE}/Patient?identifier=${identifier}`);
  const found = resourcesOf<Patient>(bundle, 'Patient')[0];
  return found ? toPatientSummary(found) : undefined;
}

export async function fetchPatient(reference: string, reason?: string): Promise<PatientSummary> {
  return toPatientSummary(await api.get<Patient>(`${FHIR_BASE}/${reference}`, reasonHeaders(reason)));
}

/** Registers a new client with a valid code (POST Patient; 409 when the code is registered already). */
export async function registerClient(client: { pic: string; family: string; given: string; phone: string }): Promise<PatientSummary> {
  const patient: Patient = {
    resourceType: 'Patient',
    identifier: [{ system: SYSTEMS.personalIdentityCode, value: normalisePic(client.pic) }],
    name: [{ use: 'official', family: client.family, ...(client.given ? { given: client.given.split(/\s+/) } : {}) }],
    ...(client.phone ? { telecom: [{ system: 'phone', value: client.phone, use: 'mobile' }] } : {}),
  };
  const created = (await api.post<Patient>(`${FHIR_BASE}/Patient`, patient)).data;
  return toPatientSummary(created);
}
