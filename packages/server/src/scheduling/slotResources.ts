import { createHash } from 'node:crypto';
import type { Schedule, Slot } from '@medplum/fhirtypes';
import { EXTENSIONS, SYSTEMS, type GeneratedSlot, type VisitMode } from '@ovi/domain';

/** The Schedule of one professional: `Schedule/sched-<practitioner id>`. */
export const scheduleIdOf = (practitioner: string) => `sched-${practitioner.replace(/^Practitioner\//, '')}`;

/** Slot ids come from the deterministic slot key, so regenerating finds the same slots. */
export const slotIdOf = (key: string) => `slot-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;

export function scheduleResource(args: { practitioner: string; practitionerName?: string; location?: string; locationName?: string; profession?: string }): Schedule & { id: string } {
  return {
    resourceType: 'Schedule',
    id: scheduleIdOf(args.practitioner),
    active: true,
    actor: [{ reference: args.practitioner, display: args.practitionerName }, ...(args.location ? [{ reference: args.location, display: args.locationName }] : [])],
    ...(args.profession ? { specialty: [{ coding: [{ system: SYSTEMS.profession, code: args.profession }] }] } : {}),
  };
}

export function slotResource(slot: GeneratedSlot): Slot & { id: string } {
  return {
    resourceType: 'Slot',
    id: slotIdOf(slot.key),
    identifier: [{ system: `${SYSTEMS.visitType}/slot-key`, value: slot.key }],
    schedule: { reference: `Schedule/${scheduleIdOf(slot.practitioner)}` },
    status: 'free',
    start: slot.start.toISOString(),
    end: slot.end.toISOString(),
    serviceType: [{ coding: [{ system: SYSTEMS.visitType, code: slot.visitType }] }],
    extension: slot.modes.map((mode) => ({ url: EXTENSIONS.visitMode, valueCode: mode })),
  };
}

export const slotModes = (slot: Slot): VisitMode[] =>
  (slot.extension ?? []).filter((e) => e.url === EXTENSIONS.visitMode).map((e) => e.valueCode as VisitMode);

export const slotVisitType = (slot: Slot): string => slot.serviceType?.[0]?.coding?.[0]?.code ?? '';

export const slotKeyOf = (slot: Slot): string => slot.identifier?.[0]?.value ?? '';
