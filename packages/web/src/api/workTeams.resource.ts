/** The work teams a professional belongs to (active CareTeams without a client, they as a participant). */
import type { Bundle, CareTeam } from '@medplum/fhirtypes';
import { api } from './client';
import { FHIR_BASE, resourcesOf } from './fhir';

export interface WorkTeam {
  reference: string;
  name: string;
}

export async function fetchMyWorkTeams(practitioner: string): Promise<WorkTeam[]> {
  const bundle = await api.get<Bundle>(`${FHIR_BASE}/CareTeam?status=active&participant=${encodeURIComponent(practitioner)}&_count=100`);
  return resourcesOf<CareTeam>(bundle, 'CareTeam')
    .filter((t) => !t.subject)
    .map((t) => ({ reference: `CareTeam/${t.id ?? ''}`, name: t.name ?? t.id ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fi'));
}
