/**
 * What a professional needs to call a client back and decide (`GET /api/clients/{id}/overview`):
 * phone numbers, preferred language, open matters, contacts and visits of the last twelve months,
 * and for a child the guardians. One call; read, like any client data, through a care
 * relationship or with the recorded reason (X-Access-Reason), and audited.
 */
import type { Language } from '@ovi/domain/src/types';
import { reasonHeaders } from './accessReason';
import { api } from './client';
import { idOf } from './fhir';

export interface Phone {
  value: string;
  use?: string;
}

export interface Party {
  reference?: string;
  name?: string;
}

export interface Matter {
  /** `Task/<id>`. */
  task: string;
  /** `contact`, `routed-work`, `consultation` or `other`. */
  kind: string;
  status: string;
  open: boolean;
  authoredOn?: string;
  closedAt?: string;
  outcome?: string;
  channel?: string;
  urgency?: string;
  service?: string;
  summary?: string;
  deadline?: string;
  owner?: Party;
  basedOn?: string;
  /** The routing professional's internal note to the team that received the work. */
  handover?: { text: string; by?: Party };
  /** A consultation's question, who asked, and the answer once given. */
  consultation?: { question?: string; askedBy?: Party; answer?: string; answeredBy?: Party; answeredAt?: string };
}

export interface Visit {
  appointment: string;
  status: string;
  start?: string;
  end?: string;
  practitioner?: Party;
  location?: Party;
  visitType?: string;
  modes: string[];
}

export interface Guardian {
  reference: string;
  name: string;
  relationship: string[];
  phones: Phone[];
}

export interface ClientOverview {
  patient: {
    reference: string;
    name: string;
    birthDate?: string;
    age?: number;
    phones: Phone[];
    language?: string;
    languageDisplay?: string;
  };
  guardians: Guardian[];
  openMatters: Matter[];
  contacts: Matter[];
  appointments: Visit[];
  since: string;
}

/** The client's preferred language when it is one Ovi writes in. */
export function replyLanguageOf(overview: ClientOverview | undefined): Language | undefined {
  const code = overview?.patient.language;
  return code === 'fi' || code === 'sv' || code === 'en' ? code : undefined;
}

/** The hand-over note that came with this Task, if the overview shows one. */
export function handoverFor(overview: ClientOverview | undefined, taskRef: string): Matter['handover'] {
  return [...(overview?.openMatters ?? []), ...(overview?.contacts ?? [])].find((m) => m.task === taskRef)?.handover;
}

export async function fetchClientOverview(patientRef: string, reason?: string): Promise<ClientOverview> {
  const id = idOf(patientRef) ?? '';
  const answer = await api.get<Partial<ClientOverview>>(`/api/clients/${encodeURIComponent(id)}/overview`, reasonHeaders(reason));
  return {
    patient: { reference: patientRef, name: '', phones: [], ...answer.patient },
    guardians: answer.guardians ?? [],
    openMatters: answer.openMatters ?? [],
    contacts: answer.contacts ?? [],
    appointments: answer.appointments ?? [],
    since: answer.since ?? '',
  };
}
