/**
 * Who can be in a shared plan's team: every active professional's role in an organisation —
 * the region's units and services and outside organisations (Kela, employment services, NGOs) —
 * named from the directory. All pages are followed (a region has hundreds), within a bound.
 */
import type { Bundle, Organization, Practitioner, PractitionerRole, Resource } from '@medplum/fhirtypes';
import { api } from '../api/client';
import { FHIR_BASE, resourcesOf } from '../api/fhir';
import { nameOf } from '../api/patient.resource';

export interface PlanMemberOption {
  member: string;
  organization: string;
  name: string;
  organizationName: string;
}

async function all<T extends Resource>(type: T['resourceType'], query: string): Promise<T[]> {
  const found: T[] = [];
  let url: string | undefined = `${FHIR_BASE}/${type}?${query}&_count=100`;
  for (let page = 0; url && page < 50; page += 1) {
    const bundle: Bundle = await api.get<Bundle>(url);
    found.push(...resourcesOf<T>(bundle, type));
    const next = bundle.link?.find((l) => l.relation === 'next')?.url;
    url = next ? next.slice(next.indexOf(FHIR_BASE)) : undefined;
  }
  return found;
}

export async function fetchPlanMemberOptions(): Promise<PlanMemberOption[]> {
  const [roles, people, organizations] = await Promise.all([
    all<PractitionerRole>('PractitionerRole', 'active=true'),
    all<Practitioner>('Practitioner', 'active=true'),
    all<Organization>('Organization', '_sort=name'),
  ]);
  const person = new Map(people.map((p) => [`Practitioner/${p.id ?? ''}`, nameOf(p.name)]));
  const organization = new Map(organizations.map((o) => [`Organization/${o.id ?? ''}`, o.name ?? '']));
  return roles
    .flatMap((r) => {
      const member = r.practitioner?.reference;
      const org = r.organization?.reference;
      const name = member ? person.get(member) : undefined;
      return member && org && name ? [{ member, organization: org, name, organizationName: organization.get(org) ?? org }] : [];
    })
    .sort((a, b) => a.organizationName.localeCompare(b.organizationName, 'fi') || a.name.localeCompare(b.name, 'fi'));
}
