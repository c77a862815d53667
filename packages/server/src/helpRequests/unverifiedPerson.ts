import type { Patient } from '@medplum/fhirtypes';
import { OVI_FHIR_BASE, SYSTEMS } from '@ovi/domain';
import type { UserContext } from '../auth/userContext';

/** Marks a client record made from what someone told us, not from an identified person. */
export const UNVERIFIED_IDENTITY = { system: `${OVI_FHIR_BASE}/CodeSystem/identity-reliability`, code: 'unverified', display: 'Identity not verified' };

/**
 * The client record of a person known only by what was told (a caller's name and phone, a
 * child named in a notification). Never merged with an existing record by name or phone: a
 * wrong match would put one person's matter in another's record. The professional identifies
 * the person when they call or meet.
 */
export function unverifiedPerson(p: { name?: string; phone?: string; birthDate?: string; identityCode?: string; address?: string }): Patient {
  return {
    resourceType: 'Patient',
    meta: { tag: [UNVERIFIED_IDENTITY] },
    active: true,
    ...(p.identityCode ? { identifier: [{ system: SYSTEMS.personalIdentityCode, value: p.identityCode }] } : {}),
    name: [{ text: p.name ?? 'Nimetön' }],
    ...(p.phone ? { telecom: [{ system: 'phone', value: p.phone }] } : {}),
    ...(p.birthDate ? { birthDate: p.birthDate } : {}),
    ...(p.address ? { address: [{ text: p.address }] } : {}),
  };
}

/** Who the audit names for a form sent without logging in: the form, from the client address it came from. */
export function publicSender(name = 'Public form (not logged in)'): UserContext {
  return { username: 'public-form', roles: [], fhirUser: 'Device/ovi-public-form', name };
}
