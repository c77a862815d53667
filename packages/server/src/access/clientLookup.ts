import type { Patient } from '@medplum/fhirtypes';
import { EXTENSIONS } from '@ovi/domain';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import { isStaff } from '../auth/userContext';
import { badRequest, forbidden, markAudited } from '../fhir/outcomes';

/** At most this many people are shown for one name: enough to pick one, too few to browse. */
const MAX_RESULTS = 10;

export interface LookupHit {
  reference: string;
  name: string;
  birthYear?: number;
  municipality?: string;
}

/**
 * Finding a person by name: a separate action from reading a client's data. It needs a
 * recorded reason, is audited (flagged) with every person shown, and shows only name, birth
 * year and municipality until the professional picks one and reads that record (with the same
 * reason, or through a relationship).
 */
export async function lookUpClients(fhir: FhirService, ctx: RequestContext, query: { name?: unknown; birthYear?: unknown }): Promise<LookupHit[]> {
  if (!isStaff(ctx.user)) throw forbidden('Only professionals look up clients');
  const name = typeof query.name === 'string' ? query.name.trim() : '';
  if (name.length < 2 || name.length > 100) throw badRequest('name must be 2–100 characters', ['name']);
  const birthYear = query.birthYear === undefined ? undefined : Number(query.birthYear);
  if (birthYear !== undefined && !(Number.isInteger(birthYear) && birthYear >= 1880 && birthYear <= 2100)) throw badRequest('birthYear must be a year', ['birthYear']);
  if (!ctx.reason) {
    const error = forbidden('Finding a client by name needs a recorded reason in the X-Access-Reason header; it is flagged in the audit');
    await fhir.audit.record({ user: ctx.user, interaction: 'search', what: ['Patient?name=…'], patients: [], success: false, description: error.message, ...(ctx.address ? { address: ctx.address } : {}) });
    throw markAudited(error);
  }
  const found = await fhir.store.search({
    resourceType: 'Patient',
    filters: [
      { code: 'name', kind: 'string', values: [name] },
      ...(birthYear !== undefined ? [{ code: 'birthdate', kind: 'date' as const, values: [String(birthYear)] }] : []),
    ],
    sort: [],
    count: MAX_RESULTS,
    offset: 0,
  }, undefined, false);
  const hits = (found.resources as Patient[]).map(toHit);
  await fhir.audit.record({
    user: ctx.user,
    interaction: 'search',
    what: ['Patient?name=…'],
    patients: hits.map((h) => h.reference),
    success: true,
    reason: ctx.reason,
    byRecordedReason: true,
    description: 'client look-up by name',
    ...(ctx.address ? { address: ctx.address } : {}),
  });
  return hits;
}

function toHit(patient: Patient): LookupHit {
  const name = patient.name?.[0];
  const municipality = patient.extension?.find((e) => e.url === EXTENSIONS.municipality)?.valueCoding?.display;
  return {
    reference: `Patient/${patient.id}`,
    name: name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' '),
    ...(patient.birthDate ? { birthYear: Number(patient.birthDate.slice(0, 4)) } : {}),
    ...(municipality ? { municipality } : {}),
  };
}
