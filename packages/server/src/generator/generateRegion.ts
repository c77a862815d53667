/**
 * Writes a synthetic region-year into Ovi's database (`npm run generate`, decision 029): the
 * generated professionals with their working time and slots, the residents, and the period's
 * contacts with their visits and feedback, in batches of a few thousand resources per
 * transaction through the store (storage/bulkWrite.ts), so FHIR content, history and search
 * index rows are exactly what the server writes. Reproducible: every draw comes from streams
 * seeded from `seed`, and ids are running numbers.
 */
import type { Appointment, CareTeam, Resource } from '@medplum/fhirtypes';
import { addCalendarDays } from '@ovi/domain/src/calendarDate';
import { toHelsinkiDate } from '@ovi/domain/src/helsinkiTime';
import { contactRateByAge, contactsPerDay, seededRandom } from '@ovi/domain/src/generator';
import { generateSlots } from '@ovi/domain/src/slotGeneration';
import { slotResource } from '../scheduling/slotResources';
import type { OviServices } from '../app';
import { upkeep } from '../db/embeddedUpkeep';
import { foldRollups } from '../storage/figureRollups';
import { refreshStatistics, resourceExists, writeBatch } from '../storage/bulkWrite';
import { contactsOfDay, cumulativeWeights, type ContactWorld, type IdCounters } from './generatedContacts';
import { residentPatient, residentTable } from './generatedResidents';
import { generatedProfessionals, professionalResources, professionalTemplate, teamMembers, TEAM_SITES, withMembers, type GeneratedProfessional } from './generatedStaff';
import { ProgressBar } from './progressBar';

/** Contacts per resident per year: 1.5 million for 200 000 residents (the figure; decision 029). */
export const CONTACTS_PER_RESIDENT_YEAR = 7.5;
/** Resources per transaction: large enough to amortise a commit, small enough to keep memory flat. */
const BATCH = 4000;
/** Days of bookable slots made for the generated professionals (T3 reads the calendars ahead). */
const SLOT_HORIZON_DAYS = 28;

export interface GenerateOptions {
  residents: number;
  months: number;
  seed: number;
  /** The end of the generated period (default: the clock's now). */
  now: Date;
  /** Where progress goes (default stderr); `false` for none. */
  progress?: false | { isTTY?: boolean; write(text: string): unknown };
}

export interface GeneratedCounts {
  professionals: number;
  slots: number;
  residents: number;
  contacts: number;
  appointments: number;
  feedback: number;
  firstContactId?: string;
  seconds: number;
}

export async function generateRegion(services: OviServices, options: GenerateOptions): Promise<GeneratedCounts> {
  const { store, db } = services;
  if (await resourceExists(db, 'Patient', 'gen-p-000001')) throw new Error('This database already holds a generated region; generate into an empty one.');
  const started = Date.now();
  const out = options.progress === false ? undefined : (options.progress ?? process.stderr);
  const say = (line: string) => out?.write(`${line}\n`);
  const bar = (label: string, total: number, unit: string) => (out ? new ProgressBar(label, total, unit, out) : undefined);

  const staff = generatedProfessionals(options.residents, seededRandom(options.seed * 7 + 1));
  say(`Generating a region: ${options.residents} residents, ${options.months} months, seed ${options.seed}, ${staff.length} professionals.`);
  await writeBatch(store, staff.flatMap(professionalResources).map((r) => r as Resource & { id: string }));
  // Some of each station's professionals join its team, so that visits with the own team occur.
  const members = teamMembers(staff, seededRandom(options.seed * 7 + 5));
  for (const site of TEAM_SITES) {
    const team = await store.readOptional<CareTeam>('CareTeam', `team-${site}`);
    if (team?.id) await store.update('CareTeam', team.id, withMembers(team, members.filter((p) => p.site === site)));
  }
  const slots = await materializeSlots(services, staff, options.now);

  const residents = residentTable(options.residents, seededRandom(options.seed * 7 + 2));
  const patientRandom = seededRandom(options.seed * 7 + 3);
  const residentBar = bar('Residents', options.residents, 'residents');
  await writeInBatches(store, async (push) => {
    for (let i = 0; i < residents.count; i++) await push(residentPatient(i, residents, options.now, patientRandom) as Resource & { id: string });
  }, (n) => residentBar?.add(n));
  residentBar?.finish();
  await upkeep(db);

  const survey = await services.feedbackSettings.survey();
  const world: ContactWorld = {
    residents,
    cumulativeWeights: cumulativeWeights(residents, contactRateByAge),
    staff: byUnitAndProfession(staff),
    survey: { version: survey.version, statements: survey.statements.map((s) => s.id), scale: survey.scale.map((s) => s.code) },
    now: options.now,
  };
  const days = periodDays(options.now, options.months);
  const total = Math.round(options.residents * CONTACTS_PER_RESIDENT_YEAR * (options.months / 12));
  const perDay = contactsPerDay(days.map((d) => new Date(`${d}T00:00:00Z`)), total);
  const ids: IdCounters = { contact: 0, appointment: 0, feedback: 0 };
  const contactRandom = seededRandom(options.seed * 7 + 4);
  const contactBar = bar('Contacts', total, 'contacts');
  let reported = 0;
  // Each professional's times taken by a visit (booked, realised or not come to), for the past slots below.
  const taken = new Set<string>();
  await writeInBatches(store, async (push) => {
    for (const [i, day] of days.entries()) {
      for (const resource of contactsOfDay(world, day, perDay[i] ?? 0, ids, contactRandom)) {
        const time = takenTime(resource);
        if (time) taken.add(time);
        await push(resource as Resource & { id: string });
      }
      // The embedded database has no autovacuum: a week's writes are planned on statistics of the size reached so far.
      // The daily counts are folded as the server folds them after reads (storage/figureRollups.ts).
      if (i % 7 === 6) {
        await upkeep(db);
        await foldRollups(db);
      }
    }
  }, () => {
    contactBar?.add(ids.contact - reported);
    reported = ids.contact;
  });
  contactBar?.finish();
  const pastSlots = await writePastSlots(services, staff, days[0] ?? toHelsinkiDate(options.now), options.now, taken, bar);
  await foldRollups(db);
  await refreshStatistics(db);
  const counts = {
    professionals: staff.length, slots: slots + pastSlots, residents: options.residents, contacts: ids.contact, appointments: ids.appointment, feedback: ids.feedback,
    ...(ids.contact > 0 ? { firstContactId: 'gen-c-0000001' } : {}),
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
  say(`Done in ${counts.seconds} s: ${counts.contacts} contacts, ${counts.appointments} visits, ${counts.feedback} feedback answers, ${counts.slots} slots.`);
  return counts;
}

/**
 * Feeds resources to the store in batches; the next batch is built while the previous one is
 * written (PostgreSQL works in its own process meanwhile), one write in flight at a time.
 */
async function writeInBatches(
  store: OviServices['store'],
  produce: (push: (r: Resource & { id: string }) => Promise<void>) => Promise<void>,
  written: (n: number) => void,
): Promise<void> {
  let buffer: Array<Resource & { id: string }> = [];
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = buffer;
    buffer = [];
    await inFlight;
    inFlight = writeBatch(store, batch).then(() => written(batch.length));
  };
  await produce(async (r) => {
    buffer.push(r);
    if (buffer.length >= BATCH) await flush();
  });
  if (buffer.length > 0) await flush();
  await inFlight;
}

/** Saves each generated professional's weekly working time and makes its slots for the coming weeks. */
async function materializeSlots(services: OviServices, staff: GeneratedProfessional[], now: Date): Promise<number> {
  let slots = 0;
  const validFrom = toHelsinkiDate(now);
  for (const p of staff) {
    const template = professionalTemplate(p, validFrom);
    if (!template) continue;
    await services.schedulingSettings.saveTemplate(template.id, template, 'generator');
    slots += (await services.materializer.materialize(template, now, SLOT_HORIZON_DAYS)).created;
  }
  return slots;
}

/** `Practitioner/…|start` of a visit that holds its time (a cancelled one gave it back). */
function takenTime(resource: Resource): string | undefined {
  if (resource.resourceType !== 'Appointment') return undefined;
  const visit = resource as Appointment;
  if (visit.status === 'cancelled' || !visit.start) return undefined;
  const who = visit.participant?.find((p) => p.actor?.reference?.startsWith('Practitioner/'))?.actor?.reference;
  return who ? `${who}|${new Date(visit.start).toISOString()}` : undefined;
}

/**
 * The period's past working time as slots, so that booked and free time (T3 aside) have a
 * year behind them as in a region: each professional's template from the period's first day
 * up to now, a slot busy when a generated visit took that time, else free (a time nobody took).
 * The materializer made the times after now; these start at or before it.
 */
async function writePastSlots(
  services: OviServices,
  staff: GeneratedProfessional[],
  firstDay: string,
  now: Date,
  taken: ReadonlySet<string>,
  bar: (label: string, total: number, unit: string) => ProgressBar | undefined,
): Promise<number> {
  const visitTypes = await services.schedulingSettings.visitTypes();
  const templates = staff.flatMap((p) => professionalTemplate(p, firstDay) ?? []);
  const slotBar = bar('Past slots', templates.length, 'professionals');
  let written = 0;
  await writeInBatches(services.store, async (push) => {
    for (const template of templates) {
      for (const slot of generateSlots({ template, visitTypes, exceptions: [], from: firstDay, to: toHelsinkiDate(now) })) {
        if (slot.start.getTime() > now.getTime()) continue;
        written++;
        await push({ ...slotResource(slot), status: taken.has(`${template.practitioner}|${slot.start.toISOString()}`) ? 'busy' : 'free' });
      }
      slotBar?.add(1);
    }
  }, () => undefined);
  slotBar?.finish();
  return written;
}

function byUnitAndProfession(staff: GeneratedProfessional[]): Map<string, GeneratedProfessional[]> {
  const map = new Map<string, GeneratedProfessional[]>();
  for (const p of staff) {
    const key = `${p.site}/${p.profession}`;
    map.set(key, [...(map.get(key) ?? []), p]);
  }
  return map;
}

/** The Helsinki calendar dates of the `months` months that end with `now`'s date. */
export function periodDays(now: Date, months: number): string[] {
  const last = toHelsinkiDate(now);
  const [y, m, d] = last.split('-').map(Number) as [number, number, number];
  const startMonth = new Date(Date.UTC(y, m - 1 - months, d));
  const days: string[] = [];
  for (let day = addCalendarDays(startMonth.toISOString().slice(0, 10), 1); day <= last; day = addCalendarDays(day, 1)) days.push(day);
  return days;
}
