import type { SlotCandidate, VisitMode } from '@ovi/domain';
import type { ResourceStore } from '../storage/resourceStore';
import type { ScheduleOffer } from '../storage/slotAvailability';

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

export const MAX_SLOTS = 2000;

/** Free slots in a time window with who offers them, where and in which languages. */
export async function loadCandidates(
  store: ResourceStore,
  window: { from: Date; to?: Date; profession?: string; practitioners?: string[]; after?: { start: Date; slotId: string }; count?: number },
): Promise<CandidateSlot[]> {
  // Who offers times and which times are free are independent reads: one round trip for both.
  const [offers, slots] = await Promise.all([
    store.scheduleOffers(window.profession),
    store.freeSlots({ ...window, limit: window.count ?? MAX_SLOTS }),
  ]);
  const owners = scheduleOwners(offers);
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

function scheduleOwners(offers: ScheduleOffer[]): Map<string, ScheduleOwner> {
  const owners = new Map<string, ScheduleOwner>();
  for (const { schedule, practitioner: person, location: place } of offers) {
    const practitioner = schedule.actor.find((a) => a.reference?.startsWith('Practitioner/'))?.reference;
    const location = schedule.actor.find((a) => a.reference?.startsWith('Location/'))?.reference;
    if (!practitioner) continue;
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
