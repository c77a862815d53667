/**
 * The daily counts (contact_day, visit_day: migration 044) and the monthly ones (contact_month,
 * visit_month: migration 047) agree with the facts they count in
 * every combination, through new, changed, closed and removed contacts and visits, a client who
 * moves (which rewrites their contacts' facts), simultaneous writes, folds running at once with
 * writes, and emptying. The Measures' use of them is compared with the facts in measures.test.ts.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Appointment, Patient, Task } from '@medplum/fhirtypes';
import { DIGITAL_CHANNELS, EXTENSIONS, SYSTEMS } from '@ovi/domain';
import type { ResourceStore } from '../../src/storage/resourceStore';
import { foldRollups } from '../../src/storage/figureRollups';
import { indicatorCounts } from '../../src/storage/indicatorCounts';
import { countContacts } from '../../src/guidance/guidanceStats';
import { BACKENDS, freshStore, type FreshStore } from '../backup/databases';

const postgresUrl = inject('postgresUrl');
/** Each daily count's combination, and which of a contact's (or visit's) counted rows it keeps. */
const COUNTS = [
  { table: 'contact_day', key: 'day, unit, municipality, age_group, profession, channel, status, outcome', of: 'task_fact f CROSS JOIN LATERAL ovi_contact_counted_of(f) k', where: 'true' },
  { table: 'queue_day', key: 'day, closed_day, unit, municipality, profession, needs_visit', of: 'task_fact f CROSS JOIN LATERAL ovi_contact_counted_of(f) k', where: 'true' },
  {
    table: 'handler_day', key: 'day, unit, municipality, age_group, profession, owner, completed, assessed, has_due',
    of: 'task_fact f CROSS JOIN LATERAL (SELECT c.*, c.assessed_at IS NOT NULL AS assessed FROM ovi_contact_counted_of(f) c) k', where: 'k.owner IS NOT NULL',
  },
  { table: 'assessment_day', key: 'day, unit, municipality, age_group, profession, hours, on_time', of: 'task_fact f CROSS JOIN LATERAL ovi_contact_counted_of(f) k', where: 'k.assessed_at IS NOT NULL' },
  {
    table: 'guidance_day', key: 'day, status, outcome, urgency, channel, in_time, on_time',
    of: 'task_fact f CROSS JOIN LATERAL ovi_contact_counted_of(f) k', where: 'true',
  },
  { table: 'visit_day', key: 'day, location, municipality, age_group, profession, waited, within_legal, within_regional', of: 'visit_fact v CROSS JOIN LATERAL ovi_visit_counted_of(v) k', where: 'true' },
  {
    table: 'visit_wait_day', key: 'day, location, profession, assessed, urgency, days, within_legal, within_regional',
    of: 'visit_fact v CROSS JOIN LATERAL (SELECT c.day, c.location, c.profession, c.assessed, c.urgency, c.days, c.wait_within_legal AS within_legal, c.wait_within_regional AS within_regional FROM ovi_visit_counted_of(v) c) k', where: 'true',
  },
  { table: 'visit_professional_day', key: 'day, location, profession, assessed, urgency, practitioner', of: 'visit_fact v CROSS JOIN LATERAL ovi_visit_counted_of(v) k', where: 'k.practitioner IS NOT NULL' },
] as const;

function client(n: number, municipality: string): Patient & { id: string } {
  return {
    resourceType: 'Patient', id: `roll-p-${n}`, birthDate: n % 2 ? '1950-03-01' : '2010-11-28',
    extension: [{ url: EXTENSIONS.municipality, valueCoding: { system: SYSTEMS.municipality, code: municipality } }],
    generalPractitioner: [{ reference: `Organization/unit-${n % 2}` }],
  } as Patient & { id: string };
}

/** Contact n, arriving around Helsinki midnights on a few days of November. */
function contact(n: number, extra: Partial<Task> = {}): Task & { id: string } {
  return {
    resourceType: 'Task', id: `roll-c-${n}`, status: 'ready', intent: 'order',
    code: { coding: [{ system: SYSTEMS.taskCode, code: n % 9 === 0 ? 'routed-work' : 'client-guidance' }] },
    for: { reference: `Patient/roll-p-${n % 5}` },
    authoredOn: `2026-11-${String(20 + (n % 4)).padStart(2, '0')}T${n % 3 === 0 ? '21:50' : n % 3 === 1 ? '22:10' : '09:00'}:00.000Z`,
    performerType: [{ coding: [{ code: ['nurse', 'physician'][n % 2] ?? 'nurse' }] }],
    ...(n % 5 === 0 ? { owner: { reference: `Practitioner/pr-${n % 3}` } } : {}),
    input: [
      { type: { coding: [{ code: 'channel' }] }, valueCode: n % 2 ? 'phone' : 'web-form' },
      { type: { coding: [{ code: 'assessment-due' }] }, valueDateTime: '2026-11-25T12:00:00.000Z' },
      { type: { coding: [{ code: 'legal-deadline' }] }, valueDateTime: `2026-12-0${1 + (n % 3)}T12:00:00.000Z` },
      { type: { coding: [{ code: 'regional-deadline' }] }, valueDateTime: '2026-11-27T12:00:00.000Z' },
    ],
    ...extra,
  } as Task & { id: string };
}

function visit(n: number, status: Appointment['status'] = 'fulfilled'): Appointment & { id: string } {
  return {
    resourceType: 'Appointment', id: `roll-v-${n}`, status,
    start: `2026-11-${String(24 + (n % 5)).padStart(2, '0')}T${n % 2 ? '21:30' : '08:00'}:00.000Z`, end: `2026-11-${String(24 + (n % 5)).padStart(2, '0')}T${n % 2 ? '21:50' : '08:20'}:00.000Z`,
    specialty: [{ coding: [{ code: n % 2 ? 'nurse' : 'physician' }] }],
    participant: [
      { actor: { reference: `Location/loc-${n % 3}` }, status: 'accepted' },
      { actor: { reference: `Practitioner/pr-${n % 4}` }, status: 'accepted' },
      { actor: { reference: `Patient/roll-p-${n % 5}` }, status: 'accepted' },
    ],
    ...(n % 4 === 3 ? {} : { supportingInformation: [{ reference: `Task/roll-c-${n}` }] }),
  } as Appointment & { id: string };
}

describe.each(BACKENDS)('the daily counts on %s', (backend) => {
  let fresh: FreshStore;
  let store: ResourceStore;
  beforeAll(async () => {
    fresh = await freshStore(backend, postgresUrl);
    store = fresh.store;
  }, 60_000);
  afterAll(async () => fresh?.close());

  /** Each combination's count from the sums and from the facts themselves. */
  const lines = async (sql: string) => (await fresh.db.query<{ line: string }>(sql)).rows.map((r) => r.line).sort();
  const compare = async () => {
    const counted: Record<string, number> = {};
    for (const c of COUNTS) {
      const onK = c.key.split(', ').map((col) => `k.${col}`).join(', ');
      const summed = await lines(`SELECT json_build_array(${c.key}, sum(n))::text AS line FROM ${c.table} GROUP BY ${c.key} HAVING sum(n) <> 0`);
      const facts = await lines(`SELECT json_build_array(${onK}, count(*))::text AS line FROM ${c.of} WHERE ${c.where} GROUP BY ${onK}`);
      expect(summed, c.table).toEqual(facts);
      counted[c.table] = facts.length;
      if (c.table === 'queue_day') continue;
      // The same counts by month (migration 047): `day` there is the month's first day.
      const month = c.table.replace(/_day$/, '_month');
      const monthOfK = onK.replace(/^k\.day/, `date_trunc('month', k.day::timestamp)::date`);
      const monthly = await lines(`SELECT json_build_array(${c.key}, sum(n))::text AS line FROM ${month} GROUP BY ${c.key} HAVING sum(n) <> 0`);
      const factsByMonth = await lines(`SELECT json_build_array(${monthOfK}, count(*))::text AS line FROM ${c.of} WHERE ${c.where} GROUP BY ${monthOfK}`);
      expect(monthly, month).toEqual(factsByMonth);
      expect(factsByMonth.length, `${month} has fewer combinations`).toBeLessThanOrEqual(facts.length);
    }
    return { contacts: counted.contact_day ?? 0, assessments: counted.assessment_day ?? 0, handlers: counted.handler_day ?? 0, visits: counted.visit_day ?? 0 };
  };
  const rows = async (table: string) => Number((await fresh.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n);
  const update = async <T extends Task | Appointment | Patient>(type: string, id: string, change: (x: T) => T) => store.update<T>(type, id, (current) => change(current as T));

  it('sum to the facts in every combination through every kind of change', async () => {
    await store.createMany([client(0, '272'), client(1, '217'), client(2, '272'), client(3, '272'), client(4, '217')]);
    await store.createMany(Array.from({ length: 24 }, (_, n) => contact(n)));
    // Several requests at once, grouped into shared statements.
    await Promise.all(Array.from({ length: 12 }, (_, n) => store.createMany([contact(100 + n), visit(100 + n)])));
    await store.createMany(Array.from({ length: 16 }, (_, n) => visit(n)));
    const first = await compare();
    // Contacts on both sides of a Helsinki midnight, each client's age group and both professions.
    expect(first.contacts).toBeGreaterThan(10);
    expect(first.visits).toBeGreaterThan(8);
    // Within the daily counts: the Helsinki day of 21:50Z and 22:10Z differ.
    const days = (await fresh.db.query<{ day: string }>(`SELECT DISTINCT day::text AS day FROM contact_day ORDER BY 1`)).rows.map((r) => r.day);
    expect(days).toEqual(['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24']);
    // Either side of the Helsinki midnight that starts November (UTC+2 then): October and November.
    await store.createMany([contact(30, { authoredOn: '2026-10-31T21:50:00.000Z' }), contact(31, { authoredOn: '2026-10-31T22:10:00.000Z' })]);
    expect((await fresh.db.query<{ day: string }>(`SELECT DISTINCT day::text AS day FROM contact_month ORDER BY 1`)).rows.map((r) => r.day)).toEqual(['2026-10-01', '2026-11-01']);

    await update<Task>('Task', 'roll-c-1', (t) => ({ ...t, owner: { reference: 'Practitioner/pr-1' } }));
    await update<Task>('Task', 'roll-c-2', (t) => ({ ...t, status: 'completed', businessStatus: { coding: [{ code: 'booked' }] }, executionPeriod: { end: '2026-11-22T08:00:00.000Z' } }));
    await update<Task>('Task', 'roll-c-4', (t) => ({ ...t, status: 'cancelled', executionPeriod: { end: '2026-11-19T08:00:00.000Z' } })); // stamped before its arrival
    await update<Task>('Task', 'roll-c-5', (t) => ({ ...t, input: [...(t.input ?? []), { type: { coding: [{ code: 'assessed-at' }] }, valueDateTime: '2026-11-21T08:00:00.000Z' }] }));
    await update<Task>('Task', 'roll-c-6', (t) => ({ ...t, description: 'only a note' })); // no counted column changes
    await update<Appointment>('Appointment', 'roll-v-1', (a) => ({ ...a, status: 'cancelled' }));
    // Moved into December (1.12. 00:30 in Helsinki): out of November's monthly counts, into December's.
    await update<Appointment>('Appointment', 'roll-v-102', (a) => ({ ...a, start: '2026-11-30T22:30:00.000Z', end: '2026-11-30T22:50:00.000Z' }));
    // The client moves: their contacts' and visits' facts are rewritten.
    await update<Patient>('Patient', 'roll-p-2', (p) => ({ ...p, extension: [{ url: EXTENSIONS.municipality, valueCoding: { system: SYSTEMS.municipality, code: '217' } }] }));
    await fresh.db.query(`DELETE FROM resource WHERE resource_type = 'Task' AND id = 'roll-c-7'`); // its visit loses its contact
    await fresh.db.query(`DELETE FROM resource WHERE resource_type = 'Appointment' AND id = 'roll-v-8'`);
    // Assessed: one recorded, one completed (at its closing); the one cancelled is not.
    const changed = await compare();
    expect(changed.assessments).toBe(2);
    expect(changed.handlers).toBeGreaterThan(0);
    expect(await rows('contact_day WHERE NOT folded')).toBeGreaterThan(0);

    // The assessment Measures from the daily counts equal the facts' before and after the
    // unassessed contacts' due time (25.11. 14:00 Helsinki), when those join the population.
    const window = { start: new Date('2026-11-20T00:00:00+02:00'), end: new Date('2026-11-26T00:00:00+02:00') };
    const population = (rows: Array<{ stratifier: string | null; k: string | null; n: number }>) => rows.filter((r) => r.stratifier === null && r.k !== '#professionals').reduce((a, r) => a + r.n, 0);
    const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
    const populations: number[] = [];
    for (const now of [new Date('2026-11-25T13:00:00+02:00'), new Date('2026-11-25T15:00:00+02:00')])
      for (const id of ['assessed-same-weekday', 'time-to-assessment']) {
        const days = await indicatorCounts(fresh.db, id, window, ['unit', 'profession'], {}, { digital: DIGITAL_CHANNELS, now });
        expect(sorted(days), `${id} ${now.toISOString()}`).toEqual(sorted(await indicatorCounts(fresh.db, id, window, ['unit', 'profession'], {}, { digital: DIGITAL_CHANNELS, now, live: true })));
        if (id === 'assessed-same-weekday') populations.push(population(days));
      }
    // The guidance statistics' groups too (decision 043): from the counts as from the facts, before
    // and after the due time, over days only and over a whole month with edge days.
    const groupsOf = (c: { groups: unknown[]; professionals: number }) => ({ groups: sorted(c.groups), professionals: c.professionals });
    const november = { start: new Date('2026-10-31T00:00:00+02:00'), end: new Date('2026-12-02T00:00:00+02:00') };
    for (const now of [new Date('2026-11-25T13:00:00+02:00'), new Date('2026-11-25T15:00:00+02:00')])
      for (const w of [window, november]) {
        const counted = await countContacts(fresh.db, w, now);
        expect(groupsOf(counted), `guidance ${w.start.toISOString()} ${now.toISOString()}`).toEqual(groupsOf(await countContacts(fresh.db, w, now, true)));
        expect(counted.professionals).toBeGreaterThan(0);
      }
    expect(populations[0]).toBe(2);
    expect(populations[1]).toBeGreaterThan(20);
  });

  it('folds into one row per combination, with the same sums, also when folds run at once with writes', async () => {
    const before = await compare();
    await Promise.all([foldRollups(fresh.db), foldRollups(fresh.db), store.createMany([contact(500), visit(500)]), foldRollups(fresh.db)]);
    await foldRollups(fresh.db);
    const after = await compare();
    expect(after.contacts).toBeGreaterThanOrEqual(before.contacts);
    expect(await rows('contact_day')).toBe(after.contacts);
    expect(await rows('visit_day')).toBe(after.visits);
    expect(await rows('assessment_day WHERE NOT folded OR n <= 0')).toBe(0);
    expect(await rows('contact_day WHERE NOT folded OR n <= 0')).toBe(0);
    expect(await rows('contact_month WHERE NOT folded OR n <= 0')).toBe(0);
    expect(await rows('visit_wait_month WHERE NOT folded OR n <= 0')).toBe(0);
    // Nothing to fold: nothing done.
    expect(await foldRollups(fresh.db)).toBe(0);
  });

  it('empties with the resources', async () => {
    await fresh.db.query('TRUNCATE resource CASCADE');
    await compare();
    expect(Number((await fresh.db.query<{ n: number }>('SELECT COALESCE(sum(n), 0)::int AS n FROM contact_day')).rows[0]?.n)).toBe(0);
    await foldRollups(fresh.db);
    for (const c of COUNTS) expect(await rows(c.table), c.table).toBe(0);
    for (const c of COUNTS) if (c.table !== 'queue_day') expect(await rows(c.table.replace(/_day$/, '_month')), c.table).toBe(0);
  });
});
