import type { Appointment, Resource } from '@medplum/fhirtypes';
import { residentMayChange } from '@ovi/domain/src/bookingSafety';
import type { SqlExecutor } from '../db/database';
import type { RequestContext, UpdateHook } from '../fhir/fhirService';
import type { ResourceStore, Stored } from '../storage/resourceStore';
import { badRequest, conflict, forbidden } from '../fhir/outcomes';
import { hasRole } from '../auth/userContext';
import type { SchedulingSettings } from './schedulingSettings';
import type { AppointmentNotifier } from '../notifications/appointmentNotifier';
import { now as clockNow } from '../time/clock';
import { noticePassed } from './bookingConflicts';
import { followCancellation } from './cancelledVisit';
import { unitContact } from './unitContact';
import type { WaitListMatching } from './waitListMatching';

/**
 * Updates of Appointments: cancelling (status → cancelled) frees the slot so that $find offers
 * it again, and frees the contact it was booked for, in the same transaction. Residents may
 * only cancel their own, up to the notice the rules ask for (later: whom to call). A time is
 * moved with `$move` (moveAppointment.ts), so the history shows both.
 */
export class AppointmentChanges implements UpdateHook {
  constructor(
    private readonly store: ResourceStore,
    private readonly settings: SchedulingSettings,
    private readonly notifier: AppointmentNotifier,
    private readonly waitList?: WaitListMatching,
  ) {}

  afterCommit(stored: Stored, previous: Stored): void {
    if ((stored as Appointment).status === 'cancelled' && (previous as Appointment).status !== 'cancelled') {
      this.notifier.notify(stored as Appointment, 'cancellation');
      this.waitList?.afterCommit();
    }
  }

  async prepareUpdate(ctx: RequestContext, current: Stored, next: Resource): Promise<Resource> {
    const before = current as Stored<Appointment>;
    const after = next as Appointment;
    if (before.status === 'cancelled') throw conflict('This appointment is already cancelled');
    const cancelling = after.status === 'cancelled';
    if (hasRole(ctx.user, 'resident')) {
      if (!cancelling) throw forbidden('You can cancel your appointment here; to change its time, move it (Appointment/$move)');
      const hours = (await this.settings.bookingRules()).cancelNoticeHours;
      if (!residentMayChange(new Date(before.start ?? ''), hours, clockNow())) {
        throw noticePassed(hours, await unitContact(this.store, before), 'cancel');
      }
      return { ...before, status: 'cancelled', cancelationReason: after.cancelationReason ?? { text: 'Cancelled by the client' } };
    }
    if (after.start !== before.start || JSON.stringify(after.slot) !== JSON.stringify(before.slot)) {
      throw badRequest('To move an appointment, use Appointment/{id}/$move with the new time', ['Appointment.start']);
    }
    return after;
  }

  async afterUpdate(_ctx: RequestContext, stored: Stored, previous: Stored, tx: SqlExecutor): Promise<void> {
    const appointment = stored as Stored<Appointment>;
    if (appointment.status !== 'cancelled' || (previous as Appointment).status === 'cancelled') return;
    await followCancellation(this.store, tx, appointment, this.waitList, clockNow());
  }
}
