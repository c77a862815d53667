/**
 * Organisations outside the wellbeing services county that take part in shared client plans
 * (Kela, the employment services, an NGO), each with one worker: a client's plan names them
 * as owners of actions. Their Organizations are not part of the county (no `partOf`), which
 * is how Ovi tells an outside participant (decision 031).
 */
import type { Organization, Practitioner, PractitionerRole, Resource } from '@medplum/fhirtypes';
import { DEMO_META, concept, ref } from './fhir';

const ORG_TYPE = 'http://terminology.hl7.org/CodeSystem/organization-type';

interface Outside {
  org: string;
  name: string;
  type: [string, string];
  worker: { id: string; given: string; family: string; title: string };
}

export const OUTSIDE: Outside[] = [
  { org: 'org-kela-kokkola', name: 'Kela, Kokkolan palvelupiste (demo)', type: ['govt', 'Government'], worker: { id: 'pr-kalle-kelanen', given: 'Kalle', family: 'Kelanen', title: 'Etuuskäsittelijä' } },
  { org: 'org-employment-kokkola', name: 'Kokkolan työllisyyspalvelut (demo)', type: ['govt', 'Government'], worker: { id: 'pr-tuula-tyonen', given: 'Tuula', family: 'Työnen', title: 'Työllisyysasiantuntija' } },
  { org: 'org-ngo-kokkola', name: 'Kokkolan kriisikeskus ry (demo)', type: ['cg', 'Community Group'], worker: { id: 'pr-jari-jarjesto', given: 'Jari', family: 'Järjestö', title: 'Kriisityöntekijä' } },
];

export const OUTSIDE_IDS = {
  kela: 'Organization/org-kela-kokkola',
  kelaWorker: 'Practitioner/pr-kalle-kelanen',
  employmentWorker: 'Practitioner/pr-tuula-tyonen',
  ngoWorker: 'Practitioner/pr-jari-jarjesto',
} as const;

export function buildOutsideOrganisations(): Resource[] {
  return OUTSIDE.flatMap(({ org, name, type, worker }): Resource[] => {
    const organization: Organization = { resourceType: 'Organization', id: org, meta: DEMO_META, active: true, type: [concept(ORG_TYPE, type[0], type[1])], name };
    const text = `${worker.given} ${worker.family}`;
    const practitioner: Practitioner = { resourceType: 'Practitioner', id: worker.id, meta: DEMO_META, active: true, name: [{ use: 'official', family: worker.family, given: [worker.given], text }] };
    const role: PractitionerRole = {
      resourceType: 'PractitionerRole', id: `role-${worker.id.replace(/^pr-/, '')}`, meta: DEMO_META, active: true,
      practitioner: ref(`Practitioner/${worker.id}`, text), organization: ref(`Organization/${org}`, name), code: [{ text: worker.title }],
    };
    return [organization, practitioner, role];
  });
}
