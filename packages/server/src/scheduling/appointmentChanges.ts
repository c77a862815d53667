import type { Appointment, Resource, Slot } from '@medplum/fhirtypes';
import type { SqlExecutor } from '../db/database';
import type { RequestContext, UpdateHook } from '../fhir/fhirService';
import type { ResourceStore, Stored } from '../storage/resourceStore';
import { badRequest, conflict, forbidden, conflictInWords } from '../fhir/outcomes';
import { hasRole } from '../auth/userContext';
import type { SchedulingSettings } from './schedulingSettings';
import type { AppointmentNotifier } from '../notifications/appointmentNotifier';
import { nowMs } from '../time/clock';

/**
 * Updates of Appointments: cancelling (status → cancelled) frees the slot so that $find offers
 * it again. Residents may only cancel their own, up to the notice the rules ask for; a time is
 * moved by booking a new one and cancelling the old, so the history shows both.
 */
export class AppointmentChanges implements UpdateHook {
  constructor(
    private readonly store: ResourceStore,
    private readonly settings: SchedulingSettings,
    private readonly notifier: AppointmentNotifier,
  ) {}

  afterCommit(stored: Stored, previous: Stored): void {
    if ((stored as Appointment).status === 'cancelled' && (previous as Appointment).status !== 'cancelled') {
      this.notifier.notify(stored as Appointment, 'cancellation');
    }
  }

  async prepareUpdate(ctx: RequestContext, current: Stored, next: Resource): Promise<Resource> {
    const before = current as Stored<Appointment>;
    const after = next as Appointment;
    if (before.status === 'cancelled') throw conflict('This appointment is already cancelled');
    const cancelling = after.status === 'cancelled';
    if (hasRole(ctx.user, 'resident')) {
      if (!cancelling) throw forbidden('You can cancel your appointment here; to change it, book a new time and cancel this one');
      const hours = (await this.settings.bookingRules()).cancelNoticeHours;
      if (Date.parse(before.start ?? '') - nowMs() < hours * 3_600_000) {
        throw conflictInWords({
          fi: `Aikaa voi perua täällä viimeistään ${hours} tuntia ennen. Soita terveysasemalle.`,
          sv: `Tiden kan avbokas här senast ${hours} timmar före. Ring hälsostationen.`,
          en: `Appointments can be cancelled here up to ${hours} hours before; please call the health station`,
        });
      }
      return { ...before, status: 'cancelled', cancelationReason: after.cancelationReason ?? { text: 'Cancelled by the client' } };
    }
    if (after.start !== before.start || JSON.stringify(after.slot) !== JSON.stringify(before.slot)) {
      throw badRequest('To move an appointment, book a new time with $book and cancel this one', ['Appointment.start']);
    }
    return after;
  }

  async afterUpdate(_ctx: RequestContext, stored: Stored, previous: Stored, tx: SqlExecutor): Promise<void> {
    const appointment = stored as Stored<Appointment>;
    if (appointment.status !== 'cancelled' || (previous as Appointment).status === 'cancelled') return;
    for (const ref of appointment.slot ?? []) {
      const id = ref.reference?.replace('Slot/', '') ?? '';
      await this.store.update<Slot>('Slot', id, (slot) => ({ ...slot, status: slot.status === 'busy' ? 'free' : slot.status }), { tx });
    }
  }
}
