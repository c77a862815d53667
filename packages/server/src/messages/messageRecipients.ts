import type { CareTeam, HealthcareService, Patient, PractitionerRole } from '@medplum/fhirtypes';
import { SYSTEMS, registerOf, type Register } from '@ovi/domain';
import type { ResourceStore } from '../storage/resourceStore';
import type { SqlExecutor } from '../db/database';
import { practitionerQualifications } from '../access/qualifications';
import type { SearchFilter, SearchRequest } from '../fhir/searchRequest';

export type RecipientKind = 'team' | 'professional' | 'service';

export interface Recipient {
  /** `CareTeam/…`, `Practitioner/…` or `HealthcareService/…` */
  reference: string;
  kind: RecipientKind;
  name: string;
  /** For a professional: their profession code. */
  profession?: string;
}

const search = (type: string, filters: Array<Omit<SearchFilter, 'kind'> & { kind?: SearchFilter['kind'] }>): SearchRequest => ({
  resourceType: type,
  filters: filters.map((f) => ({ kind: 'token', ...f })),
  sort: [],
  count: 200,
  offset: 0,
});

/**
 * Whom a client (or whoever acts for them) may write to: the multi-professional team of their
 * own health station (`Patient.generalPractitioner`), that team's professionals, and every
 * active service of the region that has a queue here. A message to anyone else would make them a stranger with a
 * relationship to the client, so the list is also the check.
 */
export async function messageRecipients(store: ResourceStore, patient: Patient): Promise<Recipient[]> {
  const stations = new Set((patient.generalPractitioner ?? []).map((g) => g.reference ?? ''));
  const [teams, services] = await Promise.all([
    store.search(search('CareTeam', [{ code: 'status', values: ['active'] }, { code: 'subject', kind: 'reference', modifier: 'missing', values: ['true'] }]), undefined, false),
    store.search(search('HealthcareService', [{ code: 'active', values: ['true'] }]), undefined, false),
  ]);
  const own = (teams.resources as CareTeam[]).filter((t) => t.managingOrganization?.some((o) => stations.has(o.reference ?? '')));
  const now = Date.now();
  const members = own.flatMap((t) =>
    (t.participant ?? []).flatMap((p): Recipient[] => {
      const ref = p.member?.reference ?? '';
      if (!ref.startsWith('Practitioner/') || (p.period?.end && Date.parse(p.period.end) < now)) return [];
      const profession = p.role?.flatMap((r) => r.coding ?? []).find((c) => c.system === SYSTEMS.profession)?.code;
      return [{ reference: ref, kind: 'professional', name: p.member?.display ?? ref, ...(profession ? { profession } : {}) }];
    }),
  );
  const unique = new Map<string, Recipient>();
  for (const r of [
    ...own.map((t): Recipient => ({ reference: `CareTeam/${t.id}`, kind: 'team', name: t.name ?? `CareTeam/${t.id}` })),
    ...members,
    // Only services with a queue here (a type of Ovi's service code system); the catalogue's NGO,
    // parish and other entries are reached by phone, not by message (decision 017).
    ...(services.resources as HealthcareService[])
      .filter((s) => s.type?.some((t) => t.coding?.some((c) => c.system === SYSTEMS.service)))
      .map((s): Recipient => ({ reference: `HealthcareService/${s.id}`, kind: 'service', name: s.name ?? `HealthcareService/${s.id}` })),
  ]) {
    if (!unique.has(r.reference)) unique.set(r.reference, r);
  }
  return [...unique.values()];
}

/**
 * The service a message's matter belongs to, which decides its register: a service's own type;
 * a professional's service, or social services for a social-welfare professional (Suosikki
 * only); a health station's team, primary care.
 */
export async function serviceOfRecipient(store: ResourceStore, reference: string, tx?: SqlExecutor): Promise<{ service: string; register: Register }> {
  const [type, id = ''] = reference.split('/');
  const of = (service: string) => ({ service, register: registerOf(service) });
  if (type === 'HealthcareService') {
    const service = await store.readOptional<HealthcareService>('HealthcareService', id, tx);
    return of(service?.type?.flatMap((t) => t.coding ?? []).find((c) => c.system === SYSTEMS.service)?.code ?? 'primary-care');
  }
  if (type === 'Practitioner') {
    const q = await practitionerQualifications(store, reference);
    return of(!q.health && q.social ? 'social-services' : 'primary-care');
  }
  if (type === 'PractitionerRole') {
    const role = await store.readOptional<PractitionerRole>('PractitionerRole', id, tx);
    const service = role?.healthcareService?.[0]?.reference;
    if (service) return serviceOfRecipient(store, service, tx);
    return role?.practitioner?.reference ? serviceOfRecipient(store, role.practitioner.reference, tx) : of('primary-care');
  }
  return of('primary-care');
}

/** Whose queue a message to `reference` lands in: a professional's role is their own work. */
export async function queueOwnerOf(store: ResourceStore, reference: string, tx?: SqlExecutor): Promise<string> {
  if (!reference.startsWith('PractitionerRole/')) return reference;
  const role = await store.readOptional<PractitionerRole>('PractitionerRole', reference.slice('PractitionerRole/'.length), tx);
  return role?.practitioner?.reference ?? reference;
}

/** The professional's signature as sender: their active PractitionerRole, else the Practitioner. */
export async function senderOf(store: ResourceStore, fhirUser: string, name: string): Promise<{ reference: string; display: string }> {
  const found = await store.search(search('PractitionerRole', [{ code: 'practitioner', kind: 'reference', values: [fhirUser] }]), undefined, false);
  const role = (found.resources as PractitionerRole[]).find((r) => r.active !== false);
  if (!role?.id) return { reference: fhirUser, display: name };
  const profession = role.code?.flatMap((c) => c.coding ?? []).find((c) => c.system === SYSTEMS.profession)?.display ?? role.code?.[0]?.text;
  return { reference: `PractitionerRole/${role.id}`, display: [name, profession].filter(Boolean).join(', ') };
}
