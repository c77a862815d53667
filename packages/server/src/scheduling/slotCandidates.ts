import type { Location, Practitioner, Schedule } from '@medplum/fhirtypes';
import type { SlotCandidate, VisitMode } from '@ovi/domain';
import type { ResourceStore } from '../storage/resourceStore';
import type { SearchFilter } from '../fhir/searchRequest';

interface ScheduleOwner {
  practitioner: string;
  practitionerName?: string;
  profession: string;
  location?: string;
  locationName?: string;
  municipality?: string;
  languages: string[];
}

export type CandidateSlot = SlotCandidate & { owner: ScheduleOwner };

const MAX_SLOTS = 2000;

/** Free slots in a time window with who offers them, where and in which languages. */
export async function loadCandidates(
  store: ResourceStore,
  window: { from: Date; to?: Date; profession?: string; count?: number },
): Promise<CandidateSlot[]> {
  const schedules = await activeSchedules(store, window.profession);
  if (schedules.length === 0) return [];
  // The free times and who offers them are independent reads: one round trip for both.
  const [owners, slots] = await Promise.all([
    scheduleOwners(store, schedules),
    store.freeSlots(schedules.map((s) => s.id ?? ''), window.from, window.to, window.count ?? MAX_SLOTS),
  ]);
  return slots.flatMap((slot) => {
    const owner = owners.get(slot.scheduleId);
    if (!owner) return [];
    return [
      {
        slotId: slot.slotId,
        practitioner: owner.practitioner,
        profession: owner.profession,
        location: owner.location,
        municipality: owner.municipality,
        languages: owner.languages,
        start: slot.start,
        end: slot.end,
        visitType: slot.visitType,
        modes: slot.modes as VisitMode[],
        owner,
      },
    ];
  });
}

async function activeSchedules(store: ResourceStore, profession?: string): Promise<Schedule[]> {
  const filters: SearchFilter[] = [{ code: 'active', kind: 'token', values: ['true'] }];
  if (profession) filters.push({ code: 'specialty', kind: 'token', values: [profession] });
  return (await store.search({ resourceType: 'Schedule', filters, sort: [], count: 10_000, offset: 0 }, undefined, false)).resources as Schedule[];
}

async function scheduleOwners(store: ResourceStore, schedules: Schedule[]): Promise<Map<string, ScheduleOwner>> {
  const refs = (type: string) => [...new Set(schedules.flatMap((s) => s.actor.map((a) => a.reference ?? '')).filter((r) => r.startsWith(`${type}/`)))];
  const [practitioners, locations] = await Promise.all([byId<Practitioner>(store, 'Practitioner', refs('Practitioner')), byId<Location>(store, 'Location', refs('Location'))]);
  const owners = new Map<string, ScheduleOwner>();
  for (const schedule of schedules) {
    const practitioner = schedule.actor.find((a) => a.reference?.startsWith('Practitioner/'))?.reference;
    const location = schedule.actor.find((a) => a.reference?.startsWith('Location/'))?.reference;
    if (!practitioner) continue;
    const person = practitioners.get(practitioner);
    const place = location ? locations.get(location) : undefined;
    const name = person?.name?.[0];
    owners.set(schedule.id ?? '', {
      practitioner,
      practitionerName: name ? [...(name.given ?? []), name.family].filter(Boolean).join(' ') : undefined,
      profession: schedule.specialty?.[0]?.coding?.[0]?.code ?? '',
      location,
      locationName: place?.name,
      municipality: place?.address?.city,
      languages: (person?.communication ?? []).map((c) => (c.coding?.[0]?.code ?? '').slice(0, 2)).filter(Boolean),
    });
  }
  return owners;
}

async function byId<T extends { id?: string; resourceType: string }>(store: ResourceStore, type: string, refs: string[]): Promise<Map<string, T>> {
  if (refs.length === 0) return new Map();
  const ids = refs.map((r) => r.split('/')[1] ?? '');
  const found = await store.search({ resourceType: type, filters: [{ code: '_id', kind: 'id', values: ids }], sort: [], count: ids.length, offset: 0 }, undefined, false);
  return new Map(found.resources.map((r) => [`${type}/${r.id}`, r as unknown as T]));
}
