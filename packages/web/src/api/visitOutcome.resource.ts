/**
 * One visit as the professional opens it from the day view, and recording how it went
 * (`POST /fhir/R4/Appointment/{id}/$outcome`, with the version seen as If-Match).
 */
import type { Appointment, Task } from '@medplum/fhirtypes';
import { VISIT_OUTCOME_EXTENSIONS, type VisitOutcome } from '@ovi/domain/src/visitOutcome';
import { api } from './client';
import { FHIR_BASE } from './fhir';
import { toAppointmentView, withNames, type AppointmentView } from './appointment.resource';

export interface VisitDetail extends AppointmentView {
  versionId?: string;
  /** What was written when the time was booked. */
  comment?: string;
  /** The summary of the contact the visit was booked for. */
  contactSummary?: string;
  recordedBy?: string;
  recordedAt?: string;
}

function detailOf(raw: Appointment, view: AppointmentView): VisitDetail {
  const ext = (url: string) => raw.extension?.find((e) => e.url === url);
  return {
    ...view,
    versionId: raw.meta?.versionId,
    comment: raw.comment,
    recordedBy: ext(VISIT_OUTCOME_EXTENSIONS.recordedBy)?.valueReference?.display,
    recordedAt: ext(VISIT_OUTCOME_EXTENSIONS.recordedAt)?.valueDateTime,
  };
}

export async function fetchVisit(id: string): Promise<VisitDetail> {
  const raw = await api.get<Appointment>(`${FHIR_BASE}/Appointment/${encodeURIComponent(id)}`);
  const [view] = await withNames([toAppointmentView(raw)], { clients: true });
  const detail = detailOf(raw, view ?? toAppointmentView(raw));
  if (!detail.contactRef) return detail;
  // The contact's words are the reason for the visit; best effort (the visit shows without them).
  const contact = await api.get<Task>(`${FHIR_BASE}/${detail.contactRef}`).catch(() => undefined);
  return { ...detail, ...(contact?.description ? { contactSummary: contact.description } : {}) };
}

export async function recordVisitOutcome(visit: VisitDetail, outcome: VisitOutcome, reason?: string): Promise<VisitDetail> {
  const body = { resourceType: 'Parameters', parameter: [{ name: 'outcome', valueCode: outcome }, ...(reason ? [{ name: 'reason', valueString: reason }] : [])] };
  const headers = visit.versionId ? { 'If-Match': `W/"${visit.versionId}"` } : undefined;
  const { data } = await api.post<Appointment>(`${FHIR_BASE}/Appointment/${encodeURIComponent(visit.id)}/$outcome`, body, headers);
  return { ...visit, ...detailOf(data, { ...visit, status: data.status, cancelReason: data.cancelationReason?.text }) };
}
