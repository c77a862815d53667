import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Appointment, Resource, Task } from '@medplum/fhirtypes';
import { validateResource } from '@medplum/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FINNISH_AGE_BANDS, seededRandom } from '@ovi/domain/src/generator';
import { createOvi, type Ovi } from '../../src/app';
import { loadFhirDefinitions } from '../../src/fhir/definitions';
import { generateRegion, periodDays, type GeneratedCounts } from '../../src/generator/generateRegion';
import { contactsOfDay, cumulativeWeights, type IdCounters } from '../../src/generator/generatedContacts';
import { residentTable } from '../../src/generator/generatedResidents';
import { generatedProfessionals } from '../../src/generator/generatedStaff';
import { parseGenerateArguments } from '../../src/generator/generateCommand';
import { ProgressBar } from '../../src/generator/progressBar';
import { contactRateByAge } from '@ovi/domain/src/generator';
import { freshPostgresDatabase, type Backend } from '../api/oviTestServer';
import { scheduleIdOf } from '../../src/scheduling/slotResources';

/** The end of the generated period and the servers' clock: a Friday noon in Helsinki. */
const NOW = new Date('2026-11-27T10:00:00Z');
const RESIDENTS = 800;
const MONTHS = 12;

/** Opens Ovi on a database of its own (demo region seeded, as `npm run generate` does). */
async function open(backend: Backend, where: { url?: string; dir?: string }): Promise<Ovi> {
  return createOvi({
    port: 0, host: '127.0.0.1', databaseUrl: backend === 'postgres' ? where.url : undefined, dataDir: where.dir,
    seedDemo: true, logLevel: 'silent', bodyLimit: 1 << 20, reminderIntervalMinutes: 0, clockStart: NOW,
  });
}

const contentOf = async (ovi: Ovi, sql: string, params: unknown[] = []) =>
  (await ovi.services.db.query<{ content: Resource }>(sql, params)).rows.map((r) => r.content);

describe.each(['pglite', 'postgres'] as Backend[])('a generated region-year on %s', (backend) => {
  let dir: string | undefined;
  let database: { url: string; drop(): Promise<void> } | undefined;
  let counts: GeneratedCounts;
  let ovi: Ovi;
  let url: string;
  let manager: string;

  beforeAll(async () => {
    if (backend === 'postgres') database = await freshPostgresDatabase(inject('postgresUrl'), 'ovi_generate');
    else dir = mkdtempSync(join(tmpdir(), 'ovi-generate-'));
    const where = { url: database?.url, dir };
    // Generate, close, and start a server afresh on the result (as `npm start` after `npm run generate`).
    const writer = await open(backend, where);
    try {
      counts = await generateRegion(writer.services, { residents: RESIDENTS, months: MONTHS, seed: 1, now: NOW, progress: false });
    } finally {
      await writer.close();
    }
    ovi = await open(backend, where);
    await ovi.app.listen({ port: 0, host: '127.0.0.1' });
    const address = ovi.app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'manager', password: 'demo' }) });
    manager = ((await login.json()) as { access_token: string }).access_token;
    // Two start-ups with the demo region and a year of 800 residents: minutes on a busy machine.
  }, 600_000);
  afterAll(async () => {
    await ovi?.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const get = async (path: string) => {
    const r = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${manager}` } });
    return { status: r.status, body: (await r.json()) as any };
  };

  it('writes about 7.5 contacts a resident-year with visits and feedback, under running ids', async () => {
    expect(counts.residents).toBe(RESIDENTS);
    expect(counts.contacts).toBeGreaterThan(RESIDENTS * 7.5 * 0.95);
    expect(counts.contacts).toBeLessThanOrEqual(RESIDENTS * 7.5);
    expect(counts.appointments / counts.contacts).toBeGreaterThan(0.3);
    expect(counts.appointments / counts.contacts).toBeLessThan(0.55);
    expect(counts.feedback).toBeGreaterThan(0);
    expect(counts.slots).toBeGreaterThan(0);
    const stored = await ovi.services.db.query<{ resource_type: string; n: number }>(
      `SELECT resource_type, count(*)::int AS n FROM resource WHERE id LIKE 'gen-%' GROUP BY resource_type`,
    );
    const n = Object.fromEntries(stored.rows.map((r) => [r.resource_type, r.n]));
    expect(n).toMatchObject({ Patient: RESIDENTS, Task: counts.contacts, Appointment: counts.appointments, QuestionnaireResponse: counts.feedback, Practitioner: counts.professionals });
    const first = await ovi.services.store.read<Task>('Task', 'gen-c-0000001');
    expect(first.code?.coding?.[0]?.code).toBe('client-guidance');
    // Search rows are right: the index finds the generated contacts by code and patient.
    const byCode = await ovi.services.store.search({ resourceType: 'Task', filters: [{ code: 'code', kind: 'token', values: ['client-guidance'] }], sort: [], count: 0, offset: 0 });
    expect(byCode.total).toBeGreaterThanOrEqual(counts.contacts);
    const byPatient = await ovi.services.store.search({ resourceType: 'Task', filters: [{ code: 'patient', kind: 'reference', values: [first.for?.reference ?? ''] }], sort: [], count: 100, offset: 0 });
    expect(byPatient.resources.map((r) => r.id)).toContain('gen-c-0000001');
  });

  it('gives the residents the Finnish age structure and the municipalities their shares', async () => {
    const r = await ovi.services.db.query<{ birth: string; municipality: string }>(
      `SELECT content->>'birthDate' AS birth, content#>>'{extension,0,valueCoding,display}' AS municipality FROM resource WHERE resource_type = 'Patient' AND id LIKE 'gen-p-%'`,
    );
    const ages = r.rows.map((row) => Math.floor((NOW.getTime() - Date.parse(row.birth)) / (365.2425 * 86_400_000)));
    const share = (keep: (a: number) => boolean) => ages.filter(keep).length / ages.length;
    const older = FINNISH_AGE_BANDS.filter((b) => b.from >= 65).reduce((s, b) => s + b.percent, 0) / 100;
    const children = FINNISH_AGE_BANDS.filter((b) => b.to < 15).reduce((s, b) => s + b.percent, 0) / 100;
    expect(Math.abs(share((a) => a >= 65) - older)).toBeLessThan(0.04);
    expect(Math.abs(share((a) => a < 15) - children)).toBeLessThan(0.035);
    expect(r.rows.filter((row) => row.municipality === 'Kokkola').length / r.rows.length).toBeGreaterThan(0.85);
    expect(r.rows.some((row) => row.municipality === 'Kannus')).toBe(true);
  });

  it('has a winter peak, a summer dip, a Monday peak and a mostly spoken channel mix', async () => {
    const r = await ovi.services.db.query<{ month: number; dow: number; channel: string; n: number }>(
      `SELECT extract(month FROM (ovi_instant(content->>'authoredOn') AT TIME ZONE 'Europe/Helsinki'))::int AS month,
              extract(isodow FROM (ovi_instant(content->>'authoredOn') AT TIME ZONE 'Europe/Helsinki'))::int AS dow,
              (SELECT i->>'valueCode' FROM jsonb_array_elements(content->'input') i WHERE i#>>'{type,coding,0,code}' = 'channel') AS channel,
              count(*)::int AS n
         FROM resource WHERE resource_type = 'Task' AND id LIKE 'gen-c-%' GROUP BY 1, 2, 3`,
    );
    const sum = (keep: (row: (typeof r.rows)[number]) => boolean) => r.rows.filter(keep).reduce((s, row) => s + row.n, 0);
    expect(sum((x) => x.month === 7) / sum((x) => x.month === 1)).toBeLessThan(0.7);
    expect(sum((x) => x.month === 2) / sum((x) => x.month === 6)).toBeGreaterThan(1.2);
    expect(sum((x) => x.dow === 1) / sum((x) => x.dow === 3)).toBeGreaterThan(1.25);
    expect(sum((x) => x.dow >= 6) / sum(() => true)).toBeLessThan(0.08);
    const all = sum(() => true);
    expect(sum((x) => x.channel === 'phone') / all).toBeGreaterThan(0.4);
    expect(sum((x) => x.channel === 'phone') / all).toBeLessThan(0.62);
    expect(sum((x) => x.channel === 'web-form' || x.channel === 'message' || x.channel === 'chat') / all).toBeGreaterThan(0.3);
  });

  it('stores resources the R4 validator accepts, a sample of each kind', async () => {
    const samples = [
      ...(await contentOf(ovi, `SELECT content FROM resource WHERE resource_type IN ('Practitioner', 'PractitionerRole', 'Patient') AND id LIKE 'gen-%' AND right(id, 1) = '1'`)),
      ...(await contentOf(ovi, `SELECT DISTINCT ON (content->>'status') content FROM resource WHERE resource_type = 'Task' AND id LIKE 'gen-c-%' ORDER BY content->>'status', id`)),
      ...(await contentOf(ovi, `SELECT DISTINCT ON (content->>'status') content FROM resource WHERE resource_type = 'Appointment' AND id LIKE 'gen-a-%' ORDER BY content->>'status', id`)),
      ...(await contentOf(ovi, `SELECT content FROM resource WHERE resource_type = 'QuestionnaireResponse' AND id LIKE 'gen-fb-%' LIMIT 3`)),
    ];
    const kinds = new Set(samples.map((s) => `${s.resourceType}${s.resourceType === 'Appointment' || s.resourceType === 'Task' ? `/${(s as Appointment).status}` : ''}`));
    for (const kind of ['Patient', 'Practitioner', 'PractitionerRole', 'QuestionnaireResponse', 'Task/completed', 'Appointment/fulfilled', 'Appointment/cancelled', 'Appointment/noshow', 'Appointment/booked']) {
      expect(kinds).toContain(kind);
    }
    loadFhirDefinitions();
    for (const resource of samples) expect(() => validateResource(resource), `${resource.resourceType}/${resource.id}`).not.toThrow();
  });

  it('starts a server on the result whose figure endpoints answer over the generated year', async () => {
    const days = periodDays(NOW, MONTHS);
    const query = `from=${days[0]}&to=${days[days.length - 1]}`;
    const stats = await get(`/api/guidance/stats?${query}`);
    expect(stats.status).toBe(200);
    // Rounded to 5 and with the demo region's few contacts of the same days.
    expect(Math.abs(stats.body.contacts - counts.contacts)).toBeLessThanOrEqual(20);
    expect(stats.body.byChannel.phone).toBeGreaterThan(0);
    const access = await get(`/api/access/measures?${query}`);
    expect(access.status).toBe(200);
    expect(access.body.t3.length).toBeGreaterThan(0);
    const realised = access.body.waiting.reduce((s: number, g: { visits?: number | null }) => s + (g.visits ?? 0), 0);
    expect(realised).toBeGreaterThan(counts.appointments * 0.6);
    const continuity = await get(`/api/access/continuity?${query}`);
    expect(continuity.status).toBe(200);
    const feedback = await get(`/api/feedback/results?from=${days[0]!.slice(0, 7)}&to=${days[days.length - 1]!.slice(0, 7)}`);
    expect(feedback.status).toBe(200);
  });

  it('has a year of working time behind it: every past week has free and booked time, booked where a visit took the time', async () => {
    // Every generated professional with visits has slots from the period's first day on (T3's calendars are the future ones).
    const weeks = await ovi.services.db.query<{ week: string; free: number; busy: number }>(
      `SELECT to_char(date_trunc('week', start_at AT TIME ZONE 'Europe/Helsinki'), 'YYYY-MM-DD') AS week,
              count(*) FILTER (WHERE status = 'free')::int AS free, count(*) FILTER (WHERE status = 'busy')::int AS busy
         FROM slot_availability WHERE schedule_id LIKE 'sched-gen-%' AND start_at <= $1 GROUP BY 1 ORDER BY 1`,
      [NOW.toISOString()],
    );
    const days = periodDays(NOW, MONTHS);
    expect(weeks.rows.length, 'a row per week of the period').toBeGreaterThanOrEqual(52);
    expect((weeks.rows[0]?.week ?? '9999') <= (days[0] as string)).toBe(true);
    // The Christmas week has fewer working days, and the summer fewer visits, but none is empty.
    for (const w of weeks.rows.slice(1, -1)) expect(w.free > 0 && w.busy > 0, JSON.stringify(w)).toBe(true);
    // Each time a visit held (cancelled ones gave theirs back) is a busy slot of that professional, and no other slot is busy.
    const held = new Set(
      (await contentOf(ovi, `SELECT content FROM resource WHERE resource_type = 'Appointment' AND id LIKE 'gen-a-%' AND content ->> 'status' <> 'cancelled'`))
        .map((a) => a as Appointment)
        .map((a) => `${scheduleIdOf(a.participant?.find((p) => p.actor?.reference?.startsWith('Practitioner/'))?.actor?.reference ?? '')}|${new Date(a.start ?? '').toISOString()}`),
    );
    const busy = (await ovi.services.db.query<{ key: string }>(
      `SELECT schedule_id || '|' || to_char(start_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS key FROM slot_availability
        WHERE schedule_id LIKE 'sched-gen-%' AND status = 'busy' AND start_at <= $1`,
      [NOW.toISOString()],
    )).rows.map((r) => r.key);
    expect(busy.length).toBeGreaterThan(0);
    for (const key of busy) expect(held.has(key), key).toBe(true);
    const past = [...held].filter((k) => (k.split('|')[1] ?? '') <= NOW.toISOString());
    const busySet = new Set(busy);
    // Two visits at one time share its slot; every one's time is a slot of its professional's.
    expect(past.filter((k) => !busySet.has(k)), 'held times without a busy slot').toEqual([]);
    // The booked-time Measure has the year to count.
    const share = await get(`/api/measures/booked-time-share?periodStart=${days[0]}&periodEnd=${days[days.length - 1]}`);
    expect(share.status).toBe(200);
    expect(JSON.stringify(share.body)).toContain('booked');
  });

  it('puts some of each station’s professionals in its team, so some visits are with the own team and some not', async () => {
    const days = periodDays(NOW, MONTHS);
    const report = await get(`/fhir/R4/Measure/own-team-visits/$evaluate-measure?periodStart=${days[0]}&periodEnd=${days[days.length - 1]}`);
    expect(report.status).toBe(200);
    const score = report.body.group[0].measureScore?.value as number;
    expect(score).toBeGreaterThan(0.1);
    expect(score).toBeLessThan(0.9);
  });

  it('refuses to write a second region into the same database', async () => {
    await expect(generateRegion(ovi.services, { residents: 10, months: 1, seed: 1, now: NOW, progress: false })).rejects.toThrow(/already holds a generated region/);
  });
});

describe('the generator without a database', () => {
  it('draws the same residents, staff and contacts (and ids) from the same seed, others from another', () => {
    const make = (seed: number) => {
      const residents = residentTable(500, seededRandom(seed * 7 + 2));
      const staff = generatedProfessionals(500, seededRandom(seed * 7 + 1));
      const world = {
        residents, cumulativeWeights: cumulativeWeights(residents, contactRateByAge),
        staff: staff.reduce((m, p) => m.set(`${p.site}/${p.profession}`, [...(m.get(`${p.site}/${p.profession}`) ?? []), p]), new Map<string, typeof staff>()),
        survey: { version: 1, statements: ['a', 'b'], scale: ['1', '2', '3', '4', '5'] }, now: NOW,
      };
      const ids: IdCounters = { contact: 0, appointment: 0, feedback: 0 };
      const random = seededRandom(seed * 7 + 4);
      return [...contactsOfDay(world, '2026-11-23', 200, ids, random), ...contactsOfDay(world, '2026-11-24', 200, ids, random)];
    };
    const a = make(1);
    expect(JSON.stringify(make(1))).toBe(JSON.stringify(a));
    expect(a[0]?.id).toBe('gen-c-0000001');
    expect(JSON.stringify(make(2))).not.toBe(JSON.stringify(a));
    const tasks = a.filter((r): r is Task => r.resourceType === 'Task');
    expect(tasks).toHaveLength(400);
    // Every visit names its contact, and no visit comes before its booking.
    for (const visit of a.filter((r): r is Appointment => r.resourceType === 'Appointment')) {
      expect(tasks.map((t) => `Task/${t.id}`)).toContain(visit.supportingInformation?.[0]?.reference);
      expect(Date.parse(visit.start ?? '')).toBeGreaterThan(Date.parse(visit.created ?? ''));
    }
    const patients = new Set(tasks.map((t) => t.for?.reference));
    expect(patients.size).toBeGreaterThan(100);
  });

  it('reads its options and refuses bad ones in plain words', () => {
    expect(parseGenerateArguments(['--residents', '2000', '--months=2', '--seed', '7'])).toEqual({ residents: 2000, months: 2, seed: 7 });
    expect(parseGenerateArguments([])).toEqual({ residents: 200_000, months: 12, seed: 1 });
    expect(() => parseGenerateArguments(['--residents', 'many'])).toThrow(/--residents must be a whole number/);
    expect(() => parseGenerateArguments(['--months', '0'])).toThrow(/from 1 to 36/);
    expect(() => parseGenerateArguments(['--people', '5'])).toThrow(/Unknown option/);
    expect(() => parseGenerateArguments(['--seed'])).toThrow(/got nothing/);
  });

  it('shows rate and time left, and the total time at the end', () => {
    const lines: string[] = [];
    const bar = new ProgressBar('Contacts', 1000, 'contacts', { isTTY: false, write: (t: string) => lines.push(t) });
    bar.add(250);
    const line = bar.line(Date.now() + 5000);
    expect(line).toMatch(/Contacts \[#{6}\.{18}\] 25 % 250\/1,000 contacts, \d+\/s, ETA \d+ s/);
    bar.add(750);
    bar.finish();
    expect(lines.at(-1)).toMatch(/100 % 1,000\/1,000 contacts, .* in all/);
  });
});
