import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './oviTestServer';
import { findEarliestSlots } from '@ovi/domain';
import { BACKENDS, BACK_PAIN, contactBody, countNonAudit, startOn } from './backends';
import { loadCandidates } from '../../src/scheduling/slotCandidates';
import { ownProfessionals } from '../../src/scheduling/findAppointments';

/** The client's own professionals and team, as $find works them out. */
const ownTeamOf = (server: TestServer, patient: string) =>
  ownProfessionals(server.ovi.services.fhir, { user: { username: 'test', fhirUser: 'Practitioner/test', name: 'Test', roles: ['guidance'] }, reason: 'comparison in a test', baseUrl: '' }, patient);

const PHYSIO = { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/profession', code: 'physiotherapist' }] };
const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const slotOf = (appointment: any) => appointment.slot[0].reference as string;
const reasons = (appointment: any) => appointment.extension.filter((e: any) => e.url.endsWith('ranking-reason')).map((e: any) => e.valueCode);

describe.each(BACKENDS)('teams, schedules and booking on %s', (backend) => {
  let server: TestServer;
  let resident: { token: string; fhirUser: string };
  let guidance: { token: string; fhirUser: string };
  let taskRef: string;

  const find = async (token: string, extra: unknown[] = [], end = inDays(7)) =>
    server.call('POST', '/fhir/R4/Appointment/$find', {
      token,
      body: params({ name: 'end', valueDateTime: end }, { name: 'specialty', valueCodeableConcept: PHYSIO }, { name: 'patient', valueReference: { reference: resident.fhirUser } }, ...extra),
    });
  const book = (token: string, appointment: unknown) => server.call('POST', '/fhir/R4/Appointment/$book', { token, body: params({ name: 'appointment', resource: appointment }) });
  const proposals = (bundle: any) => bundle.entry.filter((e: any) => e.resource.resourceType === 'Appointment').map((e: any) => e.resource);

  beforeAll(async () => {
    server = await startOn(backend);
    resident = await server.login('resident');
    guidance = await server.login('guidance');
    const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
    taskRef = sent.headers.get('x-ovi-task') ?? '';
  });
  afterAll(async () => server?.close());

  it('finds the earliest physiotherapist times before the deadline, own team first', async () => {
    const r = await find(guidance.token);
    expect(r.status).toBe(200);
    const found = proposals(r.body);
    expect(found.length).toBe(5);
    for (const a of found) {
      expect(a.status).toBe('proposed');
      expect(a.specialty[0].coding[0].code).toBe('physiotherapist');
      expect(Date.parse(a.start)).toBeGreaterThan(Date.now());
      expect(Date.parse(a.start)).toBeLessThanOrEqual(Date.parse(inDays(7)));
    }
    expect(reasons(found[0])).toEqual(expect.arrayContaining(['own-team']));
    const rest = found.slice(1).map((a: any) => Date.parse(a.start));
    expect([...rest].sort((x, y) => x - y)).toEqual(rest);
  });

  it('says plainly when nothing fits before the deadline and offers later times', async () => {
    const r = await find(guidance.token, [{ name: 'start', valueDateTime: inDays(0.001) }], inDays(0.002));
    expect(r.status).toBe(200);
    const outcome = r.body.entry.find((e: any) => e.search.mode === 'outcome');
    expect(outcome.resource.issue[0].severity).toBe('warning');
    expect(JSON.parse(outcome.resource.issue[0].details.text).fi).toBeTruthy();
    for (const a of proposals(r.body)) expect(reasons(a)).toContain('after-deadline');
  });

  it('gives the same times as a search over every free time of the window, whatever narrows it', async () => {
    const store = server.ovi.services.store;
    const end = inDays(45);
    // A place whose only times come late in the window: finding them takes reading past the first times.
    const late = Array.from({ length: 10 }, (_, i) => ({
      resourceType: 'Slot' as const,
      id: `late-slot-${i}`,
      schedule: { reference: 'Schedule/late-schedule' },
      status: 'free' as const,
      start: new Date(Date.now() + (30 + i) * 86_400_000).toISOString(),
      end: new Date(Date.now() + (30 + i) * 86_400_000 + 1_800_000).toISOString(),
      serviceType: [{ coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/visit-type', code: 'physiotherapy' }] }],
      extension: [{ url: 'https://fhir.ovi.fi/StructureDefinition/visit-mode', valueCode: 'on-site' }],
    }));
    await store.transaction((tx) =>
      store.createMany(
        [
          { resourceType: 'Location', id: 'late-place', name: 'Myöhäinen toimipiste', address: { city: 'Lohtaja' } },
          { resourceType: 'Schedule', id: 'late-schedule', active: true, actor: [{ reference: 'Practitioner/pr-sanna-kentala' }, { reference: 'Location/late-place' }], specialty: [PHYSIO] },
          ...late,
        ],
        tx,
      ),
    );
    const everyFree = (await loadCandidates(store, { from: new Date(), to: new Date(end), count: 1_000_000 })).sort((a, b) => a.start.getTime() - b.start.getTime());
    expect(everyFree.length).toBeGreaterThan(400); // far more than Ovi reads at first
    const variants: Array<{ extra: unknown[]; query: Record<string, string> }> = [
      { extra: [], query: {} },
      { extra: [{ name: 'location', valueReference: { reference: 'Location/late-place' } }], query: { location: 'Location/late-place' } },
      { extra: [{ name: 'municipality', valueString: 'Lohtaja' }, { name: 'language', valueCode: 'fi' }], query: { municipality: 'Lohtaja', language: 'fi' } },
      { extra: [{ name: 'language', valueCode: 'sv' }], query: { language: 'sv' } },
      { extra: [{ name: 'visit-type', valueCode: 'home-visit' }], query: { visitMode: 'home-visit' } },
      { extra: [{ name: 'municipality', valueString: 'Kannus' }], query: { municipality: 'Kannus' } },
    ];
    // One start for both: from "now" each, a time starting in the seconds between the two reads
    // (at a whole quarter, two of them) was in one answer and not in the other.
    const start = new Date(Date.now() + 60_000);
    for (const { extra, query } of variants) {
      const r = await server.call('POST', '/fhir/R4/Appointment/$find', {
        token: guidance.token,
        body: params({ name: 'start', valueDateTime: start.toISOString() }, { name: 'end', valueDateTime: end }, { name: 'patient', valueReference: { reference: resident.fhirUser } }, { name: 'count', valueInteger: 8 }, ...extra),
      });
      expect(r.status).toBe(200);
      const got = proposals(r.body).map(slotOf);
      const own = await ownTeamOf(server, resident.fhirUser);
      const reference = findEarliestSlots(everyFree, { start, end: new Date(end), limit: 8, ownPractitioners: own.practitioners, ownTeamPractitioners: own.team, ...query });
      expect(got).toEqual(reference.proposals.map((p) => `Slot/${p.slotId}`));
    }
  });

  it('books atomically: of two parallel bookings of one slot exactly one wins', async () => {
    // Two days ahead, so that the resident may still cancel it (24 hours' notice).
    const later = [{ name: 'start', valueDateTime: inDays(2) }];
    const [first] = proposals((await find(guidance.token, later)).body);
    const results = await Promise.all([book(guidance.token, first), book(guidance.token, first)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const winner = results.find((r) => r.status === 201)?.body;
    expect(winner.status).toBe('booked');
    const again = proposals((await find(guidance.token, later)).body);
    expect(again.map(slotOf)).not.toContain(slotOf(first));

    // The guidance decision records the booking and the waiting time.
    const resolved = await server.call('POST', `/fhir/R4/${taskRef}/$resolve`, {
      token: guidance.token,
      body: params({ name: 'outcome', valueCode: 'booked' }, { name: 'note', valueString: 'Aika fysioterapeutille varattu.' }, { name: 'appointment', valueReference: { reference: `Appointment/${winner.id}` } }),
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const waiting = resolved.body.output.find((o: any) => o.type.coding[0].code === 'waiting-days');
    expect(waiting.valueInteger).toBeGreaterThanOrEqual(0);
    expect(waiting.valueInteger).toBeLessThanOrEqual(7);

    // The resident sees it and cancels it; the slot is offered again.
    const mine = await server.call('GET', `/fhir/R4/Appointment?patient=${resident.fhirUser}`, { token: resident.token });
    const appointment = mine.body.entry.map((e: any) => e.resource).find((a: any) => a.id === winner.id);
    expect(appointment.status).toBe('booked');
    const cancelled = await server.call('PUT', `/fhir/R4/Appointment/${winner.id}`, { token: resident.token, body: { ...appointment, status: 'cancelled' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const offered = proposals((await find(guidance.token, later)).body);
    expect(offered.map(slotOf)).toContain(slotOf(first));
    const history = await server.call('GET', `/fhir/R4/Appointment/${winner.id}/_history`, { token: resident.token });
    // Booked, then linked to the contact by the guidance decision (waiting is measured from its
    // assessment), then cancelled.
    expect(history.body.entry.map((e: any) => e.resource.status)).toEqual(['cancelled', 'booked', 'booked']);
    expect(history.body.entry[1].resource.supportingInformation?.map((r: any) => r.reference)).toContain(taskRef);
    const twice = await server.call('PUT', `/fhir/R4/Appointment/${winner.id}`, { token: resident.token, body: { ...cancelled.body, status: 'cancelled' } });
    expect(twice.status).toBe(409);
  });

  it('lets residents book self-bookable visits for themselves, within the rules', async () => {
    const [physio] = proposals((await find(resident.token)).body);
    const booked = await book(resident.token, physio);
    expect(booked.status).toBe(201);
    // A physician's visit is booked by professionals only: residents are not offered it, and cannot book it.
    const physician = { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/profession', code: 'physician' }] };
    const findDoctor = (token: string) =>
      server.call('POST', '/fhir/R4/Appointment/$find', {
        token,
        body: params({ name: 'end', valueDateTime: inDays(14) }, { name: 'specialty', valueCodeableConcept: physician }, { name: 'patient', valueReference: { reference: resident.fhirUser } }),
      });
    expect(proposals((await findDoctor(resident.token)).body)).toEqual([]);
    const doctor = proposals((await findDoctor(guidance.token)).body)[0];
    expect(doctor).toBeDefined();
    expect((await book(resident.token, doctor)).status).toBe(403);
    // Not for someone else.
    const other = { ...physio, participant: [{ actor: { reference: 'Patient/p-someone-else' }, status: 'needs-action' }] };
    expect((await book(resident.token, other)).status).toBe(400);
    // Cancelling too close to the time is refused with the reason.
    await server.ovi.services.db.query(`UPDATE app_setting SET value = '{"cancelNoticeHours": 100000, "horizonDays": 42}' WHERE name = 'booking-rules'`);
    const late = await server.call('PUT', `/fhir/R4/Appointment/${booked.body.id}`, { token: resident.token, body: { ...booked.body, status: 'cancelled' } });
    expect(late.status).toBe(409);
    expect(late.body.issue[0].diagnostics).toContain('100000');
    expect(JSON.parse(late.body.issue[0].details.text).fi).toContain('Soita terveysasemalle'); // the resident's own language
    await server.ovi.services.db.query(`UPDATE app_setting SET value = '{"cancelNoticeHours": 24, "horizonDays": 42}' WHERE name = 'booking-rules'`);
    // Residents may not change anything else.
    const moved = await server.call('PUT', `/fhir/R4/Appointment/${booked.body.id}`, { token: resident.token, body: { ...booked.body, comment: 'moved' } });
    expect(moved.status).toBe(403);
  });

  it('shows a professional their own appointments only', async () => {
    const physio = await server.login('physio');
    const own = await server.call('GET', `/fhir/R4/Appointment?practitioner=${physio.fhirUser}&date=ge${new Date().toISOString().slice(0, 10)}`, { token: physio.token });
    expect(own.status).toBe(200);
    const other = await server.call('GET', `/fhir/R4/Appointment?practitioner=${guidance.fhirUser}`, { token: physio.token });
    expect(other.status).toBe(403);
  });

  it('rejects bad booking input and changes nothing', async () => {
    const before = await countNonAudit(server);
    const bad = async (status: number, path: string, body: unknown) => {
      const r = await server.call('POST', path, { token: guidance.token, body });
      expect(r.status).toBe(status);
      expect(r.body.resourceType).toBe('OperationOutcome');
    };
    await bad(400, '/fhir/R4/Appointment/$find', params({ name: 'specialty', valueCodeableConcept: PHYSIO }));
    await bad(400, '/fhir/R4/Appointment/$find', params({ name: 'end', valueDateTime: inDays(7) }, { name: 'visit-type', valueCode: 'teleport' }));
    await bad(400, '/fhir/R4/Appointment/$find', params({ name: 'end', valueDateTime: 'soon' }));
    await bad(400, '/fhir/R4/Appointment/$find', params({ name: 'end', valueDateTime: inDays(-1) }));
    await bad(400, '/fhir/R4/Appointment/$find', params({ name: 'end', valueDateTime: inDays(7) }, { name: 'count', valueInteger: 10_000 }));
    await bad(400, '/fhir/R4/Appointment/$book', params({ name: 'appointment', resource: { resourceType: 'Appointment', status: 'proposed', participant: [{ actor: { reference: resident.fhirUser }, status: 'accepted' }], slot: [{ reference: 'Slot/nope' }] } }));
    await bad(400, '/fhir/R4/Appointment/$book', params({ name: 'appointment', resource: { resourceType: 'Appointment', status: 'proposed', participant: [{ actor: { reference: 'Practitioner/x' }, status: 'accepted' }] } }));
    await bad(400, '/fhir/R4/Appointment/$book', { resourceType: 'Parameters', parameter: [{ name: 'appointment', valueString: 'x' }] });
    await bad(404, '/fhir/R4/Appointment/$teleport', params());
    await bad(400, `/fhir/R4/${taskRef}/$resolve`, params({ name: 'outcome', valueCode: 'booked' }, { name: 'note', valueString: 'x' }));
    expect(await countNonAudit(server)).toBe(before);
  });

  it('regenerates slots when a template changes, never removing a booked one', async () => {
    const admin = (await server.login('admin')).token;
    const all = (await server.call('GET', '/api/schedule-templates', { token: admin })).body;
    const physio = await server.login('physio');
    const template = all.templates.find((t: any) => t.practitioner === physio.fhirUser);
    const booked = await server.call('GET', `/fhir/R4/Appointment?practitioner=${physio.fhirUser}`, { token: physio.token });
    const bookedSlots = booked.body.entry.map((e: any) => e.resource).filter((a: any) => a.status === 'booked').map(slotOf);
    const saved = await server.call('PUT', `/api/schedule-templates/${template.id}`, { token: admin, body: { ...template, blocks: template.blocks.filter((b: any) => b.start !== '08:00') } });
    expect(saved.status).toBe(200);
    expect(saved.body.slots.withdrawn).toBeGreaterThan(0);
    for (const slot of bookedSlots) {
      const stored = (await server.ovi.services.store.read('Slot', slot.replace('Slot/', ''))) as any;
      expect(stored.status).toBe('busy');
    }
    const invalid = await server.call('PUT', `/api/schedule-templates/${template.id}`, { token: admin, body: { ...template, blocks: [{ weekday: 9, start: '16:00', end: '08:00', visitType: 'x', modes: [] }] } });
    expect(invalid.status).toBe(400);
    expect((await server.call('PUT', `/api/schedule-templates/${template.id}`, { token: guidance.token, body: template })).status).toBe(403);
  });

  it('withdraws free times during an absence and lists booked ones that are in the way', async () => {
    const admin = (await server.login('admin')).token;
    const physio = await server.login('physio');
    const absence = { practitioner: physio.fhirUser, start: inDays(0), end: inDays(30), reason: 'absence', note: 'Vuosiloma' };
    const saved = await server.call('PUT', '/api/schedule-exceptions/abs-physio-1', { token: admin, body: absence });
    expect(saved.status).toBe(200);
    expect(saved.body.slots.withdrawn).toBeGreaterThan(0);
    const booked = await server.call('GET', `/fhir/R4/Appointment?practitioner=${physio.fhirUser}`, { token: physio.token });
    const bookedSlots = booked.body.entry.map((e: any) => e.resource).filter((a: any) => a.status === 'booked').map(slotOf);
    expect([...saved.body.slots.bookedInTheWay].sort()).toEqual([...bookedSlots].sort());
    const offered = proposals((await find(guidance.token, [], inDays(25))).body);
    expect(offered.some((a: any) => a.participant.some((p: any) => p.actor.reference === physio.fhirUser))).toBe(false);
    const listed = await server.call('GET', '/api/schedule-exceptions', { token: guidance.token });
    expect(listed.body.exceptions.map((e: any) => e.id)).toContain('abs-physio-1');
    const invalid = await server.call('PUT', '/api/schedule-exceptions/abs-2', { token: admin, body: { ...absence, end: absence.start } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.issue[0].diagnostics).toContain('end');
    expect((await server.call('PUT', '/api/schedule-exceptions/abs-3', { token: guidance.token, body: absence })).status).toBe(403);
  });

  it('shows a team\'s and a unit\'s times, free and taken, without client data', async () => {
    const physio = await server.login('physio');
    const from = new Date().toISOString().slice(0, 10);
    const to = new Date(Date.now() + 6 * 86_400_000).toISOString().slice(0, 10);
    const team = await server.call('GET', `/api/schedule-view?from=${from}&to=${to}&team=CareTeam/team-kokkola`, { token: physio.token });
    expect(team.status).toBe(200);
    expect(team.body.professionals.length).toBeGreaterThan(3);
    const slots = team.body.professionals.flatMap((p: any) => p.slots);
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s: any) => s.status === 'free' || s.status === 'busy')).toBe(true);
    expect(JSON.stringify(team.body)).not.toMatch(/Patient\//);
    const unit = await server.call('GET', `/api/schedule-view?from=${from}&location=Location/loc-station-kokkola`, { token: (await server.login('manager')).token });
    expect(unit.status).toBe(200);
    expect(unit.body.professionals.every((p: any) => p.location === 'Location/loc-station-kokkola')).toBe(true);
    for (const query of ['team=CareTeam/team-kokkola', `from=${from}`, `from=${from}&team=CareTeam/team-kokkola&location=Location/loc-station-kokkola`, `from=${from}&to=2099-01-01&team=CareTeam/team-kokkola`, `from=${from}&team=CareTeam/nope`, `from=tomorrow&team=CareTeam/team-kokkola`]) {
      const r = await server.call('GET', `/api/schedule-view?${query}`, { token: physio.token });
      expect(r.status, query).toBe(400);
      expect(r.body.resourceType).toBe('OperationOutcome');
    }
    expect((await server.call('GET', `/api/schedule-view?from=${from}&team=CareTeam/team-kokkola`, { token: resident.token })).status).toBe(403);
    const types = await server.call('GET', '/api/visit-types', { token: resident.token });
    expect(types.body.visitTypes.some((v: any) => v.selfBookable)).toBe(true);
  });

  it('gives managers T3 per unit and profession', async () => {
    const manager = await server.login('manager');
    const r = await server.call('GET', '/api/access/measures', { token: manager.token });
    expect(r.status).toBe(200);
    const physio = r.body.t3.filter((x: any) => x.profession === 'physiotherapist');
    expect(physio.length).toBeGreaterThan(0);
    for (const row of r.body.t3) expect(row.t3Days).toBeGreaterThanOrEqual(0);
    expect((await server.call('GET', '/api/access/measures', { token: guidance.token })).status).toBe(403);
  });

  it('finds the client\'s own team among more than a thousand teams of the region', async () => {
    const before = await ownTeamOf(server, resident.fhirUser);
    expect(before.team.length).toBeGreaterThan(0);
    // Newer than the demo teams and first by id: a page of a thousand active teams would hold only these.
    await server.ovi.services.store.createMany(
      Array.from({ length: 1001 }, (_, i) => ({
        resourceType: 'CareTeam', id: `a-bulk-team-${String(i).padStart(4, '0')}`, status: 'active',
        managingOrganization: [{ reference: 'Organization/elsewhere' }], participant: [{ member: { reference: 'Practitioner/elsewhere' } }],
      })) as any,
    );
    // What $find ranks by (its own-team reason) is unchanged.
    expect(await ownTeamOf(server, resident.fhirUser)).toEqual(before);
  });
});
