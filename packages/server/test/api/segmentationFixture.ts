/** A fixed data set for the segmentation and high-need tests, stored straight into the real database. */
import type { Resource } from '@medplum/fhirtypes';
import { EXTENSIONS, SYSTEMS, TASK_CODES } from '@ovi/domain';
import type { TestServer } from './oviTestServer';

export const TEAM = 'CareTeam/team-kokkola';
export const PHYSICIAN = 'Practitioner/pr-mikko-rautio';
const DAY = 86_400_000;

const register = (code: 'health' | 'social') => ({ security: [{ system: SYSTEMS.register, code }] });

export function patient(id: string, family: string, municipality: '272' | '217' = '272'): Resource {
  return {
    resourceType: 'Patient',
    id,
    name: [{ use: 'official', family, given: ['Testi'] }],
    birthDate: '1960-05-05',
    extension: [{ url: EXTENSIONS.municipality, valueCoding: { system: SYSTEMS.municipality, code: municipality, display: municipality === '272' ? 'Kokkola' : 'Kannus' } }],
  } as Resource;
}

export function task(id: string, patientRef: string, opts: { at: Date; daysAgo: number; service: string; open?: boolean; reg?: 'health' | 'social'; owner?: string; kind?: string }): Resource {
  return {
    resourceType: 'Task',
    id,
    meta: register(opts.reg ?? 'health'),
    status: opts.open ? 'ready' : 'completed',
    intent: 'order',
    code: { coding: [{ system: SYSTEMS.taskCode, code: opts.kind ?? TASK_CODES.clientGuidance }] },
    for: { reference: patientRef },
    owner: { reference: opts.owner ?? TEAM },
    authoredOn: new Date(opts.at.getTime() - opts.daysAgo * DAY).toISOString(),
    ...(opts.open ? {} : { executionPeriod: { end: new Date(opts.at.getTime() - opts.daysAgo * DAY + 3_600_000).toISOString() } }),
    input: [{ type: { coding: [{ system: SYSTEMS.taskParameter, code: 'service' }] }, valueCode: opts.service }],
  } as Resource;
}

export function visit(id: string, patientRef: string, opts: { at: Date; daysAgo: number; profession: string; practitioner?: string }): Resource {
  const start = new Date(opts.at.getTime() - opts.daysAgo * DAY);
  return {
    resourceType: 'Appointment',
    id,
    meta: register('health'),
    status: 'fulfilled',
    start: start.toISOString(),
    end: new Date(start.getTime() + 1_800_000).toISOString(),
    specialty: [{ coding: [{ system: SYSTEMS.profession, code: opts.profession }] }],
    participant: [
      { actor: { reference: patientRef }, status: 'accepted' },
      { actor: { reference: opts.practitioner ?? PHYSICIAN }, status: 'accepted' },
    ],
  } as Resource;
}

export function sharedPlan(id: string, patientRef: string): Resource {
  return {
    resourceType: 'CarePlan',
    id,
    status: 'active',
    intent: 'plan',
    category: [{ coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/care-plan-category', code: 'shared-client-plan' }] }],
    subject: { reference: patientRef },
  } as Resource;
}

export function consent(id: string, patientRef: string): Resource {
  return {
    resourceType: 'Consent',
    id,
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: SYSTEMS.consentCategory, code: 'register-sharing' }] }],
    patient: { reference: patientRef },
    provision: { type: 'permit' },
  } as Resource;
}

export async function store(server: TestServer, resources: Resource[]): Promise<void> {
  await server.ovi.services.db.transaction(async (tx) => {
    await server.ovi.services.store.createMany(resources.map((r) => ({ ...r, id: r.id ?? '' })), tx);
  });
}
