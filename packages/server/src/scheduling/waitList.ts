import type { Appointment, Slot } from '@medplum/fhirtypes';
import { EXTENSIONS, WAIT_LIST_EXTENSION, residentMayChange, validateWaitWindow, type VisitMode, type WaitWindow } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import type { Stored } from '../storage/resourceStore';
import { entriesOf, entryOf, endEntry, offerById, openOffersOf, saveEntry, settleSlot, type EntryRow, type OfferRow, type OfferedTime } from '../storage/waitListStore';
import { principalsOf } from '../access/guardians';
import { badRequest, FhirError, forbidden, markAudited, notFound } from '../fhir/outcomes';
import { localReference } from '../fhir/references';
import { hasRole } from '../auth/userContext';
import type { AppointmentNotifier } from '../notifications/appointmentNotifier';
import { now as clockNow, nowMs } from '../time/clock';
import type { SchedulingSettings } from './schedulingSettings';
import type { MoveAppointment } from './moveAppointment';
import { modesFor, registerOfVisit, scheduleOf } from './bookingSteps';
import { slotModes } from './slotResources';
import { BOOKING_ISSUE_SYSTEM } from '@ovi/domain/src/bookingSafety';
import { notBooked } from './bookingConflicts';
import { offerClosed, offerExpired, offerTaken, visitPassed } from './waitListConflicts';
import { markWaiting, slotIdsOf, type WaitListMatching } from './waitListMatching';

/** An entry as the resident sees it. */
export interface EntryView {
  appointment: string;
  patient: string;
  notBefore?: string;
  notAfter?: string;
  weekdaysOnly: boolean;
  joinedAt: string;
}

/** An open offer as the resident sees it: when and where, and until when it can be taken. */
export interface OfferView {
  id: string;
  appointment: string;
  patient: string;
  patientName?: string;
  start: string;
  end: string;
  expiresAt: string;
  practitioner?: { reference?: string; display?: string };
  location?: { reference?: string; display?: string };
}

const toEntryView = (e: EntryRow): EntryView => ({
  appointment: `Appointment/${e.appointmentId}`,
  patient: e.patient,
  ...(e.window.notBefore ? { notBefore: e.window.notBefore } : {}),
  ...(e.window.notAfter ? { notAfter: e.window.notAfter } : {}),
  weekdaysOnly: e.window.weekdaysOnly === true,
  joinedAt: e.joinedAt.toISOString(),
});

const clientOf = (a: Appointment) => a.participant.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor?.reference ?? '';

/**
 * The resident's side of the wait list (docs/decisions/007-wait-list-offers.md): joining for a
 * booked visit (their own, or of someone they act for), leaving, seeing open offers, and
 * accepting one, which moves the visit to the offered time in one transaction with the
 * `$move` machinery. Of several residents accepting one time at once, the Slot's row lock
 * lets one win; the others are told, politely, that it was taken.
 */
export class WaitList {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    private readonly settings: SchedulingSettings,
    private readonly matching: WaitListMatching,
    private readonly mover: MoveAppointment,
    private readonly notifier: AppointmentNotifier,
  ) {}

  /** Joins (or changes the window of) the wait list for a booked visit. */
  async join(ctx: RequestContext, body: unknown): Promise<{ entry: EntryView; created: boolean }> {
    this.assertResident(ctx);
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('Send a JSON object: {"appointment": "Appointment/<id>", "notBefore"?, "notAfter"?, "weekdaysOnly"?}');
    const { appointment: ref, ...rest } = body as Record<string, unknown>;
    if (typeof ref !== 'string') throw badRequest('appointment must be a reference such as Appointment/123', ['appointment']);
    const { id } = localReference(ref, ['Appointment'], 'appointment');
    const { window, errors } = validateWaitWindow(rest);
    if (!window) throw badRequest(`Invalid wait-list window: ${errors.join('; ')}`);
    const appointment = await this.visitFor(ctx, id, 'update');
    if (appointment.status !== 'booked') throw notBooked(`Appointment/${id}`, appointment.status);
    const now = clockNow();
    const noticeHours = (await this.settings.bookingRules()).cancelNoticeHours;
    // Inside the notice the visit can no longer be moved: nothing could be offered.
    if (!residentMayChange(new Date(appointment.start ?? ''), noticeHours, now)) throw visitPassed();
    const existing = await entryOf(this.db, id);
    const entry = this.entryFor(ctx, appointment, window, existing?.joinedAt ?? now);
    await this.db.transaction(async (tx) => {
      // The Appointment first (the lock order of booking), marked for staff to see.
      if (!appointment.extension?.some((e) => e.url === WAIT_LIST_EXTENSION)) await markWaiting(this.fhir.store, tx, id, true);
      await saveEntry(tx, entry);
      await this.fhir.audit.record(this.auditOf(ctx, `Appointment/${id}`, entry.patient, existing ? 'wait-list: window changed' : 'wait-list: joined'), tx);
    });
    return { entry: toEntryView(entry), created: !existing };
  }

  /** Leaves the wait list: the entry and its open offers end. */
  async leave(ctx: RequestContext, appointmentId: string): Promise<void> {
    this.assertResident(ctx);
    const entry = await entryOf(this.db, appointmentId);
    if (!entry || !(await this.fhir.access.residentActsFor(ctx.user, entry.patient))) throw await this.refuse(ctx, `Appointment/${appointmentId}`, entry?.patient, 'wait-list: leave refused');
    await this.db.transaction(async (tx) => {
      const appointment = await this.fhir.store.readOptional<Appointment>('Appointment', appointmentId, tx);
      if (appointment?.status === 'booked') await markWaiting(this.fhir.store, tx, appointmentId, false);
      await endEntry(tx, appointmentId, clockNow());
      await this.fhir.audit.record(this.auditOf(ctx, `Appointment/${appointmentId}`, entry.patient, 'wait-list: left'), tx);
    });
  }

  /** The resident's entries and open offers, and those of everyone they act for. */
  async list(ctx: RequestContext): Promise<{ entries: EntryView[]; offers: OfferView[] }> {
    this.assertResident(ctx);
    const principals = await principalsOf(this.db, ctx.user.fhirUser);
    const names = new Map(principals.map((p) => [p.reference, p.name]));
    const patients = [ctx.user.fhirUser, ...principals.map((p) => p.reference)];
    const now = clockNow();
    const [entries, offers] = await Promise.all([entriesOf(this.db, patients, now), openOffersOf(this.db, patients, now)]);
    // Only offers whose visit is still on the list: an entry ended meanwhile withdrew them.
    const waiting = new Set(entries.map((e) => e.appointmentId));
    const live = offers.filter((o) => waiting.has(o.appointmentId));
    const concerned = [...new Set([...entries.map((e) => e.patient), ...live.map((o) => o.patient)])];
    if (concerned.length > 0) {
      await this.fhir.audit.record({ user: ctx.user, interaction: 'search', what: ['/api/wait-list'], patients: concerned, success: true, description: 'wait-list: read' });
    }
    return { entries: entries.map(toEntryView), offers: live.map((o) => this.toOfferView(o, names.get(o.patient))) };
  }

  /**
   * Accepts an offer: the visit moves to the offered time, the old time is freed (and offered
   * to others), the entry ends and every other offer of the time is taken, in one transaction.
   */
  async accept(ctx: RequestContext, offerId: string): Promise<Stored<Appointment>> {
    this.assertResident(ctx);
    const offer = await offerById(this.db, offerId);
    if (!offer || !(await this.fhir.access.residentActsFor(ctx.user, offer.patient))) throw await this.refuse(ctx, `wait-list offer ${offerId}`, offer?.patient, 'wait-list: accept refused');
    this.assertOpen(offer);
    const old = await this.visitFor(ctx, offer.appointmentId, 'update');
    if (old.status !== 'booked') throw offerClosed();
    const slot = await this.fhir.store.readOptional<Slot>('Slot', offer.slotId);
    if (slot?.status !== 'free') throw offerTaken();
    const schedule = await scheduleOf(this.fhir.store, slot);
    const register = await registerOfVisit(this.fhir.store, schedule);
    // The way the visit was booked (on site, by phone …) when the new time offers it; else any it offers.
    const offered = slotModes(slot);
    const modes = modesFor(slot, (old.extension ?? []).flatMap((e) => (e.url === EXTENSIONS.visitMode && e.valueCode && offered.includes(e.valueCode as VisitMode) ? [e.valueCode] : [])));
    let result: { moved: Stored<Appointment>; cancelled: Stored<Appointment> };
    try {
      result = await this.db.transaction(async (tx) => {
        const now = nowMs();
        const moved = await this.mover.moveIn(tx, {
          ctx,
          id: offer.appointmentId,
          slotId: offer.slotId,
          patient: offer.patient,
          modes,
          allowOverlap: false,
          schedule,
          register,
          byRecordedReason: false,
          movedBy: 'the client',
          description: `$move (wait-list offer ${offer.id} accepted)`,
          now,
        });
        // After the Appointment, Slot and Task locks, as everywhere.
        if (!(await settleSlot(tx, offer.slotId, offer.id, new Date(now)))) throw offerExpired();
        await endEntry(tx, offer.appointmentId, new Date(now), offer.id);
        await this.matching.slotsFreed(tx, slotIdsOf(moved.cancelled), new Date(now));
        return moved;
      });
    } catch (error) {
      throw politely(error);
    }
    this.notifier.notify(result.moved, 'moved', result.cancelled);
    this.matching.afterCommit();
    return result.moved;
  }

  private assertResident(ctx: RequestContext): void {
    if (!hasRole(ctx.user, 'resident')) throw forbidden('The wait list is for residents; professionals see it on the appointment');
  }

  private assertOpen(offer: OfferRow): void {
    if (offer.status === 'taken') throw offerTaken();
    if (offer.status !== 'open') throw offerClosed();
    if (offer.expiresAt.getTime() <= nowMs()) throw offerExpired();
  }

  /** The visit, read with the same access as changing it (someone else's is a 404, audited). */
  private async visitFor(ctx: RequestContext, id: string, interaction: 'update'): Promise<Stored<Appointment>> {
    const appointment = await this.fhir.store.readOptional<Appointment>('Appointment', id);
    if (!appointment) throw notFound(`Appointment/${id} was not found`);
    await this.fhir.authorize(ctx, appointment, interaction, [`Appointment/${id}`], false);
    return appointment;
  }

  private entryFor(ctx: RequestContext, appointment: Stored<Appointment>, window: WaitWindow, joinedAt: Date): EntryRow {
    const profession = appointment.specialty?.[0]?.coding?.[0]?.code;
    const location = appointment.participant.find((p) => p.actor?.reference?.startsWith('Location/'))?.actor?.reference;
    const visitType = appointment.serviceType?.[0]?.coding?.[0]?.code;
    if (!visitType) throw badRequest('This visit has no visit type, so no other time can be matched to it', ['appointment']);
    return {
      appointmentId: appointment.id,
      patient: clientOf(appointment),
      joinedBy: ctx.user.fhirUser,
      visitType,
      ...(profession ? { profession } : {}),
      ...(location ? { location } : {}),
      currentStart: new Date(appointment.start ?? ''),
      window,
      joinedAt,
    };
  }

  private auditOf(ctx: RequestContext, what: string, patient: string, description: string) {
    return { user: ctx.user, interaction: 'update' as const, what: [what], patients: [patient], success: true, description };
  }

  /** Someone else's entry or offer does not exist for this resident; the attempt is recorded. */
  private async refuse(ctx: RequestContext, what: string, patient: string | undefined, description: string): Promise<FhirError> {
    await this.fhir.audit.record({ user: ctx.user, interaction: 'update', what: [what], patients: patient ? [patient] : [], success: false, description });
    return markAudited(notFound(`${what} was not found`));
  }

  private toOfferView(o: OfferedTime, patientName: string | undefined): OfferView {
    const practitioner = o.actors.find((a) => a.reference?.startsWith('Practitioner/'));
    const location = o.actors.find((a) => a.reference?.startsWith('Location/'));
    return {
      id: o.id,
      appointment: `Appointment/${o.appointmentId}`,
      patient: o.patient,
      ...(patientName ? { patientName } : {}),
      start: o.start.toISOString(),
      end: o.end.toISOString(),
      expiresAt: o.expiresAt.toISOString(),
      ...(practitioner ? { practitioner } : {}),
      ...(location ? { location } : {}),
    };
  }
}

/** A lost race is the time being taken, said politely; other refusals pass as they are. */
function politely(error: unknown): unknown {
  if (!(error instanceof FhirError)) return error;
  const code = error.outcome.issue[0]?.details?.coding?.find((c) => c.system === BOOKING_ISSUE_SYSTEM)?.code;
  if (code === 'slot-taken') return offerTaken();
  if (code === 'not-booked') return offerClosed();
  return error;
}
