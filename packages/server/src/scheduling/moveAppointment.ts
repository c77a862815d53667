import { randomUUID } from 'node:crypto';
import type { Appointment, Resource, Schedule, Slot } from '@medplum/fhirtypes';
import type { Register, VisitMode } from '@ovi/domain';
import { BOOKING_EXTENSIONS, residentMayChange } from '@ovi/domain/src/bookingSafety';
import type { Database, SqlExecutor } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import type { Stored } from '../storage/resourceStore';
import { OperationParameters } from '../fhir/parameters';
import { badRequest, forbidden, notFound } from '../fhir/outcomes';
import { hasRole, isStaff } from '../auth/userContext';
import { markWrittenByReason } from '../access/accessBasis';
import { inRegister } from '../access/registerLabels';
import type { AppointmentNotifier } from '../notifications/appointmentNotifier';
import { now as clockNow, nowMs } from '../time/clock';
import type { SchedulingSettings } from './schedulingSettings';
import { slotVisitType } from './slotResources';
import { allowOverlapOf, assertNoOverlap, assertResidentMayBook, bookedAppointment, freeSlot, modesFor, proposedTime, registerOfVisit, scheduleOf, takeSlot } from './bookingSteps';
import { noticePassed, notBooked, slotTaken } from './bookingConflicts';
import { contactOf, passContact } from './contactBooking';
import { unitContact } from './unitContact';
import type { WaitListMatching } from './waitListMatching';

/** What one move needs, checked before the transaction. */
export interface MoveArgs {
  ctx: RequestContext;
  /** The booked Appointment's id. */
  id: string;
  slotId: string;
  /** `Patient/<id>` */
  patient: string;
  modes: VisitMode[];
  allowOverlap: boolean;
  schedule: Schedule;
  register: Register;
  byRecordedReason: boolean;
  comment?: string;
  /** "the client", "the professional": the old visit's cancellation reason says who. */
  movedBy: string;
  /** The audit record's description. */
  description: string;
  now: number;
}

/**
 * `Appointment/{id}/$move`: the new time booked and the old one cancelled and freed in one
 * transaction, or nothing. The new Appointment names the old one (`replaces-appointment`) and
 * keeps its contact; the old one is cancelled with the reason. Residents move their own
 * self-bookable visits, to the same visit type, up to the notice the booking rules ask for.
 */
export class MoveAppointment {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    private readonly settings: SchedulingSettings,
    private readonly notifier: AppointmentNotifier,
    private readonly waitList?: WaitListMatching,
  ) {}

  async run(ctx: RequestContext, id: string, body: unknown): Promise<Stored<Appointment>> {
    if (!isStaff(ctx.user) && !hasRole(ctx.user, 'resident')) throw forbidden('Moving visits is for professionals and residents');
    const params = OperationParameters.parse(body, ['appointment', 'allowOverlap']);
    const { proposed, slotId, patient, modes: requested } = proposedTime(params);
    const allowOverlap = allowOverlapOf(params);
    const old = await this.fhir.store.readOptional<Appointment>('Appointment', id);
    if (!old) throw notFound(`Appointment/${id} was not found`);
    // The same access as changing the Appointment; a resident's refusal for someone else's is a 404.
    const grant = await this.fhir.authorize(ctx, old, 'update', [`Appointment/${id}`], false);
    if (old.status !== 'booked') throw notBooked(`Appointment/${id}`, old.status);
    const client = old.participant.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor?.reference;
    if (patient !== client) throw badRequest('The new time must be for the same client as the old one', ['Appointment.participant']);
    const oldSlotId = old.slot?.[0]?.reference?.replace('Slot/', '');
    if (oldSlotId === slotId) throw badRequest('That is the time already booked', ['Appointment.slot']);
    const slot = await this.fhir.store.readOptional<Slot>('Slot', slotId);
    if (!slot) throw badRequest(`Slot/${slotId} does not exist`, ['Appointment.slot']);
    if (hasRole(ctx.user, 'resident')) await this.checkResident(ctx, old, slot, patient);
    if (slot.status !== 'free') throw slotTaken();
    const modes = modesFor(slot, requested);
    const schedule = await scheduleOf(this.fhir.store, slot);
    const register = await registerOfVisit(this.fhir.store, schedule);
    const movedBy = hasRole(ctx.user, 'resident') ? 'the client' : 'the professional';

    const moved = await this.db.transaction(async (tx) => {
      const now = nowMs();
      const result = await this.moveIn(tx, {
        ctx,
        id,
        slotId,
        patient,
        modes,
        allowOverlap,
        schedule,
        register,
        byRecordedReason: grant.byRecordedReason,
        comment: proposed.comment,
        movedBy,
        description: allowOverlap ? '$move (overlap confirmed)' : '$move',
        now,
      });
      await this.waitList?.visitMoved(tx, result.cancelled, result.moved, new Date(now));
      return result.moved;
    });
    this.waitList?.afterCommit();
    this.notifier.notify(moved, 'moved', old);
    return moved;
  }

  /**
   * The move itself, in the caller's transaction: the old visit cancelled, its Slot freed, the
   * new Slot taken, the new visit made with its audit record (`$move` and accepting a
   * wait-list offer share it). Throws, and so rolls back, when any step is refused.
   */
  async moveIn(tx: SqlExecutor, args: MoveArgs): Promise<{ moved: Stored<Appointment>; cancelled: Stored<Appointment> }> {
    const { ctx, id, slotId, patient, schedule, register, now } = args;
    const newId = randomUUID();
    // Lock order as everywhere: the Appointment, then Slots (by id), then the contact's Task.
    const cancelled = await this.fhir.store.update<Appointment>(
      'Appointment',
      id,
      (current) => {
        if (current.status !== 'booked') throw notBooked(`Appointment/${id}`, current.status);
        return { ...current, status: 'cancelled', cancelationReason: { text: `Moved by ${args.movedBy} to a new time (Appointment/${newId})` } };
      },
      { tx },
    );
    const oldSlotId = cancelled.slot?.[0]?.reference?.replace('Slot/', '');
    let taken: Stored<Slot> | undefined;
    for (const lock of [oldSlotId, slotId].filter((s): s is string => !!s).sort()) {
      if (lock === slotId) taken = await takeSlot(this.fhir.store, tx, slotId, now);
      else await freeSlot(this.fhir.store, tx, lock);
    }
    if (!taken) throw slotTaken();
    if (!args.allowOverlap) await assertNoOverlap(this.fhir.store, tx, { ctx, patient, start: taken.start, end: taken.end, register, exclude: id });
    const contact = contactOf(cancelled);
    const appointment = bookedAppointment({
      id: newId,
      slot: taken,
      schedule,
      patient,
      modes: args.modes,
      comment: args.comment ?? cancelled.comment,
      contact,
      replaces: `Appointment/${id}`,
      replacesUrl: BOOKING_EXTENSIONS.replaces,
    });
    await passContact(this.fhir.store, tx, cancelled, `Appointment/${newId}`);
    const labelled = inRegister(appointment, register);
    const toStore = args.byRecordedReason ? markWrittenByReason(labelled) : labelled;
    const audit = this.fhir.audit.event({
      user: ctx.user,
      interaction: 'update',
      what: [`Appointment/${id}`, `Appointment/${newId}`, ...(oldSlotId ? [`Slot/${oldSlotId}`] : []), `Slot/${slotId}`],
      patients: [patient],
      success: true,
      reason: ctx.reason,
      byRecordedReason: args.byRecordedReason,
      description: args.description,
    });
    const [stored] = await this.fhir.store.createMany<Resource>([toStore, audit], tx);
    return { moved: stored as Stored<Appointment>, cancelled };
  }

  /** Residents: their own self-bookable visit, to the same visit type, before the notice. */
  private async checkResident(ctx: RequestContext, old: Appointment, slot: Slot, patient: string): Promise<void> {
    await assertResidentMayBook(ctx, this.settings, patient, slot);
    const oldType = old.serviceType?.[0]?.coding?.[0]?.code;
    if (oldType && oldType !== slotVisitType(slot)) throw badRequest('Choose a new time of the same kind of visit', ['Appointment.slot']);
    const hours = (await this.settings.bookingRules()).cancelNoticeHours;
    if (!residentMayChange(new Date(old.start ?? ''), hours, clockNow())) {
      throw noticePassed(hours, await unitContact(this.fhir.store, old), 'move');
    }
  }
}
