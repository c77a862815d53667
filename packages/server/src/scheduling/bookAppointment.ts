import { randomUUID } from 'node:crypto';
import type { Appointment, Resource, Schedule, Slot } from '@medplum/fhirtypes';
import { EXTENSIONS } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import type { ResourceStore, Stored } from '../storage/resourceStore';
import { OperationParameters } from '../fhir/parameters';
import { badRequest, conflict, forbidden } from '../fhir/outcomes';
import { localReference } from '../fhir/references';
import { hasRole, isStaff } from '../auth/userContext';
import type { AccessGrant } from '../access/accessPolicy';
import type { SchedulingSettings } from './schedulingSettings';
import type { AppointmentNotifier } from '../notifications/appointmentNotifier';
import { slotModes, slotVisitType } from './slotResources';
import { now as clockNow, nowMs } from '../time/clock';
import { markWrittenByReason } from '../access/accessBasis';
import { inRegister } from '../access/registerLabels';
import { practitionerQualifications } from '../access/qualifications';
import type { Register } from '@ovi/domain';

const TAKEN = 'That time was just booked by someone else; choose another time';

/**
 * `Appointment/$book`: books one proposed Appointment atomically. The slot row is locked and
 * must still be free, so two parallel bookings of one slot give one success and one 409.
 */
export class BookAppointment {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    private readonly settings: SchedulingSettings,
    private readonly notifier: AppointmentNotifier,
  ) {}

  async run(ctx: RequestContext, body: unknown): Promise<Stored<Appointment>> {
    const params = OperationParameters.parse(body, ['appointment']);
    const proposed = params.get('appointment')?.resource as Appointment | undefined;
    if (proposed?.resourceType !== 'Appointment') throw badRequest('appointment must hold the proposed Appointment resource', ['Parameters.parameter.appointment']);
    if (proposed.slot?.length !== 1) throw badRequest('The Appointment must name exactly one Slot', ['Appointment.slot']);
    const slotId = localReference(proposed.slot[0]?.reference, ['Slot'], 'Appointment.slot').id;
    const clientRef = proposed.participant?.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor?.reference;
    if (!clientRef) throw badRequest('The Appointment must have the client as a participant', ['Appointment.participant']);
    const patient = localReference(clientRef, ['Patient'], 'Appointment.participant').reference;
    const slot = await this.fhir.store.readOptional<Slot>('Slot', slotId);
    if (!slot) throw badRequest(`Slot/${slotId} does not exist`, ['Appointment.slot']);
    const [grant, schedule] = await Promise.all([
      this.authorize(ctx, patient, slot),
      this.fhir.store.read<Schedule>('Schedule', slot.schedule.reference?.replace('Schedule/', '') ?? ''),
    ]);
    // Most losing racers learn it here, without a transaction; the locked check below decides.
    if (slot.status !== 'free') throw conflict(TAKEN);
    const requestedModes = (proposed.extension ?? []).filter((e) => e.url === EXTENSIONS.visitMode).map((e) => e.valueCode);
    const modes = slotModes(slot).filter((m) => requestedModes.length === 0 || requestedModes.includes(m));
    if (modes.length === 0) throw badRequest('The visit mode asked for is not offered at that time', ['Appointment.extension']);

    const register = await registerOfVisit(this.fhir.store, schedule);
    const booked = await this.db.transaction(async (tx) => {
      const taken = await this.fhir.store.update<Slot>(
        'Slot',
        slotId,
        (current) => {
          if (current.status !== 'free') throw conflict(TAKEN);
          if (Date.parse(current.start) <= nowMs()) throw conflict('That time has already passed; choose another time');
          return { ...current, status: 'busy' };
        },
        { tx },
      );
      const appointment: Appointment & { id: string } = {
        resourceType: 'Appointment',
        id: randomUUID(),
        status: 'booked',
        created: clockNow().toISOString(),
        start: taken.start,
        end: taken.end,
        minutesDuration: Math.round((Date.parse(taken.end) - Date.parse(taken.start)) / 60_000),
        slot: [{ reference: `Slot/${slotId}` }],
        serviceType: taken.serviceType,
        specialty: schedule.specialty,
        extension: modes.slice(0, 1).map((m) => ({ url: EXTENSIONS.visitMode, valueCode: m })),
        comment: proposed.comment,
        participant: [
          { actor: { reference: patient }, status: 'accepted' },
          ...schedule.actor.map((actor) => ({ actor, status: 'accepted' as const })),
        ],
      };
      // A visit to a social-welfare professional is social-welfare data; any other visit, health data.
      const labelled = inRegister(appointment, register);
      // Booked on a recorded reason: the booking never becomes a relationship of its own.
      const toStore = grant.byRecordedReason ? markWrittenByReason(labelled) : labelled;
      // The Appointment and its audit record in one statement.
      const audit = this.fhir.audit.event({
        user: ctx.user,
        interaction: 'create',
        what: [`Appointment/${appointment.id}`, `Slot/${slotId}`],
        patients: [patient],
        success: true,
        reason: ctx.reason,
        byRecordedReason: grant.byRecordedReason,
        description: '$book',
      });
      const [stored] = await this.fhir.store.createMany<Resource>([toStore, audit], tx);
      return stored as Stored<Appointment>;
    });
    this.notifier.notify(booked, 'confirmation');
    return booked;
  }

  private async authorize(ctx: RequestContext, patient: string, slot: Slot): Promise<AccessGrant> {
    if (hasRole(ctx.user, 'resident')) {
      if (patient !== ctx.user.fhirUser) throw badRequest('You can book times only for yourself', ['Appointment.participant']);
      const visitType = (await this.settings.visitTypes()).find((v) => v.code === slotVisitType(slot));
      if (!visitType?.selfBookable) throw forbidden('This visit type is booked by the professional; ask the team to book it');
      return { patients: [patient], byRecordedReason: false };
    }
    if (!isStaff(ctx.user)) throw forbidden('Booking is for professionals and residents');
    return this.fhir.access.checkPatients(ctx.user, 'Appointment', [patient], 'create', ctx.reason);
  }
}

/** The register of a visit: social welfare when every professional of the schedule is registered only there. */
async function registerOfVisit(store: ResourceStore, schedule: Schedule): Promise<Register> {
  const practitioners = schedule.actor.map((a) => a.reference ?? '').filter((r) => r.startsWith('Practitioner/'));
  if (practitioners.length === 0) return 'health';
  const all = await Promise.all(practitioners.map((p) => practitionerQualifications(store, p)));
  return all.every((q) => q.social && !q.health) ? 'social' : 'health';
}
