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

export function segmentObservation(id: string, patientRef: string, segment: string, at: Date): Resource {
  return {
    resourceType: 'Observation',
    id,
    meta: register('health'),
    status: 'final',
    code: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/segmentation', code: 'client-segment' }] },
    subject: { reference: patientRef },
    effectiveDateTime: at.toISOString(),
    valueCodeableConcept: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/client-segment', code: segment }] },
  } as Resource;
}

/**
 * The high-need data set (times relative to `at`):
 * - Anna: 6 contacts + 4 visits (10), services primary care, physiotherapy, mental health + the physician (4);
 *   open matters in both registers, no consent; no plan.
 * - Bertta: 5 contacts + 4 visits (9, one short), 2 services; latest segment network.
 * - Carl: 10 contacts, 3 services, an active shared plan.
 * - Dora: 10 contacts, 3 services, open matters in both registers and consent to share.
 * - Eero: 12 contacts with the Kannus team only.
 * - Frans: 10 social-welfare contacts of the team's social instructor, 3 services: health staff never see him.
 */
export function highNeedDataSet(at: Date): Resource[] {
  const r: Resource[] = [];
  const people: Array<[string, string, '272' | '217']> = [['anna', 'Aalto', '272'], ['bertta', 'Berg', '272'], ['carl', 'Carlsson', '272'], ['dora', 'Dahl', '217'], ['eero', 'Eskola', '217'], ['frans', 'Forsman', '272']];
  for (const [id, family, municipality] of people) r.push(patient(`p-hn-${id}`, family, municipality));
  const contacts = (who: string, n: number, services: string[], extra: Partial<Parameters<typeof task>[2]> = {}) => {
    for (let i = 0; i < n; i++) r.push(task(`hn-${who}-${i}`, `Patient/p-hn-${who}`, { at, daysAgo: 10 + i * 20, service: services[i % services.length] ?? 'primary-care', ...extra }));
  };
  contacts('anna', 6, ['primary-care', 'physiotherapy', 'mental-health']);
  for (let i = 0; i < 4; i++) r.push(visit(`hn-anna-v${i}`, 'Patient/p-hn-anna', { at, daysAgo: 30 + i * 40, profession: 'physician' }));
  r.push(task('hn-anna-open-h', 'Patient/p-hn-anna', { at, daysAgo: 2, service: 'primary-care', open: true, kind: 'routed-work' }));
  r.push(task('hn-anna-open-s', 'Patient/p-hn-anna', { at, daysAgo: 2, service: 'social-services', open: true, reg: 'social', owner: 'HealthcareService/svc-social-guidance', kind: 'social-notice' }));
  contacts('bertta', 5, ['primary-care']);
  for (let i = 0; i < 4; i++) r.push(visit(`hn-bertta-v${i}`, 'Patient/p-hn-bertta', { at, daysAgo: 30 + i * 40, profession: 'physician' }));
  r.push(segmentObservation('hn-bertta-seg', 'Patient/p-hn-bertta', 'network', new Date(at.getTime() - 5 * DAY)));
  contacts('carl', 10, ['primary-care', 'physiotherapy', 'mental-health']);
  r.push(sharedPlan('hn-carl-plan', 'Patient/p-hn-carl'));
  contacts('dora', 10, ['primary-care', 'physiotherapy', 'mental-health']);
  r.push(task('hn-dora-open-h', 'Patient/p-hn-dora', { at, daysAgo: 2, service: 'primary-care', open: true, kind: 'routed-work' }));
  r.push(task('hn-dora-open-s', 'Patient/p-hn-dora', { at, daysAgo: 2, service: 'social-services', open: true, reg: 'social', owner: 'HealthcareService/svc-social-guidance', kind: 'social-notice' }));
  r.push(consent('hn-dora-consent', 'Patient/p-hn-dora'));
  contacts('eero', 12, ['primary-care', 'physiotherapy', 'mental-health'], { owner: 'CareTeam/team-kannus' });
  contacts('frans', 10, ['social-services', 'social-guidance', 'income-support'], { reg: 'social', owner: 'Practitioner/pr-jonna-vitikka', kind: 'social-notice' });
  // A contact more than twelve months ago counts for nothing.
  r.push(task('hn-bertta-old', 'Patient/p-hn-bertta', { at, daysAgo: 400, service: 'oral-health' }));
  return r;
}
