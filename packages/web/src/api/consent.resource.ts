/**
 * The resident's consent to share their data between the social-welfare and health registers
 * (docs/API.md "Access to client data", Registers): a `Consent` with category
 * register-sharing. Giving it is a POST; withdrawing it a PUT of the same resource with
 * `status: inactive`. When it was withdrawn is the time of that last change.
 */
import type { Bundle, Consent } from '@medplum/fhirtypes';
import { SYSTEMS } from '@ovi/domain/src/codes';
import { api } from './client';
import { FHIR_BASE, resourcesOf } from './fhir';

const SHARING = 'register-sharing';

export interface SharingConsent {
  id: string;
  active: boolean;
  /** When the resident gave it. */
  givenAt?: string;
  /** When the resident withdrew it (only when no longer active). */
  withdrawnAt?: string;
}

function isSharing(consent: Consent): boolean {
  return (consent.category ?? []).some((c) => (c.coding ?? []).some((coding) => coding.system === SYSTEMS.consentCategory && coding.code === SHARING));
}

function toView(consent: Consent): SharingConsent {
  const active = consent.status === 'active' && consent.provision?.type !== 'deny';
  return {
    id: consent.id ?? '',
    active,
    givenAt: consent.dateTime,
    ...(!active ? { withdrawnAt: consent.meta?.lastUpdated } : {}),
  };
}

/** The resident's sharing consents, newest first. */
export async function fetchSharingConsents(patientRef: string): Promise<SharingConsent[]> {
  const bundle = await api.get<Bundle>(`${FHIR_BASE}/Consent?patient=${encodeURIComponent(patientRef)}&_count=100`);
  return resourcesOf<Consent>(bundle, 'Consent')
    .filter(isSharing)
    .map(toView)
    .filter((c) => c.id)
    .sort((a, b) => Date.parse(b.givenAt ?? '') - Date.parse(a.givenAt ?? ''));
}

export function sharingConsent(patientRef: string, now: Date): Consent {
  return {
    resourceType: 'Consent',
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: SYSTEMS.consentCategory, code: SHARING }] }],
    patient: { reference: patientRef },
    dateTime: now.toISOString(),
    policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
    provision: { type: 'permit' },
  };
}

export async function giveSharingConsent(patientRef: string): Promise<void> {
  await api.post<Consent>(`${FHIR_BASE}/Consent`, sharingConsent(patientRef, new Date()));
}

/** The same resource as stored, now inactive; `If-Match` so that a change made meanwhile is not overwritten. */
export async function withdrawSharingConsent(id: string): Promise<void> {
  const path = `${FHIR_BASE}/Consent/${encodeURIComponent(id)}`;
  const current = await api.get<Consent>(path);
  if (current.status !== 'active') return;
  const version = current.meta?.versionId;
  await api.put<Consent>(path, { ...current, status: 'inactive' }, version ? { 'If-Match': `W/"${version}"` } : undefined);
}
