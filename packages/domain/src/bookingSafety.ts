/**
 * Rules that keep bookings from going wrong (docs/decisions/006-booking-in-one-step.md): one
 * live booking per contact, a warning before overlapping visits of one client, and the notice
 * after which a resident no longer changes a time themselves. Pure: no I/O.
 */
import { OVI_FHIR_BASE } from './codes';

/** Why a booking, move or cancellation was refused (409): `OperationOutcome.issue[].details.coding`. */
export const BOOKING_ISSUE_SYSTEM = `${OVI_FHIR_BASE}/CodeSystem/booking-issue`;

export const BOOKING_ISSUES = {
  /** The time was taken meanwhile (or has passed). */
  slotTaken: 'slot-taken',
  /** The contact already has a booked visit: use it, or cancel it first. */
  contactBooked: 'contact-booked',
  /** The client has another visit at an overlapping time; `allowOverlap` books anyway. */
  overlap: 'overlap',
  /** Too close to the start for the resident to cancel or move it here. */
  noticePassed: 'notice-passed',
  /** The appointment is no longer booked (cancelled or moved meanwhile). */
  notBooked: 'not-booked',
} as const;

export type BookingIssue = (typeof BOOKING_ISSUES)[keyof typeof BOOKING_ISSUES];

/**
 * Where in the request each refusal points (`issue[].expression`), so that any client can tell
 * them apart without reading the words.
 */
export const BOOKING_ISSUE_EXPRESSION: Record<BookingIssue, string> = {
  'slot-taken': 'Appointment.slot',
  'contact-booked': 'Parameters.parameter.task',
  overlap: 'Parameters.parameter.allowOverlap',
  'notice-passed': 'Appointment.start',
  'not-booked': 'Appointment.status',
};

export const BOOKING_EXTENSIONS = {
  /** On a refusal's issue: the Appointment in the way (valueReference). */
  conflictingAppointment: `${OVI_FHIR_BASE}/StructureDefinition/conflicting-appointment`,
  /** On an Appointment made by `$move`: the Appointment it replaced (valueReference). */
  replaces: `${OVI_FHIR_BASE}/StructureDefinition/replaces-appointment`,
} as const;

/** The Task output type that names the contact's booked visit (`Task.output[].type`). */
export const CONTACT_BOOKING_OUTPUT = 'appointment';

const HOUR_MS = 3_600_000;

/** The last moment a resident may cancel or move a visit starting at `start` themselves. */
export function changeableUntil(start: Date, noticeHours: number): Date {
  return new Date(start.getTime() - Math.max(0, noticeHours) * HOUR_MS);
}

/** Whether a resident may still cancel or move the visit themselves at `now`. */
export function residentMayChange(start: Date, noticeHours: number, now: Date): boolean {
  if (Number.isNaN(start.getTime())) return false;
  return now.getTime() <= changeableUntil(start, noticeHours).getTime();
}

export interface TimeSpan {
  start: Date;
  end: Date;
}

/** Two half-open spans [start, end) overlap: touching end to start is not an overlap. */
export function spansOverlap(a: TimeSpan, b: TimeSpan): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}
