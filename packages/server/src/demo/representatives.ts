/**
 * Adults acting for other adults in the demo region, in the spirit of Suomi.fi mandates: the
 * `resident` account (Aino Nieminen) is the authorised representative of Irma Mäkelä (92,
 * Kokkola) for health and care matters. Modelled as guardians are: a RelatedPerson of the
 * principal (relationship v3 RoleCode HPOWATT, with a period), linked from the representative's
 * own Patient record.
 */
import type { Patient, RelatedPerson } from '@medplum/fhirtypes';
import { authorisedRepresentativeRelationship } from '../../../domain/src/authorisation';
import { addCalendarDays, addCalendarMonths } from '../../../domain/src/calendarDate';
import { toHelsinkiDate } from '../../../domain/src/helsinkiTime';
import { DEMO_META, ref } from './fhir';
import type { ResidentsResult } from './residents';

/** Who authorised whom: [principal household, member], [representative household, member]. */
export const REPRESENTATIONS: Array<{ principal: [string, number]; representative: [string, number] }> = [
  { principal: ['kok-92', 0], representative: ['resident', 0] },
];

/**
 * The residents with each authorisation recorded: a RelatedPerson on the principal and a link to
 * it on the representative's Patient. The authorisation began three months before `today` and
 * runs two years (dates relative to `today`, so the demo stays the same whatever the day).
 */
export function withRepresentatives(residents: ResidentsResult, today: Date): { patients: Patient[]; relatedPersons: RelatedPerson[] } {
  const day = toHelsinkiDate(today);
  const added: RelatedPerson[] = [];
  const links = new Map<string, string[]>();
  for (const { principal, representative } of REPRESENTATIONS) {
    const principalId = residents.memberId(...principal);
    const representativeId = residents.memberId(...representative);
    const p = residents.patients.find((x) => x.id === principalId);
    const r = residents.patients.find((x) => x.id === representativeId);
    if (!p || !r) throw new Error(`No demo resident for the authorisation ${principalId} → ${representativeId}`);
    const rp: RelatedPerson = {
      resourceType: 'RelatedPerson',
      id: `rp-${principalId.replace(/^p-/, '')}-${representativeId.replace(/^p-/, '')}`,
      meta: DEMO_META,
      active: true,
      ...(r.identifier ? { identifier: r.identifier.filter((i) => i.use === 'official') } : {}),
      patient: ref(`Patient/${principalId}`, p.name?.[0]?.text),
      relationship: authorisedRepresentativeRelationship(),
      ...(r.name ? { name: r.name } : {}),
      ...(r.telecom ? { telecom: r.telecom } : {}),
      ...(r.gender ? { gender: r.gender } : {}),
      ...(r.address ? { address: r.address } : {}),
      period: { start: addCalendarDays(day, -90), end: addCalendarMonths(day, 24) },
    };
    added.push(rp);
    links.set(representativeId, [...(links.get(representativeId) ?? []), `RelatedPerson/${rp.id}`]);
  }
  const patients = residents.patients.map((patient) => {
    const more = links.get(patient.id ?? '');
    if (!more) return patient;
    return { ...patient, link: [...(patient.link ?? []), ...more.map((other) => ({ other: ref<RelatedPerson>(other), type: 'seealso' as const }))] };
  });
  return { patients, relatedPersons: [...residents.relatedPersons, ...added] };
}
