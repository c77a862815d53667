/** A professional's own need assessment of a contact (`Task/{id}/$assess`) and the services to choose from. */
import type { Parameters, Task } from '@medplum/fhirtypes';
import { reasonHeaders } from './accessReason';
import { api } from './client';
import { FHIR_BASE } from './fhir';
import { toContactTask, type ContactTask } from './task.resource';

/** Health and social welfare are separate registers; a service belongs to one. */
export type Register = 'health' | 'social';

export interface ServiceChoice {
  code: string;
  register: Register;
}

export async function fetchServices(): Promise<ServiceChoice[]> {
  const answer = await api.get<{ services?: Array<Partial<ServiceChoice>> }>('/api/guidance/services');
  return (answer.services ?? []).flatMap((s) => (s.code ? [{ code: s.code, register: s.register === 'social' ? ('social' as const) : ('health' as const) }] : []));
}

export interface Assessment {
  urgency: string;
  service?: string;
  profession?: string;
  note?: string;
}

/**
 * Records the assessment; the server answers with the Task, its priority and deadlines
 * following it. 403: not registered for the matter's register; 409: already resolved.
 */
export async function assessContact(taskId: string, assessment: Assessment, reason?: string): Promise<ContactTask> {
  const note = assessment.note?.trim();
  const body: Parameters = {
    resourceType: 'Parameters',
    parameter: [
      { name: 'urgency', valueCode: assessment.urgency },
      ...(assessment.service ? [{ name: 'service', valueCode: assessment.service }] : []),
      ...(assessment.profession ? [{ name: 'profession', valueCode: assessment.profession }] : []),
      ...(note ? [{ name: 'note', valueString: note }] : []),
    ],
  };
  const { data } = await api.post<Task>(`${FHIR_BASE}/Task/${encodeURIComponent(taskId)}/$assess`, body, reasonHeaders(reason));
  return toContactTask(data);
}
