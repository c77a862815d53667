/**
 * Steps that `$book` and `$move` share: reading the proposed time, taking and freeing a Slot
 * under its row lock, the Appointment a taken Slot becomes, and the overlap check. The steps
 * that take `tx` run inside the caller's transaction and use only `tx`.
 */
import type { Appointment, Schedule, Slot } from '@medplum/fhirtypes';
import { EXTENSIONS, type Register, type VisitMode } from '@ovi/domain';
import { spansOverlap } from '@ovi/domain/src/bookingSafety';
import type { SqlExecutor } from '../db/database';
import type { ResourceStore, Stored } from '../storage/resourceStore';
import type { OperationParameters } from '../fhir/parameters';
import type { RequestContext } from '../fhir/fhirService';
import { badRequest, forbidden } from '../fhir/outcomes';
import { localReference } from '../fhir/references';
import { parseSearchRequest } from '../fhir/searchRequest';
import { hasRole } from '../auth/userContext';
import { practitionerQualifications } from '../access/qualifications';
import { registerOfResource } from '../access/registerLabels';
import { now as clockNow } from '../time/clock';
import type { SchedulingSettings } from './schedulingSettings';
import { slotModes, slotVisitType } from './slotResources';
import { overlapping, slotPassed, slotTaken } from './bookingConflicts';

const DAY_MS = 86_400_000;

export interface ProposedTime {
  proposed: Appointment;
  slotId: string;
  /** `Patient/<id>` */
  patient: string;
  /** Visit modes the request asks for (none: any the slot offers). */
  modes: string[];
}

/** The `appointment` parameter: one proposed Appointment naming one Slot and the client. */
export function proposedTime(params: OperationParameters): ProposedTime {
  const proposed = params.get('appointment')?.resource as Appointment | undefined;
  if (proposed?.resourceType !== 'Appointment') throw badRequest('appointment must hold the proposed Appointment resource', ['Parameters.parameter.appointment']);
  if (proposed.slot?.length !== 1) throw badRequest('The Appointment must name exactly one Slot', ['Appointment.slot']);
  const slotId = localReference(proposed.slot[0]?.reference, ['Slot'], 'Appointment.slot').id;
  const clientRef = proposed.participant?.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor?.reference;
  if (!clientRef) throw badRequest('The Appointment must have the client as a participant', ['Appointment.participant']);
  const patient = localReference(clientRef, ['Patient'], 'Appointment.participant').reference;
  const modes = (proposed.extension ?? []).filter((e) => e.url === EXTENSIONS.visitMode).flatMap((e) => (e.valueCode ? [e.valueCode] : []));
  return { proposed, slotId, patient, modes };
}

/** `allowOverlap` (valueBoolean): the professional or resident has seen the overlap warning and books anyway. */
export function allowOverlapOf(params: OperationParameters): boolean {
  const p = params.get('allowOverlap');
  if (!p) return false;
  if (typeof p.valueBoolean !== 'boolean') throw badRequest('allowOverlap must be a valueBoolean', ['Parameters.parameter.allowOverlap']);
  return p.valueBoolean;
}

/** The modes to book: those asked for that the slot offers (400 when none). */
export function modesFor(slot: Slot, requested: string[]): VisitMode[] {
  const modes = slotModes(slot).filter((m) => requested.length === 0 || requested.includes(m));
  if (modes.length === 0) throw badRequest('The visit mode asked for is not offered at that time', ['Appointment.extension']);
  return modes;
}

/** Residents book, and move to, only self-bookable visit types for themselves. */
export async function assertResidentMayBook(ctx: RequestContext, settings: SchedulingSettings, patient: string, slot: Slot): Promise<void> {
  if (!hasRole(ctx.user, 'resident')) return;
  if (patient !== ctx.user.fhirUser) throw badRequest('You can book times only for yourself', ['Appointment.participant']);
  const visitType = (await settings.visitTypes()).find((v) => v.code === slotVisitType(slot));
  if (!visitType?.selfBookable) throw forbidden('This visit type is booked by the professional; ask the team to book it');
}

/** Marks the Slot busy under its row lock: it must still be free and in the future. */
export async function takeSlot(store: ResourceStore, tx: SqlExecutor, slotId: string, now: number): Promise<Stored<Slot>> {
  return store.update<Slot>(
    'Slot',
    slotId,
    (current) => {
      if (current.status !== 'free') throw slotTaken();
      if (Date.parse(current.start) <= now) throw slotPassed();
      return { ...current, status: 'busy' };
    },
    { tx },
  );
}

/** Frees a busy Slot so that `$find` offers it again (a withdrawn one stays withdrawn). */
export async function freeSlot(store: ResourceStore, tx: SqlExecutor, slotId: string): Promise<void> {
  await store.update<Slot>('Slot', slotId, (slot) => ({ ...slot, status: slot.status === 'busy' ? 'free' : slot.status }), { tx });
}

/** The booked Appointment a taken Slot becomes. */
export function bookedAppointment(args: { id: string; slot: Slot & { id: string }; schedule: Schedule; patient: string; modes: VisitMode[]; comment?: string; contact?: string; replaces?: string; replacesUrl?: string }): Appointment & { id: string } {
  const { slot, schedule } = args;
  return {
    resourceType: 'Appointment',
    id: args.id,
    status: 'booked',
    created: clockNow().toISOString(),
    start: slot.start,
    end: slot.end,
    minutesDuration: Math.round((Date.parse(slot.end) - Date.parse(slot.start)) / 60_000),
    slot: [{ reference: `Slot/${slot.id}` }],
    serviceType: slot.serviceType,
    specialty: schedule.specialty,
    extension: [
      ...args.modes.slice(0, 1).map((m) => ({ url: EXTENSIONS.visitMode, valueCode: m })),
      ...(args.replaces && args.replacesUrl ? [{ url: args.replacesUrl, valueReference: { reference: args.replaces } }] : []),
    ],
    ...(args.comment ? { comment: args.comment } : {}),
    // The contact this visit answers: one live booking per contact (contactBooking.ts).
    ...(args.contact ? { supportingInformation: [{ reference: args.contact }] } : {}),
    participant: [{ actor: { reference: args.patient }, status: 'accepted' }, ...schedule.actor.map((actor) => ({ actor, status: 'accepted' as const }))],
  };
}

/**
 * Refuses (409, naming it) another booked visit of the client that overlaps [start, end),
 * unless the request confirmed the overlap. Runs in the booking transaction.
 */
export async function assertNoOverlap(
  store: ResourceStore,
  tx: SqlExecutor,
  args: { ctx: RequestContext; patient: string; start: string; end: string; register: Register; exclude?: string },
): Promise<void> {
  const start = new Date(args.start);
  const end = new Date(args.end);
  const request = parseSearchRequest('Appointment', {
    patient: args.patient,
    status: 'booked',
    // Visits start at most a day before the ones they overlap.
    date: [`lt${end.toISOString()}`, `gt${new Date(start.getTime() - DAY_MS).toISOString()}`],
    _sort: 'date',
    _count: '100',
  });
  const found = (await store.search(request, tx, false)).resources as Array<Stored<Appointment>>;
  const clash = found.find((a) => a.id !== args.exclude && a.start && spansOverlap({ start, end }, { start: new Date(a.start), end: new Date(a.end ?? a.start) }));
  if (!clash) return;
  const sameRegister = (registerOfResource(clash) ?? 'health') === args.register;
  throw overlapping(clash, sameRegister, hasRole(args.ctx.user, 'resident'));
}

/** The register of a visit: social welfare when every professional of the schedule is registered only there. */
export async function registerOfVisit(store: ResourceStore, schedule: Schedule): Promise<Register> {
  const practitioners = schedule.actor.map((a) => a.reference ?? '').filter((r) => r.startsWith('Practitioner/'));
  if (practitioners.length === 0) return 'health';
  const all = await Promise.all(practitioners.map((p) => practitionerQualifications(store, p)));
  return all.every((q) => q.social && !q.health) ? 'social' : 'health';
}

/** The Schedule a Slot belongs to. */
export function scheduleOf(store: ResourceStore, slot: Slot): Promise<Stored<Schedule>> {
  return store.read<Schedule>('Schedule', slot.schedule.reference?.replace('Schedule/', '') ?? '');
}
