/**
 * Appointments (docs/API.md "Scheduling and booking") as plain view models: finding free
 * times ($find), booking one ($book, for a contact or not), moving one ($move), a resident's own
 * appointments and cancelling one, the add-to-calendar file, and a professional's own day or week.
 */
import type { Appointment, AppointmentParticipant, Bundle, OperationOutcome, Parameters, Patient, Task } from '@medplum/fhirtypes';
import { EXTENSIONS, SYSTEMS } from '@ovi/domain/src/codes';
import type { Language, LocalizedText } from '@ovi/domain/src/types';
import { BOOKING_EXTENSIONS, BOOKING_ISSUE_EXPRESSION, type BookingIssue } from '@ovi/domain/src/bookingSafety';
import { WAIT_LIST_EXTENSION } from '@ovi/domain/src/waitListCodes';
import { reasonHeaders } from './accessReason';
import { api, ApiError, request } from './client';
import i18n from 'i18next';
import { currentLanguage } from '../i18n';
import { FHIR_BASE, idOf, placeName, resourcesOf, typeOf } from './fhir';
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
  /** The unit's phone (Location telecom), for "call us" when the time can no longer be changed here. */
  locationPhone?: string;
  /** `Task/<id>` of the contact this visit was booked for. */
  contactRef?: string;
  /** `Appointment/<id>` this one replaced when the time was moved. */
  replacesRef?: string;
  /** The client waits for an earlier time (the wait list). */
  waitingForEarlier?: boolean;
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
    contactRef: a.supportingInformation?.find((r) => r.reference?.startsWith('Task/'))?.reference,
    replacesRef: a.extension?.find((e) => e.url === BOOKING_EXTENSIONS.replaces)?.valueReference?.reference,
    ...(a.status === 'booked' && a.extension?.some((e) => e.url === WAIT_LIST_EXTENSION && e.valueBoolean === true) ? { waitingForEarlier: true } : {}),
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
/** Phones of units (Location telecom), filled in with their names. */
const phones = new Map<string, Promise<string | undefined>>();
// Places are named in the user's language: read again after a change of language.
i18n.on('languageChanged', () => {
  for (const ref of names.keys()) if (ref.startsWith('Location/')) names.delete(ref);
});

async function loadNames(type: 'Location' | 'Practitioner', refs: string[]): Promise<void> {
  const missing = [...new Set(refs)].filter((r) => !names.has(r));
  if (missing.length === 0) return;
  const ids = missing.map((r) => r.slice(type.length + 1));
  const loaded = api
    .get<Bundle>(`${FHIR_BASE}/${type}?_id=${ids.map(encodeURIComponent).join(',')}&_count=100`)
    .then((bundle) => {
      const found = new Map<string, string>();
      const phoneFound = new Map<string, string>();
      for (const r of (bundle.entry ?? []).map((e) => e.resource)) {
        // A place in the user's language (Karleby for Kokkola); the appointment's display is Finnish.
        if (r?.resourceType === 'Location' && r.name) found.set(`Location/${r.id ?? ''}`, placeName(r, currentLanguage()) ?? r.name);
        const phone = r?.resourceType === 'Location' ? r.telecom?.find((c) => c.system === 'phone' && c.value)?.value : undefined;
        if (phone) phoneFound.set(`Location/${r?.id ?? ''}`, phone);
        if (r?.resourceType === 'Practitioner') {
          const n = r.name?.[0];
          const text = n?.text ?? [...(n?.given ?? []), n?.family ?? ''].join(' ').trim();
          if (text) found.set(`Practitioner/${r.id ?? ''}`, text);
        }
      }
      return { found, phoneFound };
    })
    .catch(() => ({ found: new Map<string, string>(), phoneFound: new Map<string, string>() }));
  for (const ref of missing) {
    names.set(ref, loaded.then(({ found }) => found.get(ref)));
    phones.set(ref, loaded.then(({ phoneFound }) => phoneFound.get(ref)));
  }
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
export async function withNames<T extends AppointmentView>(views: T[], { clients = false } = {}): Promise<T[]> {
  // Every unit is read (once per language) for its name in the user's language and its phone.
  const needPlace = views.flatMap((v) => (v.locationRef ? [v.locationRef] : []));
  const needPerson = views.flatMap((v) => (v.practitionerRef && !v.practitionerName ? [v.practitionerRef] : []));
  if (clients) loadPatientNames(views.flatMap((v) => (v.patientRef && !v.patientName ? [v.patientRef] : [])));
  await Promise.all([loadNames('Location', needPlace), loadNames('Practitioner', needPerson)]);
  return Promise.all(
    views.map(async (v) => ({
      ...v,
      locationName: (v.locationRef ? await names.get(v.locationRef) : undefined) ?? v.locationName,
      locationPhone: v.locationPhone ?? (v.locationRef ? await phones.get(v.locationRef) : undefined),
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

export interface BookOptions {
  /** The professional's recorded reason (X-Access-Reason). */
  reason?: string;
  /** `Task/<id>`: the contact the visit is booked for; the server allows one booked visit per contact. */
  task?: string;
  /** The overlap warning was seen and the time is booked anyway. */
  allowOverlap?: boolean;
}

const bookingParameters = (token: BookingToken, options: BookOptions): Parameters => ({
  resourceType: 'Parameters',
  parameter: [
    { name: 'appointment', resource: token as unknown as Appointment },
    ...(options.task ? [{ name: 'task', valueReference: { reference: options.task } }] : []),
    ...(options.allowOverlap ? [{ name: 'allowOverlap', valueBoolean: true }] : []),
  ],
});

/**
 * `POST /fhir/R4/Appointment/$book`: 201 with the booked Appointment; 409 when the time was just
 * taken, the contact already has a booked visit, or the client has another visit then
 * (`bookingConflictOf` tells which).
 */
export async function bookProposal(token: BookingToken, options: BookOptions = {}): Promise<AppointmentView> {
  const { data } = await api.post<Appointment>(`${FHIR_BASE}/Appointment/$book`, bookingParameters(token, options), reasonHeaders(options.reason));
  const [view] = await withNames([toAppointmentView(data)]);
  return view ?? toAppointmentView(data);
}

/**
 * `POST /fhir/R4/Appointment/{id}/$move`: the new time booked and the old one cancelled in one
 * step, or nothing (409 inside the notice, or when the new time was taken or overlaps).
 */
export async function moveAppointment(id: string, token: BookingToken, options: Omit<BookOptions, 'task'> = {}): Promise<AppointmentView> {
  const { data } = await api.post<Appointment>(`${FHIR_BASE}/Appointment/${encodeURIComponent(id)}/$move`, bookingParameters(token, options), reasonHeaders(options.reason));
  const [view] = await withNames([toAppointmentView(data)]);
  return view ?? toAppointmentView(data);
}

/** A booking, move or cancellation the server refused (409), read from its OperationOutcome. */
export interface BookingConflict {
  kind: BookingIssue | 'other';
  /** The server's words in fi/sv/en (or one plain text). */
  text?: Partial<LocalizedText>;
  /** `Appointment/<id>` in the way: the contact's booking, or the overlapping visit. */
  appointmentRef?: string;
}

const KIND_BY_EXPRESSION = new Map(Object.entries(BOOKING_ISSUE_EXPRESSION).map(([kind, expression]) => [expression, kind as BookingIssue]));

export function bookingConflictOf(error: unknown): BookingConflict | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const issue = error.issues[0];
  const kind = issue?.expression.map((e) => KIND_BY_EXPRESSION.get(e)).find((k) => k !== undefined) ?? 'other';
  const ref = /Appointment\/([A-Za-z0-9\-.]{1,64})/.exec(issue?.diagnostics ?? '')?.[0];
  return { kind, text: parseLocalized(issue?.message), ...(ref ? { appointmentRef: ref } : {}) };
}

/* ---------- the contact's booking, booking rules, calendar file ---------- */

/** The booked visit a contact's Task names (its `output` `appointment`), if it is still booked. */
export async function fetchContactBooking(taskId: string, reason?: string): Promise<AppointmentView | undefined> {
  const task = await api.get<Task>(`${FHIR_BASE}/Task/${encodeURIComponent(taskId)}`, reasonHeaders(reason));
  const ref = task.output?.find((o) => o.type.coding?.[0]?.code === 'appointment')?.valueReference?.reference;
  if (!ref?.startsWith('Appointment/')) return undefined;
  const appointment = await fetchAppointment(ref, reason);
  return appointment.status === 'booked' ? appointment : undefined;
}

export interface BookingRules {
  /** Residents cancel or move their own times here up to this many hours before. */
  cancelNoticeHours: number;
  horizonDays: number;
}

/** `GET /api/scheduling/settings`. */
export async function fetchBookingRules(): Promise<BookingRules> {
  const raw = await api.get<Partial<BookingRules>>('/api/scheduling/settings');
  return { cancelNoticeHours: typeof raw.cancelNoticeHours === 'number' ? raw.cancelNoticeHours : 24, horizonDays: typeof raw.horizonDays === 'number' ? raw.horizonDays : 42 };
}

/**
 * `GET /api/appointments/{id}/calendar.ics`, saved as a file: the request carries the session's
 * token, so a plain link would not do.
 */
export async function downloadCalendarFile(id: string, lang: Language): Promise<void> {
  const { data, headers } = await request<string>('GET', `/api/appointments/${encodeURIComponent(id)}/calendar.ics?lang=${lang}`, { headers: { Accept: 'text/calendar' } });
  const filename = /filename="([^"]+)"/.exec(headers.get('Content-Disposition') ?? '')?.[1] ?? 'ovi.ics';
  const url = URL.createObjectURL(new Blob([typeof data === 'string' ? data : String(data)], { type: 'text/calendar;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
