/**
 * Scheduling benchmark: many professionals with months of generated slots on a real
 * PostgreSQL; `$find` latency and `$book` under concurrent load (double bookings counted).
 * Run with `npm run bench` (sizes: BENCH_PROFESSIONALS, BENCH_MONTHS). Not a test.
 */
import type { Practitioner, PractitionerRole } from '@medplum/fhirtypes';
import { PROFESSIONS, SYSTEMS, defaultVisitTypeByProfession, defaultVisitTypes, type WeeklyTemplate } from '@ovi/domain';
import type { Ovi } from '../src/app';

export interface SchedulingFigures {
  professionals: number;
  months: number;
  slots: number;
  generationSeconds: number;
  find: { requests: number; medianMs: number; p95Ms: number; maxMs: number };
  book: { attempts: number; concurrency: number; booked: number; conflicts: number; otherErrors: number; doubleBookings: number; throughputPerSecond: number };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/**
 * Generates the data in this process, then measures through `serverUrl()`: a server in a
 * process of its own, so the load generator does not share the server's event loop.
 */
export async function benchScheduling(ovi: Ovi, serverUrl: () => Promise<string>, professionals: number, months: number): Promise<SchedulingFigures> {
  const { store, db, materializer, accounts } = ovi.services;
  const professions = PROFESSIONS.filter((p) => p !== 'guidance-nurse');
  const practitioners: Array<Practitioner & { id: string }> = [];
  const roles: Array<PractitionerRole & { id: string }> = [];
  for (let i = 0; i < professionals; i++) {
    const profession = professions[i % professions.length] ?? 'nurse';
    practitioners.push({ resourceType: 'Practitioner', id: `bench-pr-${i}`, name: [{ family: `Ammattilainen ${i}`, given: ['Bench'] }], communication: [{ coding: [{ system: 'urn:ietf:bcp:47', code: i % 5 === 0 ? 'sv' : 'fi' }] }] });
    roles.push({ resourceType: 'PractitionerRole', id: `bench-role-${i}`, practitioner: { reference: `Practitioner/bench-pr-${i}` }, code: [{ coding: [{ system: SYSTEMS.profession, code: profession }] }], location: [{ reference: `Location/bench-loc-${i % 10}` }] });
  }
  const locations = Array.from({ length: 10 }, (_, i) => ({ resourceType: 'Location' as const, id: `bench-loc-${i}`, name: `Terveysasema ${i}`, address: { city: i % 2 ? 'Kokkola' : 'Kannus' } }));
  const patient = { resourceType: 'Patient' as const, id: 'bench-patient', name: [{ family: 'Testi', given: ['Bench'] }], birthDate: '1980-01-01' };
  await db.transaction((tx) => store.createMany([...practitioners, ...roles, ...locations, patient], tx));
  await accounts.upsert({ username: 'bench', password: 'bench-password', roles: ['guidance'], fhirUser: 'Practitioner/bench-pr-0', name: 'Bench' });
  // The guidance role reaches the client through an open guidance Task.
  await store.create({ resourceType: 'Task', status: 'ready', intent: 'order', code: { coding: [{ system: SYSTEMS.taskCode, code: 'client-guidance' }] }, for: { reference: 'Patient/bench-patient' } });

  const started = Date.now();
  for (let i = 0; i < professionals; i++) {
    const profession = roles[i]?.code?.[0]?.coding?.[0]?.code ?? 'nurse';
    const visitType = defaultVisitTypeByProfession[profession] ?? 'nurse-visit';
    const modes = defaultVisitTypes.find((v) => v.code === visitType)?.modes ?? ['on-site'];
    const template: WeeklyTemplate = {
      id: `bench-tpl-${i}`,
      practitioner: `Practitioner/bench-pr-${i}`,
      location: `Location/bench-loc-${i % 10}`,
      validFrom: '2026-01-01',
      blocks: ([1, 2, 3, 4, 5] as const).flatMap((weekday) => [
        { weekday, start: '08:00', end: '11:30', visitType, modes },
        { weekday, start: '12:30', end: '16:00', visitType, modes },
      ]),
    };
    await materializer.materialize(template, new Date(), months * 30);
    // A bulk load outruns autovacuum; fresh statistics keep the planner on the indexes.
    if (i % 25 === 24) await db.exec('ANALYZE');
  }
  await db.exec('ANALYZE');
  const generationSeconds = (Date.now() - started) / 1000;
  const slots = Number((await db.query<{ n: string }>("SELECT count(*) AS n FROM resource WHERE resource_type = 'Slot'")).rows[0]?.n ?? 0);

  const url = await serverUrl();
  const login = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: 'bench-password' }) });
  const token = ((await login.json()) as { access_token: string }).access_token;
  const headers = { 'content-type': 'application/fhir+json', authorization: `Bearer ${token}` };
  const findBody = (profession: string, offsetDays: number) => ({
    resourceType: 'Parameters',
    parameter: [
      { name: 'start', valueDateTime: new Date(Date.now() + offsetDays * 86_400_000).toISOString() },
      { name: 'end', valueDateTime: new Date(Date.now() + (offsetDays + 7) * 86_400_000).toISOString() },
      { name: 'specialty', valueCodeableConcept: { coding: [{ system: SYSTEMS.profession, code: profession }] } },
      { name: 'patient', valueReference: { reference: 'Patient/bench-patient' } },
    ],
  });
  const find = async (profession: string, offsetDays: number) => {
    const r = await fetch(`${url}/fhir/R4/Appointment/$find`, { method: 'POST', headers, body: JSON.stringify(findBody(profession, offsetDays)) });
    return (await r.json()) as { entry?: Array<{ resource: { resourceType: string } }> };
  };

  const timings: number[] = [];
  const requests = 200;
  for (let i = 0; i < requests; i++) {
    const t = performance.now();
    await find(professions[i % professions.length] ?? 'nurse', i % 60);
    timings.push(performance.now() - t);
  }
  timings.sort((a, b) => a - b);

  // Concurrent booking: many clients race for the same few early times.
  const concurrency = 50;
  const attempts = 400;
  const proposals = (await find('physician', 1)).entry?.map((e) => e.resource).filter((r) => r.resourceType === 'Appointment') ?? [];
  let next = 0;
  const outcome = { booked: 0, conflicts: 0, otherErrors: 0 };
  const bookStarted = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < attempts) {
        const appointment = proposals[next++ % proposals.length];
        const r = await fetch(`${url}/fhir/R4/Appointment/$book`, { method: 'POST', headers, body: JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'appointment', resource: appointment }, { name: 'allowOverlap', valueBoolean: true }] }) });
        await r.arrayBuffer();
        if (r.status === 201) outcome.booked++;
        else if (r.status === 409) outcome.conflicts++;
        else outcome.otherErrors++;
      }
    }),
  );
  const bookSeconds = (Date.now() - bookStarted) / 1000;
  const doubles = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM (SELECT content#>>'{slot,0,reference}' AS slot FROM resource WHERE resource_type = 'Appointment' AND content->>'status' = 'booked' GROUP BY 1 HAVING count(*) > 1) d`,
  );
  return {
    professionals,
    months,
    slots,
    generationSeconds,
    find: { requests, medianMs: round(percentile(timings, 50)), p95Ms: round(percentile(timings, 95)), maxMs: round(timings[timings.length - 1] ?? 0) },
    book: { attempts, concurrency, ...outcome, doubleBookings: Number(doubles.rows[0]?.n ?? 0), throughputPerSecond: round(attempts / bookSeconds) },
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
