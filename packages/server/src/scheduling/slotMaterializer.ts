import type { Location, Practitioner, PractitionerRole, Schedule, Slot } from '@medplum/fhirtypes';
import { addCalendarDays, generateSlots, reconcileSlots, toHelsinkiDate, type WeeklyTemplate } from '@ovi/domain';
import type { Database, SqlExecutor } from '../db/database';
import type { ResourceStore } from '../storage/resourceStore';
import type { SchedulingSettings } from './schedulingSettings';
import { scheduleIdOf, scheduleResource, slotKeyOf, slotResource } from './slotResources';
import { now as clockNow } from '../time/clock';
import type { WaitListMatching } from './waitListMatching';

/**
 * Turns a weekly template into stored Slot resources for the booking horizon. Regenerating
 * adds new slots, withdraws free slots the template no longer has (status entered-in-error,
 * history kept) and never touches a booked one.
 */
export class SlotMaterializer {
  constructor(
    private readonly db: Database,
    private readonly store: ResourceStore,
    private readonly settings: SchedulingSettings,
    private readonly waitList?: WaitListMatching,
  ) {}

  async materialize(template: WeeklyTemplate, now = clockNow(), horizonDays?: number): Promise<{ created: number; withdrawn: number; keptBooked: number; bookedInTheWay: string[] }> {
    const from = toHelsinkiDate(now);
    const to = addCalendarDays(from, horizonDays ?? (await this.settings.bookingRules()).horizonDays);
    const exceptions = await this.settings.exceptions(template.practitioner);
    const generated = generateSlots({ template, visitTypes: await this.settings.visitTypes(), exceptions, from, to }).filter((s) => s.start > now);
    const context = await this.practitionerContext(template.practitioner);
    const result = await this.db.transaction(async (tx) => {
      await this.ensureSchedule(tx, template, context);
      const existing = await this.existingSlots(tx, template.practitioner, now);
      const plan = reconcileSlots(
        existing.map((s) => ({ key: slotKeyOf(s), booked: s.status === 'busy', start: new Date(s.start), end: new Date(s.end) })),
        generated,
      );
      const created = plan.create.map(slotResource);
      await this.store.createMany(created, tx);
      // New times are offered to those waiting for an earlier one, in this transaction.
      const offered = (await this.waitList?.slotsFreed(tx, created.map((s) => s.id), now)) ?? 0;
      const withdraw = new Set(plan.remove);
      for (const slot of existing.filter((s) => withdraw.has(slotKeyOf(s)))) {
        await this.store.update<Slot>('Slot', slot.id ?? '', (current) => ({ ...current, status: 'entered-in-error' }), { tx });
      }
      const kept = new Set(plan.keepBooked);
      // Booked times that the new template or an absence no longer covers: staff must move them.
      const bookedInTheWay = existing.filter((s) => kept.has(slotKeyOf(s))).map((s) => `Slot/${s.id}`);
      return { created: plan.create.length, withdrawn: withdraw.size, keptBooked: plan.keepBooked.length, bookedInTheWay, offered };
    });
    if (result.offered > 0) this.waitList?.afterCommit();
    const { offered: _offered, ...summary } = result;
    return summary;
  }

  private async practitionerContext(practitioner: string): Promise<{ name?: string; profession?: string }> {
    const found = await this.store.readOptional<Practitioner>('Practitioner', practitioner.replace('Practitioner/', ''));
    const roles = await this.store.search({
      resourceType: 'PractitionerRole',
      filters: [{ code: 'practitioner', kind: 'reference', values: [practitioner] }],
      sort: [],
      count: 1,
      offset: 0,
    });
    const role = roles.resources[0] as PractitionerRole | undefined;
    const name = found?.name?.[0];
    return {
      name: name ? [...(name.given ?? []), name.family].filter(Boolean).join(' ') : undefined,
      profession: role?.code?.[0]?.coding?.[0]?.code,
    };
  }

  private async ensureSchedule(tx: SqlExecutor, template: WeeklyTemplate, context: { name?: string; profession?: string }): Promise<void> {
    const place = template.location ? await this.store.readOptional<Location>('Location', template.location.replace('Location/', ''), tx) : undefined;
    const schedule = scheduleResource({ practitioner: template.practitioner, practitionerName: context.name, location: template.location, locationName: place?.name, profession: context.profession });
    const current = await this.store.readOptional<Schedule>('Schedule', schedule.id, tx);
    if (!current) await this.store.create(schedule, { id: schedule.id, tx });
    else if (JSON.stringify(current.actor) !== JSON.stringify(schedule.actor)) await this.store.update('Schedule', schedule.id, schedule, { tx });
  }

  private async existingSlots(tx: SqlExecutor, practitioner: string, now: Date): Promise<Slot[]> {
    const result = await this.store.search(
      {
        resourceType: 'Slot',
        filters: [
          { code: 'schedule', kind: 'reference', values: [`Schedule/${scheduleIdOf(practitioner)}`] },
          { code: 'status', kind: 'token', values: ['free', 'busy'] },
          { code: 'start', kind: 'date', values: [`ge${now.toISOString()}`] },
        ],
        sort: [],
        count: 100_000,
        offset: 0,
      },
      tx,
    );
    return result.resources as Slot[];
  }
}
