import type { CareTeam, Schedule, Slot } from '@medplum/fhirtypes';
import { helsinkiEndOfDay, helsinkiTime, isCalendarDate, calendarDaysBetween } from '@ovi/domain';
import type { ResourceStore } from '../storage/resourceStore';
import { badRequest } from '../fhir/outcomes';
import { slotModes, slotVisitType, scheduleIdOf } from './slotResources';

const MAX_DAYS = 31;

export interface ScheduleView {
  from: string;
  to: string;
  professionals: Array<{
    practitioner: string;
    name?: string;
    profession?: string;
    location?: string;
    locationName?: string;
    slots: Array<{ id: string; start: string; end: string; status: 'free' | 'busy'; visitType: string; modes: string[] }>;
  }>;
}

/** A team's or a unit's times, free and taken, without any client data. */
export async function scheduleView(store: ResourceStore, query: { from?: string; to?: string; team?: string; location?: string }): Promise<ScheduleView> {
  const { from, to } = query;
  if (!from || !isCalendarDate(from)) throw badRequest('from must be a date YYYY-MM-DD', ['from']);
  const until = to ?? from;
  if (!isCalendarDate(until) || until < from) throw badRequest('to must be a date YYYY-MM-DD, not before from', ['to']);
  if (calendarDaysBetween(from, until) >= MAX_DAYS) throw badRequest(`At most ${MAX_DAYS} days at a time`, ['to']);
  if (!query.team === !query.location) throw badRequest('Give either team=CareTeam/<id> or location=Location/<id>');
  const schedules = query.team ? await teamSchedules(store, query.team) : await locationSchedules(store, query.location ?? '');
  const slots = schedules.length === 0 ? [] : ((await store.search(
    {
      resourceType: 'Slot',
      filters: [
        { code: 'schedule', kind: 'reference', values: schedules.map((s) => `Schedule/${s.id}`) },
        { code: 'status', kind: 'token', values: ['free', 'busy'] },
        { code: 'start', kind: 'date', values: [`ge${helsinkiTime(from, 0).toISOString()}`] },
        { code: 'start', kind: 'date', values: [`le${helsinkiEndOfDay(until).toISOString()}`] },
      ],
      sort: [{ code: 'start', kind: 'date', descending: false }],
      count: 20_000,
      offset: 0,
    },
    undefined,
    false,
  )).resources as Slot[]);
  return {
    from,
    to: until,
    professionals: schedules.map((schedule) => {
      const practitioner = schedule.actor.find((a) => a.reference?.startsWith('Practitioner/'));
      const location = schedule.actor.find((a) => a.reference?.startsWith('Location/'));
      return {
        practitioner: practitioner?.reference ?? '',
        name: practitioner?.display,
        profession: schedule.specialty?.[0]?.coding?.[0]?.code,
        location: location?.reference,
        locationName: location?.display,
        slots: slots
          .filter((slot) => slot.schedule.reference === `Schedule/${schedule.id}`)
          .map((slot) => ({ id: slot.id ?? '', start: slot.start, end: slot.end, status: slot.status as 'free' | 'busy', visitType: slotVisitType(slot), modes: slotModes(slot) })),
      };
    }),
  };
}

async function teamSchedules(store: ResourceStore, team: string): Promise<Schedule[]> {
  if (!team.startsWith('CareTeam/')) throw badRequest('team must be CareTeam/<id>', ['team']);
  const careTeam = await store.readOptional<CareTeam>('CareTeam', team.slice('CareTeam/'.length));
  if (!careTeam) throw badRequest(`${team} does not exist`, ['team']);
  if (careTeam.subject) throw badRequest(`${team} is a client's team, not a work team`, ['team']);
  const ids = (careTeam.participant ?? []).map((p) => p.member?.reference ?? '').filter((m) => m.startsWith('Practitioner/')).map(scheduleIdOf);
  if (ids.length === 0) return [];
  return (await store.search({ resourceType: 'Schedule', filters: [{ code: '_id', kind: 'id', values: ids }], sort: [], count: ids.length, offset: 0 }, undefined, false)).resources as Schedule[];
}

async function locationSchedules(store: ResourceStore, location: string): Promise<Schedule[]> {
  if (!location.startsWith('Location/')) throw badRequest('location must be Location/<id>', ['location']);
  const filters = [{ code: 'actor', kind: 'reference' as const, values: [location] }, { code: 'active', kind: 'token' as const, values: ['true'] }];
  return (await store.searchEvery({ resourceType: 'Schedule', filters })) as Schedule[];
}
