/**
 * One day's synthetic contacts as the server would have stored them after client guidance
 * handled them: the client-guidance Task (channel, Hilmo contact type, urgency, need assessment,
 * deadlines, outcome), the Appointment booked for it (realised, cancelled, not come, or still
 * ahead) and, for some realised visits, the resident's feedback answer. Shapes follow
 * guidance/guidanceTask.ts, guidance/resolveTask.ts, scheduling/bookingSteps.ts and
 * feedback/feedbackAnswers.ts, so every figure reads them as it reads real ones.
 */
import type { Appointment, QuestionnaireResponse, Resource, Task } from '@medplum/fhirtypes';
import { EXTENSIONS, SYSTEMS, TASK_CODES, defaultVisitTypeByProfession, nextWorkingDayOnOrAfter, taskPriorityFor, type Urgency } from '@ovi/domain';
import { helsinkiTime, toHelsinkiDate } from '@ovi/domain/src/helsinkiTime';
import { addCalendarDays } from '@ovi/domain/src/calendarDate';
import {
  dayFactor, drawAssessmentMinutes, drawChannel, drawMinuteOfDay, drawOutcome, drawRecommend, drawUrgency, drawVisitFate,
  drawVisitProfession, drawWaitDays, HILMO_CONTACT_MODE, isClosedDay, weekendChannel, type Random, type VisitProfession,
} from '@ovi/domain/src/generator';
import { taskInput } from '../guidance/guidanceTask';
import { feedbackResponse } from '../feedback/feedbackAnswers';
import { DEMO_META } from '../demo/fhir';
import { siteLocationRef } from '../demo/organizations';
import { SITES, type SiteKey } from '../demo/regionData';
import { MUNICIPALITY_KEYS, residentId, type ResidentTable } from './generatedResidents';
import { slotStartHours as startHoursOf, type GeneratedProfessional } from './generatedStaff';

const MINUTE = 60_000;

/** helsinkiTime for whole hours, remembered (time-zone arithmetic is the writer's hottest call otherwise). */
const hourStarts = new Map<string, number>();
function localTime(date: string, hour: number, minute: number): Date {
  const key = `${date}T${hour}`;
  let at = hourStarts.get(key);
  if (at === undefined) {
    if (hourStarts.size > 100_000) hourStarts.clear();
    at = helsinkiTime(date, hour, 0).getTime();
    hourStarts.set(key, at);
  }
  return new Date(at + minute * MINUTE);
}
const DAY = 86_400_000;

/** What the day's contacts are drawn from: the residents, the staff, the survey, and "now" (the end of the period). */
export interface ContactWorld {
  residents: ResidentTable;
  /** Cumulative contact weights of the residents (by age), for drawing who gets in touch. */
  cumulativeWeights: Float64Array;
  /** Professionals by `${site}/${profession}`, guidance nurses by `${site}/guidance-nurse`. */
  staff: Map<string, GeneratedProfessional[]>;
  survey: { version: number; statements: string[]; scale: string[] };
  now: Date;
}

/** Running numbers for the ids (`gen-c-0000001` …), so the same seed gives the same ids. */
export interface IdCounters {
  contact: number;
  appointment: number;
  feedback: number;
}

export function cumulativeWeights(residents: ResidentTable, rate: (age: number) => number): Float64Array {
  const weights = new Float64Array(residents.count);
  let sum = 0;
  for (let i = 0; i < residents.count; i++) {
    sum += rate(residents.ages[i] ?? 0);
    weights[i] = sum;
  }
  return weights;
}

/** The resident whose cumulative weight first exceeds a uniform draw (binary search). */
function drawResident(world: ContactWorld, random: Random): number {
  const w = world.cumulativeWeights;
  const x = random.next() * (w[w.length - 1] ?? 0);
  let lo = 0;
  let hi = w.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((w[mid] ?? 0) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const SERVICE_OF: Record<VisitProfession, string> = {
  physician: 'primary-care',
  nurse: 'primary-care',
  physiotherapist: 'physiotherapy',
  'psychiatric-nurse': 'mental-health',
  'social-instructor': 'social-services',
  'public-health-nurse': 'family-centre',
};

const SUMMARY: Record<VisitProfession, string[]> = {
  physician: ['Kuumetta ja yskää', 'Verenpaineen seuranta', 'Ihottuma', 'Korvakipu', 'Reseptin uusiminen'],
  nurse: ['Haavan hoito', 'Ompeleiden poisto', 'Rokotus', 'Laboratoriotulosten kysymys', 'Virtsatieoireet'],
  physiotherapist: ['Selkäkipu', 'Niska-hartiavaiva', 'Polven kipu'],
  'psychiatric-nurse': ['Mieliala matala', 'Univaikeudet', 'Ahdistuneisuus'],
  'social-instructor': ['Toimeentulo', 'Asumisen huolet', 'Arjessa pärjääminen'],
  'public-health-nurse': ['Lapsen kuume', 'Neuvola-asia', 'Lapsen ihottuma'],
};

/**
 * The professional a resident sees: most often "their own" of that profession at the site
 * (stable per resident, so continuity figures have something to measure), otherwise anyone.
 */
function professionalFor(world: ContactWorld, resident: number, site: SiteKey, profession: string, random: Random): GeneratedProfessional | undefined {
  const pool = world.staff.get(`${site}/${profession}`) ?? [];
  if (pool.length === 0) return undefined;
  return random.chance(0.6) ? pool[(resident * 31 + profession.length) % pool.length] : random.pick(pool);
}

const slotTime = (date: string, h: number) => localTime(date, Math.floor(h), Math.round((h % 1) * 60));
const startHours = new Map<string, number[]>();
const slotStartHours = (profession: string) => startHours.get(profession) ?? startHours.set(profession, startHoursOf(profession)).get(profession) ?? [];

/** A visit starting time on a working day: one of the profession's times (generatedStaff.ts). */
function visitStart(date: string, profession: string, random: Random): Date {
  return slotTime(date, random.pick(slotStartHours(profession)));
}

/** The first of the profession's times after `instant` on `date` or a working day after it. */
function firstTimeAfter(date: string, profession: string, instant: Date): Date {
  for (let day = date; ; day = nextWorkingDayOnOrAfter(addCalendarDays(day, 1))) {
    const time = slotStartHours(profession).map((h) => slotTime(day, h)).find((t) => t.getTime() > instant.getTime());
    if (time) return time;
  }
}

/** Deadlines as the care guarantee sets them (assumption: law 14 days, region's promise 7 days; urgent the next day). */
function deadlines(assessedAt: Date, urgency: Urgency): { legal?: Date; regional?: Date } {
  if (urgency === 'urgent') return { legal: new Date(assessedAt.getTime() + DAY), regional: new Date(assessedAt.getTime() + DAY) };
  if (urgency === 'non-urgent') return { legal: new Date(assessedAt.getTime() + 14 * DAY), regional: new Date(assessedAt.getTime() + 7 * DAY) };
  return {};
}

/** The resources of `count` contacts arriving on `date` (YYYY-MM-DD, Helsinki). */
export function contactsOfDay(world: ContactWorld, date: string, count: number, ids: IdCounters, random: Random): Resource[] {
  const out: Resource[] = [];
  const dayStart = new Date(`${date}T00:00:00Z`);
  const closed = isClosedDay(dayStart);
  const demand = dayFactor(new Date(`${date.slice(0, 7)}-15T00:00:00Z`));
  for (let n = 0; n < count; n++) {
    const resident = drawResident(world, random);
    const age = world.residents.ages[resident] ?? 40;
    const station: SiteKey = MUNICIPALITY_KEYS[world.residents.municipalities[resident] ?? 0] === 'kannus' ? 'kannus' : 'kokkola';
    const drawn = drawChannel(random, age);
    const channel = closed ? weekendChannel(drawn, random) : drawn;
    const minute = drawMinuteOfDay(random, closed);
    const contactAt = localTime(date, Math.floor(minute / 60), minute % 60);
    if (contactAt >= world.now) continue;
    const urgency = drawUrgency(random, age);
    const outcome = drawOutcome(random, urgency);
    const profession = drawVisitProfession(random, age);
    // Written contacts that arrive while the station is closed wait for the next working morning.
    const workStart = closed || minute >= 16 * 60 ? localTime(nextWorkingDayOnOrAfter(addCalendarDays(date, 1)), 8, 0) : contactAt;
    const assessedAt = new Date(Math.max(contactAt.getTime(), workStart.getTime()) + drawAssessmentMinutes(random, urgency) * MINUTE);
    const closedAt = new Date(assessedAt.getTime() + (5 + random.int(20)) * MINUTE);
    const nurse = professionalFor(world, resident, station, 'guidance-nurse', random);
    const taskId = `gen-c-${String(++ids.contact).padStart(7, '0')}`;
    const done = closedAt < world.now;
    const due = localTime(closed || minute >= 16 * 60 ? nextWorkingDayOnOrAfter(addCalendarDays(date, 1)) : date, 16, 0);
    const limits = deadlines(assessedAt, urgency);
    const hilmo = HILMO_CONTACT_MODE[channel];
    const assessed = assessedAt < world.now;
    const inputs = [
      taskInput('urgency', { valueCode: urgency }),
      taskInput('channel', { valueCode: channel }),
      taskInput('contact-mode', { valueCoding: { system: SYSTEMS.contactMode, code: hilmo.code, display: hilmo.display } }),
      taskInput('service', { valueCode: SERVICE_OF[profession] }),
      taskInput('assessment-due', { valueDateTime: due.toISOString() }),
      ...(assessed && nurse
        ? [
            taskInput('assessed-at', { valueDateTime: assessedAt.toISOString() }),
            taskInput('assessed-by', { valueReference: { reference: nurse.reference, display: nurse.name } }),
          ]
        : []),
      ...(limits.legal ? [taskInput('legal-deadline', { valueDateTime: limits.legal.toISOString() })] : []),
      ...(limits.regional ? [taskInput('regional-deadline', { valueDateTime: limits.regional.toISOString() })] : []),
    ];
    const task: Task & { id: string } = {
      resourceType: 'Task', id: taskId, meta: DEMO_META,
      status: done ? 'completed' : 'in-progress',
      intent: 'order',
      priority: taskPriorityFor(urgency),
      code: { coding: [{ system: SYSTEMS.taskCode, code: TASK_CODES.clientGuidance, display: 'Client guidance' }] },
      description: random.pick(SUMMARY[profession]),
      for: { reference: `Patient/${residentId(resident)}` },
      authoredOn: contactAt.toISOString(),
      performerType: [{ coding: [{ system: SYSTEMS.profession, code: profession }] }],
      restriction: { period: { end: (limits.legal ?? due).toISOString() } },
      input: inputs,
      ...(nurse ? { owner: { reference: nurse.reference, display: nurse.name } } : {}),
      executionPeriod: { start: contactAt.toISOString(), ...(done ? { end: closedAt.toISOString() } : {}) },
      ...(done ? { businessStatus: { coding: [{ system: SYSTEMS.guidanceOutcome, code: outcome }], text: outcome } } : {}),
    };
    out.push(task);
    // Booked in guidance, or by the team the contact was routed to (most routed contacts get a visit).
    const booked = done && (outcome === 'booked' || (outcome === 'routed' && random.chance(0.7)));
    if (!booked) continue;
    const site: SiteKey = profession === 'public-health-nurse' ? 'family-centre' : station;
    const who = professionalFor(world, resident, site, profession, random);
    if (!who) continue;
    const waitDays = drawWaitDays(random, urgency, demand);
    const visitDate = nextWorkingDayOnOrAfter(addCalendarDays(toHelsinkiDate(assessedAt), waitDays));
    let start = visitStart(visitDate, profession, random);
    // Seen the same day: the next free-looking time after the closing, on the professionals' grid.
    if (start <= closedAt) start = firstTimeAfter(visitDate, profession, new Date(closedAt.getTime() + 30 * MINUTE));
    const fate = start < world.now ? drawVisitFate(random) : 'booked';
    out.push(appointment(ids, { taskId, resident, who, site, profession, start, created: closedAt, fate }));
    if (fate === 'fulfilled' && random.chance(0.12)) out.push(feedback(world, ids, { site, profession, start }, random));
  }
  return out;
}

function appointment(
  ids: IdCounters,
  v: { taskId: string; resident: number; who: GeneratedProfessional; site: SiteKey; profession: VisitProfession; start: Date; created: Date; fate: Appointment['status'] },
): Appointment & { id: string } {
  const end = new Date(v.start.getTime() + 30 * MINUTE);
  const location = siteLocationRef(v.site);
  return {
    resourceType: 'Appointment', id: `gen-a-${String(++ids.appointment).padStart(7, '0')}`, meta: DEMO_META,
    status: v.fate,
    ...(v.fate === 'cancelled' ? { cancelationReason: { text: 'Asiakas perui ajan' } } : {}),
    created: v.created.toISOString(),
    start: v.start.toISOString(),
    end: end.toISOString(),
    minutesDuration: 30,
    serviceType: [{ coding: [{ system: SYSTEMS.visitType, code: defaultVisitTypeByProfession[v.profession] ?? 'nurse-visit' }] }],
    specialty: [{ coding: [{ system: SYSTEMS.profession, code: v.profession }] }],
    extension: [{ url: EXTENSIONS.visitMode, valueCode: 'on-site' }],
    supportingInformation: [{ reference: `Task/${v.taskId}` }],
    participant: [
      { actor: { reference: `Patient/${residentId(v.resident)}` }, status: 'accepted' },
      { actor: { reference: v.who.reference, display: v.who.name }, status: 'accepted' },
      { actor: { reference: location, display: SITES[v.site].name }, status: 'accepted' },
    ],
  };
}

function feedback(world: ContactWorld, ids: IdCounters, v: { site: SiteKey; profession: string; start: Date }, random: Random): QuestionnaireResponse & { id: string } {
  const statements: Record<string, string> = {};
  const positive = Math.max(0, world.survey.scale.length - 2);
  for (const id of world.survey.statements) {
    if (random.chance(0.9)) statements[id] = world.survey.scale[Math.min(world.survey.scale.length - 1, positive + random.int(2) - (random.chance(0.15) ? 2 : 0))] ?? '';
  }
  const month = toHelsinkiDate(v.start).slice(0, 7);
  const response = feedbackResponse(
    { recommend: drawRecommend(random), statements },
    { kind: 'visit', service: SERVICE_OF[v.profession as VisitProfession], unit: siteLocationRef(v.site), unitName: SITES[v.site].name, profession: v.profession, channel: 'on-site', month },
    world.survey.version,
  );
  return { ...response, id: `gen-fb-${String(++ids.feedback).padStart(7, '0')}`, meta: DEMO_META };
}
