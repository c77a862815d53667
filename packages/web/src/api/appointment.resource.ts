/**
 * Appointments (docs/API.md "Scheduling and booking") as plain view models: finding free
 * times ($find), booking one ($book), a resident's own appointments and cancelling one, and a
 * professional's own day or week.
 */
import type { Appointment, AppointmentParticipant, Bundle, OperationOutcome, Parameters, Patient } from '@medplum/fhirtypes';
import { EXTENSIONS, SYSTEMS } from '@ovi/domain/src/codes';
import type { LocalizedText } from '@ovi/domain/src/types';
import { reasonHeaders } from './accessReason';
import { api } from './client';
import { FHIR_BASE, idOf, resourcesOf, typeOf } from './fhir';
import { nameOf } from './patient.resource';

/** on-site | phone | video | home-visit (kept open: the server may offer more). */
export type VisitModeCode = string;

export interface AppointmentView {
  id: string;
  /** proposed | booked | cancelled | fulfilled | noshow … */
  status: string;
  start?: string;
  end?: string;
  practitionerRef?: string;
  practitionerName?: string;
  patientRef?: string;
  patientName?: string;
  locationRef?: string;
  locationName?: string;
  /** How the visit happens; a proposal may allow several. */
  modes: VisitModeCode[];
  /** A visit-type code such as `nurse-visit`. */
  visitType?: string;
  slotRef?: string;
  /** Why the search ranked a proposal where it is (own-professional, own-team, after-deadline …). */
  reasons: string[];
  cancelReason?: string;
}

declare const bookingTokenBrand: unique symbol;
/** The proposed Appointment exactly as the server gave it; only `bookProposal` looks inside. */
export type BookingToken = { readonly [bookingTokenBrand]: true };

export interface SlotProposal extends AppointmentView {
  /** The Slot's id (without `Slot/`): stable while the list is refreshed. */
  key: string;
  token: BookingToken;
}

export interface SlotSearch {
  proposals: SlotProposal[];
  /** Set when nothing fits before the deadline: the server's words in fi/sv/en. */
  warning?: Partial<LocalizedText>;
}

const actorOf = (participants: AppointmentParticipant[] | undefined, type: string) =>
  participants?.find((p) => typeOf(p.actor?.reference) === type)?.actor;

function codesOf(appointment: Appointment, url: string): string[] {
  return (appointment.extension ?? []).filter((e) => e.url === url).flatMap((e) => (e.valueCode ? [e.valueCode] : []));
}

export function toAppointmentView(a: Appointment): AppointmentView {
  const practitioner = actorOf(a.participant, 'Practitioner');
  const patient = actorOf(a.participant, 'Patient');
  const location = actorOf(a.participant, 'Location');
  return {
    id: a.id ?? '',
    status: a.status,
    start: a.start,
    end: a.end,
    practitionerRef: practitioner?.reference,
    practitionerName: practitioner?.display,
    patientRef: patient?.reference,
    patientName: patient?.display,
    locationRef: location?.reference,
    locationName: location?.display,
    modes: codesOf(a, EXTENSIONS.visitMode),
    visitType:
      a.appointmentType?.coding?.find((c) => c.system === SYSTEMS.visitType)?.code ??
      a.serviceType?.[0]?.coding?.find((c) => c.system === SYSTEMS.visitType)?.code ??
      a.appointmentType?.coding?.[0]?.code ??
      a.serviceType?.[0]?.coding?.[0]?.code,
    slotRef: a.slot?.[0]?.reference,
    reasons: codesOf(a, EXTENSIONS.rankingReason),
    cancelReason: a.cancelationReason?.text,
  };
}

/** The server's plain words as JSON `{"fi","sv","en"}`, or undefined for any other text. */
export function parseLocalizedJson(text: string | undefined): Partial<LocalizedText> | undefined {
  if (!text?.trim().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && ('fi' in parsed || 'en' in parsed || 'sv' in parsed)) return parsed as Partial<LocalizedText>;
  } catch {
    /* plain text */
  }
  return undefined;
}

/** Localized JSON, or one plain text for every language. */
export function parseLocalized(text: string | undefined): Partial<LocalizedText> | undefined {
  if (!text) return undefined;
  return parseLocalizedJson(text) ?? { fi: text, sv: text, en: text };
}

/* ---------- names of places and professionals the server left without a display ---------- */

const names = new Map<string, Promise<string | undefined>>();

async function loadNames(type: 'Location' | 'Practitioner', refs: string[]): Promise<void> {
  const missing = [...new Set(refs)].filter((r) => !names.has(r));
  if (missing.length === 0) return;
  const ids = missing.map((r) => r.slice(type.length + 1));
  const request = api
    .get<Bundle>(`${FHIR_BASE}/${type}?_id=${ids.map(encodeURIComponent).join(',')}&_count=100`)
    .then((bundle) => {
      const found = new Map<string, string>();
      for (const r of (bundle.entry ?? []).map((e) => e.resource)) {
        if (r?.resourceType === 'Location' && r.name) found.set(`Location/${r.id ?? ''}`, r.name);
        if (r?.resourceType === 'Practitioner') {
          const n = r.name?.[0];
          const text = n?.text ?? [...(n?.given ?? []), n?.family ?? ''].join(' ').trim();
          if (text) found.set(`Practitioner/${r.id ?? ''}`, text);
        }
      }
      return found;
    })
    .catch(() => new Map<string, string>());
  for (const ref of missing) names.set(ref, request.then((found) => found.get(ref)));
}

/** Clients one by one (each read is checked and logged against the professional's relationship). */
function loadPatientNames(refs: string[]): void {
  for (const ref of new Set(refs)) {
    if (names.has(ref)) continue;
    names.set(
      ref,
      api
        .get<Patient>(`${FHIR_BASE}/${ref}`)
        .then((p) => nameOf(p.name) || undefined)
        .catch(() => {
          names.delete(ref); // try again next time
          return undefined;
        }),
    );
  }
}

/** Fills in missing place, professional and (for staff) client names; best effort, never fails. */
async function withNames<T extends AppointmentView>(views: T[], { clients = false } = {}): Promise<T[]> {
  const needPlace = views.flatMap((v) => (v.locationRef && !v.locationName ? [v.locationRef] : []));
  const needPerson = views.flatMap((v) => (v.practitionerRef && !v.practitionerName ? [v.practitionerRef] : []));
  if (clients) loadPatientNames(views.flatMap((v) => (v.patientRef && !v.patientName ? [v.patientRef] : [])));
  await Promise.all([loadNames('Location', needPlace), loadNames('Practitioner', needPerson)]);
  return Promise.all(
    views.map(async (v) => ({
      ...v,
      locationName: v.locationName ?? (v.locationRef ? await names.get(v.locationRef) : undefined),
      practitionerName: v.practitionerName ?? (v.practitionerRef ? await names.get(v.practitionerRef) : undefined),
      patientName: v.patientName ?? (clients && v.patientRef ? await names.get(v.patientRef) : undefined),
    })),
  );
}

/* ---------- finding and booking ---------- */

export interface SlotQuery {
  start: Date;
  /** Usually the contact's deadline. */
  end: Date;
  /** A profession code, as the Task's performerType. */
  profession?: string;
  /** `Patient/<id>` */
  patient?: string;
  visitMode?: VisitModeCode;
  /** A visit-type code (`appointment-type`), e.g. nurse-visit: how residents book themselves. */
  visitType?: string;
  count?: number;
}

const byStart = (a: AppointmentView, b: AppointmentView) => Date.parse(a.start ?? '') - Date.parse(b.start ?? '');

/** `POST /fhir/R4/Appointment/$find`; proposals earliest first. */
export async function findSlots(query: SlotQuery, reason?: string): Promise<SlotSearch> {
  const body: Parameters = {
    resourceType: 'Parameters',
    parameter: [
      { name: 'start', valueDateTime: query.start.toISOString() },
      { name: 'end', valueDateTime: query.end.toISOString() },
      ...(query.profession ? [{ name: 'specialty', valueCodeableConcept: { coding: [{ system: SYSTEMS.profession, code: query.profession }] } }] : []),
      ...(query.visitMode ? [{ name: 'visit-type', valueCode: query.visitMode }] : []),
      ...(query.visitType ? [{ name: 'appointment-type', valueCode: query.visitType }] : []),
      ...(query.patient ? [{ name: 'patient', valueReference: { reference: query.patient } }] : []),
      ...(query.count ? [{ name: 'count', valueInteger: query.count }] : []),
    ],
  };
  const { data } = await api.post<Bundle>(`${FHIR_BASE}/Appointment/$find`, body, reasonHeaders(reason));
  const outcome = resourcesOf<OperationOutcome>(data, 'OperationOutcome')[0];
  const issue = outcome?.issue?.find((i) => i.severity === 'warning' || i.severity === 'information') ?? outcome?.issue?.[0];
  const proposals = resourcesOf<Appointment>(data, 'Appointment')
    .map((a): SlotProposal => {
      const view = toAppointmentView(a);
      return { ...view, key: idOf(view.slotRef) ?? `${view.practitionerRef ?? ''}@${view.start ?? ''}`, token: a as unknown as BookingToken };
    })
    .sort(byStart);
  return { proposals: await withNames(proposals), warning: parseLocalized(issue?.details?.text ?? issue?.diagnostics) };
}

/** `POST /fhir/R4/Appointment/$book`: 201 with the booked Appointment; 409 when the time was just taken. */
export async function bookProposal(token: BookingToken, reason?: string): Promise<AppointmentView> {
  const body: Parameters = { resourceType: 'Parameters', parameter: [{ name: 'appointment', resource: token as unknown as Appointment }] };
  const { data } = await api.post<Appointment>(`${FHIR_BASE}/Appointment/$book`, body, reasonHeaders(reason));
  const [view] = await withNames([toAppointmentView(data)]);
  return view ?? toAppointmentView(data);
}

/* ---------- reading and cancelling ---------- */

export async function fetchAppointment(reference: string, reason?: string): Promise<AppointmentView> {
  const a = await api.get<Appointment>(`${FHIR_BASE}/${reference}`, reasonHeaders(reason));
  const [view] = await withNames([toAppointmentView(a)]);
  return view ?? toAppointmentView(a);
}

/** A resident's own appointments, in time order. */
export async function fetchMyAppointments(patientRef: string): Promise<AppointmentView[]> {
  const bundle = await api.get<Bundle>(`${FHIR_BASE}/Appointment?patient=${encodeURIComponent(patientRef)}&_sort=date&_count=100`);
  return withNames(resourcesOf<Appointment>(bundle, 'Appointment').map(toAppointmentView).sort(byStart));
}

/** FHIR dateTime without milliseconds. */
const instant = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A professional's own appointments between two instants, in time order. */
export async function fetchPractitionerAppointments(practitionerRef: string, from: Date, to: Date): Promise<AppointmentView[]> {
  const query = [
    `practitioner=${encodeURIComponent(practitionerRef)}`,
    `date=ge${encodeURIComponent(instant(from))}`,
    `date=le${encodeURIComponent(instant(to))}`,
    '_sort=date',
    '_count=100',
  ].join('&');
  const bundle = await api.get<Bundle>(`${FHIR_BASE}/Appointment?${query}`);
  return withNames(resourcesOf<Appointment>(bundle, 'Appointment').map(toAppointmentView).sort(byStart), { clients: true });
}

/** Reads the current version and PUTs it back as cancelled (409 when it is too late). */
export async function cancelAppointment(id: string, reasonText?: string, accessReason?: string): Promise<AppointmentView> {
  const path = `${FHIR_BASE}/Appointment/${encodeURIComponent(id)}`;
  const current = await api.get<Appointment>(path, reasonHeaders(accessReason));
  const body: Appointment = { ...current, status: 'cancelled', ...(reasonText ? { cancelationReason: { text: reasonText } } : {}) };
  const version = current.meta?.versionId;
  const { data } = await api.put<Appointment>(path, body, { ...reasonHeaders(accessReason), ...(version ? { 'If-Match': `W/"${version}"` } : {}) });
  return toAppointmentView(data ?? body);
}
