import type { Appointment, Task, TaskOutput } from '@medplum/fhirtypes';
import { SYSTEMS, TASK_CODES } from '@ovi/domain';
import { CONTACT_BOOKING_OUTPUT } from '@ovi/domain/src/bookingSafety';
import type { SqlExecutor } from '../db/database';
import type { ResourceStore } from '../storage/resourceStore';
import { badRequest, conflict } from '../fhir/outcomes';
import { bookingConflict, whenInWords } from './bookingConflicts';

/**
 * One live booking per contact. The contact's Task names its booked visit in
 * `output` `appointment` from the moment it is booked, and the booked Appointment names the
 * Task in `supportingInformation`. Booking locks the Task row, so of two professionals booking
 * for one contact at once the second waits, sees the first booking and is refused (409).
 * Cancelling or moving the visit updates the Task in the same transaction.
 */

const CONTACT_CODES: string[] = [TASK_CODES.clientGuidance, TASK_CODES.routedWork];
const isOpen = (task: Task) => !['completed', 'cancelled', 'rejected', 'failed', 'entered-in-error'].includes(task.status);
const isBookingOutput = (o: TaskOutput) => o.type.coding?.some((c) => c.code === CONTACT_BOOKING_OUTPUT) === true;

/** The contact's booked visit as its Task records it (`Appointment/<id>`). */
export function bookingOf(task: Task): string | undefined {
  return task.output?.find(isBookingOutput)?.valueReference?.reference;
}

function withBooking(task: Task, appointment: string | undefined): Task {
  const rest = (task.output ?? []).filter((o) => !isBookingOutput(o));
  const output: TaskOutput[] = appointment ? [...rest, { type: { coding: [{ system: SYSTEMS.taskParameter, code: CONTACT_BOOKING_OUTPUT }] }, valueReference: { reference: appointment } }] : rest;
  const { output: _old, ...without } = task;
  return output.length > 0 ? { ...without, output } : without;
}

/** The Task an Appointment was booked for (`Task/<id>`), if any. */
export function contactOf(appointment: Appointment): string | undefined {
  return appointment.supportingInformation?.find((r) => r.reference?.startsWith('Task/'))?.reference;
}

/** Checks made before the transaction: the Task is a contact of this client that is still open. */
export function assertBookableContact(task: Task, taskRef: string, patient: string): void {
  if (!CONTACT_CODES.includes(task.code?.coding?.[0]?.code ?? '')) throw badRequest(`${taskRef} is not a contact`, ['Parameters.parameter.task']);
  if (task.for?.reference !== patient) throw badRequest(`${taskRef} is not a contact of ${patient}`, ['Parameters.parameter.task']);
  if (!isOpen(task)) throw conflict(`${taskRef} was already resolved (${task.businessStatus?.coding?.[0]?.code ?? task.status})`);
}

/** The booked, not yet ended visit a Task names, read in `tx`. */
export async function liveBooking(store: ResourceStore, tx: SqlExecutor, task: Task, now: number): Promise<Appointment | undefined> {
  const ref = bookingOf(task);
  if (!ref?.startsWith('Appointment/')) return undefined;
  const appointment = await store.readOptional<Appointment>('Appointment', ref.slice('Appointment/'.length), tx);
  if (appointment?.status !== 'booked') return undefined;
  return Date.parse(appointment.end ?? appointment.start ?? '') > now ? appointment : undefined;
}

/** 409 naming the contact's booked visit. */
export function contactAlreadyBooked(existing: Appointment): Error {
  const start = new Date(existing.start ?? '');
  const end = existing.end ? new Date(existing.end) : undefined;
  const who = existing.participant.find((p) => p.actor?.reference?.startsWith('Practitioner/'))?.actor?.display;
  const visit = (l: 'fi' | 'sv' | 'en') => [whenInWords(start, end, l), who].filter(Boolean).join(', ');
  return bookingConflict(
    'contact-booked',
    {
      fi: `Tälle yhteydenotolle on jo varattu aika: ${visit('fi')}. Käytä sitä tai peru se ensin.`,
      sv: `För den här kontakten finns redan en bokad tid: ${visit('sv')}. Använd den eller avboka den först.`,
      en: `This contact already has a booked visit: ${visit('en')}. Use it, or cancel it first.`,
    },
    `Appointment/${existing.id ?? ''}`,
  );
}

/**
 * In the booking transaction, after the Slot is taken: locks the contact's Task, refuses when
 * it already has a live booking or was resolved meanwhile, and records the new booking.
 */
export async function claimContact(store: ResourceStore, tx: SqlExecutor, taskId: string, appointmentId: string, now: number): Promise<void> {
  await store.update<Task>(
    'Task',
    taskId,
    async (task) => {
      if (!isOpen(task)) throw conflict(`Task/${taskId} was already resolved (${task.businessStatus?.coding?.[0]?.code ?? task.status})`);
      const existing = await liveBooking(store, tx, task, now);
      if (existing) throw contactAlreadyBooked(existing);
      return withBooking(task, `Appointment/${appointmentId}`);
    },
    { tx },
  );
}

/**
 * In a cancelling or moving transaction: the open Task that names `from` names `to` instead
 * (none when cancelled). A resolved contact keeps its record of what was decided.
 */
export async function passContact(store: ResourceStore, tx: SqlExecutor, from: Appointment, to: string | undefined): Promise<void> {
  const taskRef = contactOf(from);
  if (!taskRef) return;
  const task = await store.readOptional<Task>('Task', taskRef.slice('Task/'.length), tx);
  if (!task || !isOpen(task) || bookingOf(task) !== `Appointment/${from.id ?? ''}`) return;
  await store.update<Task>(
    'Task',
    task.id,
    (latest) => (isOpen(latest) && bookingOf(latest) === `Appointment/${from.id ?? ''}` ? withBooking(latest, to) : latest),
    { tx },
  );
}
