/**
 * Consultations between professionals (docs/API.md "Consultations"): asking a colleague, a team
 * or a service about a client (`POST /fhir/R4/Task`), the inbox and outbox across clients
 * (`GET /api/consultations`), their counts for the navigation, and answering (`Task/{id}/$answer`).
 */
import type { Bundle, Practitioner, Task } from '@medplum/fhirtypes';
import { SYSTEMS } from '@ovi/domain/src/codes';
import { api } from './client';
import { FHIR_BASE, resourcesOf } from './fhir';
import { fetchRouteTargets } from './guidance.resource';
import { nameOf } from './patient.resource';

export interface Party {
  reference: string;
  name?: string;
}

export interface ConsultationItem {
  /** `Task/<id>`. */
  task: string;
  status: string;
  open: boolean;
  patient: Party & { birthDate?: string };
  askedBy?: Party;
  askedAt?: string;
  owner?: Party;
  due?: string;
  /** The contact the question is about (`Task/<id>`). */
  contact?: string;
  question?: string;
  answer?: string;
  answeredBy?: Party;
  answeredAt?: string;
  /** The question is in the other register: its words are not shown. */
  restricted?: 'register';
}

export type ConsultationBox = 'inbox' | 'outbox';

export async function fetchConsultations(box: ConsultationBox): Promise<ConsultationItem[]> {
  const answer = await api.get<{ items?: ConsultationItem[] }>(`/api/consultations?box=${box}&state=all`);
  return answer.items ?? [];
}

export interface ConsultationTarget {
  reference: string;
  name: string;
  kind: 'professional' | 'team' | 'service';
  /** A professional's profession code (`profession.*` in the translations). */
  profession?: string;
}

/** Whom one may ask: professionals (not oneself), teams and services, by name. */
/**
 * Whom a question can go to: every active professional with a qualification (administrators and
 * managers without one cannot answer about a client), all pages of them — a region has hundreds —
 * then the teams and services.
 */
export async function fetchConsultationTargets(self: string): Promise<ConsultationTarget[]> {
  const [people, groups] = await Promise.all([allPractitioners(), fetchRouteTargets()]);
  const professionals = people
    .filter((p) => (p.qualification ?? []).length > 0)
    .map((p): ConsultationTarget => ({ reference: `Practitioner/${p.id ?? ''}`, name: nameOf(p.name) || (p.id ?? ''), kind: 'professional', profession: professionOf(p) }))
    .filter((p) => p.reference !== self)
    .sort((a, b) => a.name.localeCompare(b.name, 'fi'));
  return [...professionals, ...groups.map((g) => ({ ...g }))];
}

/** The profession code of a practitioner's first qualification in Ovi's profession system. */
function professionOf(p: Practitioner): string | undefined {
  return p.qualification?.flatMap((q) => q.code.coding ?? []).find((c) => c.system === SYSTEMS.profession)?.code;
}

/** Follows the search's `next` links; a bound stops a server that would page forever. */
async function allPractitioners(): Promise<Practitioner[]> {
  const found: Practitioner[] = [];
  let url: string | undefined = `${FHIR_BASE}/Practitioner?active=true&_count=100`;
  for (let page = 0; url && page < 50; page += 1) {
    const bundle: Bundle = await api.get<Bundle>(url);
    found.push(...resourcesOf<Practitioner>(bundle, 'Practitioner'));
    const next = bundle.link?.find((l) => l.relation === 'next')?.url;
    url = next ? next.slice(next.indexOf(FHIR_BASE)) : undefined;
  }
  return found;
}

export interface ConsultationRequest {
  patientRef: string;
  owner: string;
  question: string;
  /** YYYY-MM-DD: answered by the end of this day (Finnish time). */
  dueDate: string;
  /** `Task/<id>` of the contact the question is about. */
  contact?: string;
}

/** The end of a Finnish calendar day as an instant (23:59 in Helsinki, summer time or not). */
export function endOfHelsinkiDay(date: string): string {
  const probe = new Date(`${date}T12:00:00Z`);
  const offsetHours = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit', hour12: false }).format(probe)) - 12;
  return new Date(Date.parse(`${date}T23:59:00Z`) - offsetHours * 3_600_000).toISOString();
}

export async function askConsultation(request: ConsultationRequest): Promise<string> {
  const task: Task = {
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    code: { coding: [{ system: SYSTEMS.taskCode, code: 'consultation' }] },
    for: { reference: request.patientRef },
    ...(request.contact ? { focus: { reference: request.contact } } : {}),
    owner: { reference: request.owner },
    restriction: { period: { end: endOfHelsinkiDay(request.dueDate) } },
    input: [{ type: { coding: [{ system: SYSTEMS.taskParameter, code: 'question' }] }, valueString: request.question }],
  };
  const { data } = await api.post<Task>(`${FHIR_BASE}/Task`, task);
  return `Task/${data.id ?? ''}`;
}

export async function answerConsultation(taskRef: string, answer: string): Promise<void> {
  await api.post(`${FHIR_BASE}/${taskRef}/$answer`, { resourceType: 'Parameters', parameter: [{ name: 'answer', valueString: answer }] });
}
