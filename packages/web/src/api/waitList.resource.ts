/**
 * The wait list for an earlier time (docs/API.md "Wait list"): the resident's entries and open
 * offers (their own and those of whom they act for), joining, leaving, and accepting an offer,
 * which moves the visit to the offered time in one step.
 */
import type { Appointment } from '@medplum/fhirtypes';
import { request, api } from './client';
import { toAppointmentView, type AppointmentView } from './appointment.resource';

export interface WaitWindowView {
  /** "09:00": no time starting earlier in the day. */
  notBefore?: string;
  notAfter?: string;
  weekdaysOnly?: boolean;
}

export interface WaitListEntry extends WaitWindowView {
  /** `Appointment/<id>` */
  appointment: string;
  patient: string;
  joinedAt: string;
}

export interface WaitListOffer {
  id: string;
  appointment: string;
  patient: string;
  /** Set when the offer is for someone the resident acts for. */
  patientName?: string;
  start: string;
  end: string;
  expiresAt: string;
  practitioner?: { reference?: string; display?: string };
  location?: { reference?: string; display?: string };
}

export interface WaitListState {
  entries: WaitListEntry[];
  offers: WaitListOffer[];
}

export function fetchWaitList(): Promise<WaitListState> {
  return api.get<WaitListState>('/api/wait-list');
}

export async function joinWaitList(appointmentId: string, window: WaitWindowView): Promise<WaitListEntry> {
  return (await api.post<WaitListEntry>('/api/wait-list', { appointment: `Appointment/${appointmentId}`, ...window })).data;
}

export async function leaveWaitList(appointmentId: string): Promise<void> {
  await request<void>('DELETE', `/api/wait-list/${encodeURIComponent(appointmentId)}`);
}

/** Takes the offered time; the old one is cancelled in the same step. */
export async function acceptOffer(offerId: string): Promise<AppointmentView> {
  const { data } = await api.post<Appointment>(`/api/wait-list/offers/${encodeURIComponent(offerId)}/accept`, undefined);
  return toAppointmentView(data);
}
