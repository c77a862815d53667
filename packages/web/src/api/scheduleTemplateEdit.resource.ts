/**
 * Saving a professional's weekly template (`PUT /api/schedule-templates/<id>`, admin): the server
 * checks it against the visit types (400 with its reasons), stores a new version and makes the
 * free times again for the booking horizon; booked times always stay.
 */
import type { WeeklyTemplate } from '@ovi/domain/src/scheduleTemplate';
import { api } from './client';
import type { TemplateView } from './schedule.resource';

export type { WeeklyTemplate };

/** What making the free times again did. */
export interface SlotChanges {
  created: number;
  withdrawn: number;
  keptBooked: number;
  bookedInTheWay: string[];
}

/** The template as the server keeps it, from the screen's view of it. */
export function toWeeklyTemplate(view: TemplateView): WeeklyTemplate {
  return {
    id: view.id,
    practitioner: view.practitioner,
    ...(view.location ? { location: view.location } : {}),
    validFrom: view.validFrom ?? '',
    ...(view.validTo ? { validTo: view.validTo } : {}),
    blocks: view.blocks.map((b) => ({
      weekday: b.weekday as WeeklyTemplate['blocks'][number]['weekday'],
      start: b.start,
      end: b.end,
      visitType: b.visitType,
      modes: b.modes as WeeklyTemplate['blocks'][number]['modes'],
    })),
  };
}

export async function saveScheduleTemplate(template: WeeklyTemplate): Promise<{ template: WeeklyTemplate; slots?: SlotChanges }> {
  const { data } = await api.put<{ template: WeeklyTemplate; slots?: Partial<SlotChanges> }>(`/api/schedule-templates/${encodeURIComponent(template.id)}`, template);
  const slots = data.slots;
  return {
    template: data.template,
    ...(slots ? { slots: { created: slots.created ?? 0, withdrawn: slots.withdrawn ?? 0, keptBooked: slots.keptBooked ?? 0, bookedInTheWay: slots.bookedInTheWay ?? [] } } : {}),
  };
}
