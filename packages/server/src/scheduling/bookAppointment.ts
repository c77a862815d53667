import { randomUUID } from 'node:crypto';
import type { Appointment, Resource, Slot, Task } from '@medplum/fhirtypes';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import type { Stored } from '../storage/resourceStore';
import { OperationParameters } from '../fhir/parameters';
import { badRequest, forbidden } from '../fhir/outcomes';
import { localReference } from '../fhir/references';
import { hasRole, isStaff } from '../auth/userContext';
import type { AccessGrant } from '../access/accessPolicy';
import type { SchedulingSettings } from './schedulingSettings';
import type { AppointmentNotifier } from '../notifications/appointmentNotifier';
import { nowMs } from '../time/clock';
import { markWrittenByReason } from '../access/accessBasis';
import { inRegister } from '../access/registerLabels';
import { allowOverlapOf, assertNoOverlap, assertResidentMayBook, bookedAppointment, modesFor, proposedTime, registerOfVisit, scheduleOf, takeSlot } from './bookingSteps';
import { slotTaken } from './bookingConflicts';
import { assertBookableContact, claimContact } from './contactBooking';
import { MoveAppointment } from './moveAppointment';
import { AppointmentCalendar, type CalendarFile } from './appointmentCalendar';
import type { WaitListMatching } from './waitListMatching';

/**
 * `Appointment/$book`: books one proposed Appointment atomically. In one transaction the Slot
 * row is locked and must still be free; with `task`, the contact's Task row is locked and must
 * not already have a booked visit; the client must have no other visit at an overlapping time
 * unless `allowOverlap` confirms it. So two parallel bookings of one slot, or for one contact,
 * give one success and one 409. Also reaches `$move` and the calendar file (same wiring).
 */
export class BookAppointment {
  private readonly moves: MoveAppointment;
  private readonly calendars: AppointmentCalendar;

  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    private readonly settings: SchedulingSettings,
    private readonly notifier: AppointmentNotifier,
    private readonly waitList?: WaitListMatching,
  ) {
    this.moves = new MoveAppointment(db, fhir, settings, notifier, waitList);
    this.calendars = new AppointmentCalendar(fhir);
  }

  /** The move machinery itself (accepting a wait-list offer moves the visit too). */
  get mover(): MoveAppointment {
    return this.moves;
  }

  /** `Appointment/{id}/$move` (moveAppointment.ts). */
  move(ctx: RequestContext, id: string, body: unknown): Promise<Stored<Appointment>> {
    return this.moves.run(ctx, id, body);
  }

  /** `GET /api/appointments/{id}/calendar.ics` (appointmentCalendar.ts). */
  calendarFile(ctx: RequestContext, id: string, language: string | undefined): Promise<CalendarFile> {
    return this.calendars.file(ctx, id, language);
  }

  async run(ctx: RequestContext, body: unknown): Promise<Stored<Appointment>> {
    const params = OperationParameters.parse(body, ['appointment', 'task', 'allowOverlap']);
    const { proposed, slotId, patient, modes: requested } = proposedTime(params);
    const allowOverlap = allowOverlapOf(params);
    const taskParam = params.get('task');
    if (taskParam && !taskParam.valueReference) throw badRequest('task must be a valueReference to the contact Task', ['Parameters.parameter.task']);
    const taskRef = taskParam ? localReference(taskParam.valueReference?.reference, ['Task'], 'Parameters.parameter.task') : undefined;
    const slot = await this.fhir.store.readOptional<Slot>('Slot', slotId);
    if (!slot) throw badRequest(`Slot/${slotId} does not exist`, ['Appointment.slot']);
    if (taskRef) await this.checkContact(ctx, taskRef, patient);
    const [grant, schedule] = await Promise.all([this.authorize(ctx, patient, slot), scheduleOf(this.fhir.store, slot)]);
    // Most losing racers learn it here, without a transaction; the locked checks below decide.
    if (slot.status !== 'free') throw slotTaken();
    const modes = modesFor(slot, requested);

    const register = await registerOfVisit(this.fhir.store, schedule);
    const booked = await this.db.transaction(async (tx) => {
      const now = nowMs();
      const taken = await takeSlot(this.fhir.store, tx, slotId, now);
      const id = randomUUID();
      // After the Slot (the same order as cancelling), so two bookings never wait on each other in a circle.
      if (taskRef) await claimContact(this.fhir.store, tx, taskRef.id, id, now);
      if (!allowOverlap) await assertNoOverlap(this.fhir.store, tx, { ctx, patient, start: taken.start, end: taken.end, register });
      const appointment = bookedAppointment({ id, slot: taken, schedule, patient, modes, comment: proposed.comment, contact: taskRef?.reference });
      // A visit to a social-welfare professional is social-welfare data; any other visit, health data.
      const labelled = inRegister(appointment, register);
      // Booked on a recorded reason: the booking never becomes a relationship of its own.
      const toStore = grant.byRecordedReason ? markWrittenByReason(labelled) : labelled;
      // The Appointment and its audit record in one statement.
      const audit = this.fhir.audit.event({
        user: ctx.user,
        interaction: 'create',
        what: [`Appointment/${appointment.id}`, `Slot/${slotId}`, ...(taskRef ? [taskRef.reference] : [])],
        patients: [patient],
        success: true,
        reason: ctx.reason,
        byRecordedReason: grant.byRecordedReason,
        description: allowOverlap ? '$book (overlap confirmed)' : '$book',
      });
      const [stored] = await this.fhir.store.createMany<Resource>([toStore, audit], tx);
      // Wait-list offers of this time end with it.
      await this.waitList?.slotBooked(tx, slotId, new Date(now));
      return stored as Stored<Appointment>;
    });
    this.notifier.notify(booked, 'confirmation');
    return booked;
  }

  /** The contact must be the professional's to work on, of this client, and still open. */
  private async checkContact(ctx: RequestContext, taskRef: { id: string; reference: string }, patient: string): Promise<void> {
    if (!isStaff(ctx.user)) throw forbidden('Only professionals book a visit for a contact');
    const task = await this.fhir.store.readOptional<Task>('Task', taskRef.id);
    if (!task) throw badRequest(`${taskRef.reference} does not exist`, ['Parameters.parameter.task']);
    await this.fhir.authorize(ctx, task, 'operation', [taskRef.reference], false);
    assertBookableContact(task, taskRef.reference, patient);
  }

  private async authorize(ctx: RequestContext, patient: string, slot: Slot): Promise<AccessGrant> {
    if (hasRole(ctx.user, 'resident')) {
      await assertResidentMayBook(ctx, this.settings, patient, slot);
      return { patients: [patient], byRecordedReason: false };
    }
    if (!isStaff(ctx.user)) throw forbidden('Booking is for professionals and residents');
    return this.fhir.access.checkPatients(ctx.user, 'Appointment', [patient], 'create', ctx.reason);
  }
}
