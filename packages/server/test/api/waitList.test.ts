import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp } from '../support/smtpSink';
import { startTestServer, type TestServer } from './oviTestServer';
import { BACKENDS, countNonAudit } from './backends';
import { DEMO_IDS } from '../../src/demo/demoRegion';

/**
 * The wait list for an earlier time (docs/decisions/007-wait-list-offers.md): joining and
 * leaving, offers made when a time is freed, accepting one (a race has one winner, the old
 * time is freed in the same transaction), expired and other people's offers refused.
 */

const PRINCIPAL = DEMO_IDS.representedPatient;
const WAIT_LIST = 'https://fhir.ovi.fi/StructureDefinition/wait-list';
const WAIT_ISSUE = 'https://fhir.ovi.fi/CodeSystem/wait-list-issue';
const DAY = 86_400_000;
const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });
const issueCode = (body: any) => body.issue?.[0]?.details?.coding?.find((c: any) => c.system === WAIT_ISSUE)?.code;
const words = (body: any) => JSON.parse(body.issue[0].details.text) as { fi: string; sv: string; en: string };
const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
};
type Session = { token: string; fhirUser: string };

describe.each(BACKENDS)('the wait list for an earlier time on %s', (backend) => {
  let server: TestServer;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let resident: Session;
  let parent: Session;
  let irma: Session;
  let guidance: Session;
  /** Free physiotherapy times of one professional, three or more days ahead, earliest first. */
  let times: string[] = [];
  let used = 0;

  const proposal = (slotId: string, patient: string) => ({ resourceType: 'Appointment', status: 'proposed', slot: [{ reference: `Slot/${slotId}` }], participant: [{ actor: { reference: patient }, status: 'needs-action' }] });
  const book = async (as: Session, patient = as.fhirUser, index = used++) => {
    const slotId = times[index] ?? '';
    const r = await server.call('POST', '/fhir/R4/Appointment/$book', { token: as.token, body: params({ name: 'appointment', resource: proposal(slotId, patient) }) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; start: string; slot: Array<{ reference: string }> };
  };
  const cancel = async (as: Session, id: string) => {
    const current = (await server.call('GET', `/fhir/R4/Appointment/${id}`, { token: as.token })).body;
    const r = await server.call('PUT', `/fhir/R4/Appointment/${id}`, { token: as.token, body: { ...current, status: 'cancelled' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  const join = (as: Session, appointment: string, window: Record<string, unknown> = {}) => server.call('POST', '/api/wait-list', { token: as.token, body: { appointment, ...window } });
  const list = async (as: Session) => {
    const r = await server.call('GET', '/api/wait-list', { token: as.token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { entries: any[]; offers: any[] };
  };
  const accept = (as: Session, offerId: string) => server.call('POST', `/api/wait-list/offers/${offerId}/accept`, { token: as.token });
  const stored = (type: string, id: string) => server.ovi.services.store.read(type, id) as Promise<any>;
  const slotOf = (a: { slot: Array<{ reference: string }> }) => a.slot[0]?.reference.replace('Slot/', '') ?? '';
  const offerRows = async () => (await server.ovi.services.db.query('SELECT id, appointment_id, slot_id, status FROM wait_list_offer ORDER BY id')).rows;
  const entryRows = async () => (await server.ovi.services.db.query('SELECT appointment_id, not_before, weekdays_only FROM wait_list_entry ORDER BY appointment_id')).rows;
  const withEmail = (patient: string, address: string) =>
    server.ovi.services.store.update('Patient', patient.replace('Patient/', ''), (p: any) => ({ ...p, telecom: [...(p.telecom ?? []).filter((t: any) => t.system !== 'email'), { system: 'email', value: address }] }));

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startTestServer(backend, backend === 'postgres' ? inject('postgresUrl') : undefined, { smtpUrl: smtp.url });
    await server.ovi.services.accounts.upsert({ username: 'irma', password: 'demo', roles: ['resident'], fhirUser: PRINCIPAL, name: 'Irma Mäkelä' });
    [resident, parent, irma, guidance] = (await Promise.all(['resident', 'parent', 'irma', 'guidance'].map((u) => server.login(u)))) as [Session, Session, Session, Session];
    await withEmail(resident.fhirUser, 'aino@example.invalid');
    await withEmail(parent.fhirUser, 'parent@example.invalid');
    // One physiotherapist's free times (same profession and unit), from three days ahead.
    const from = new Date(Date.now() + 3 * DAY).toISOString();
    const busiest = await server.ovi.services.db.query<{ schedule_id: string }>(
      `SELECT schedule_id FROM slot_availability WHERE status = 'free' AND visit_type = 'physio-visit' AND start_at > $1 GROUP BY schedule_id ORDER BY count(*) DESC, schedule_id LIMIT 1`,
      [from],
    );
    const slots = await server.ovi.services.db.query<{ slot_id: string }>(
      `SELECT slot_id FROM slot_availability WHERE status = 'free' AND visit_type = 'physio-visit' AND schedule_id = $1 AND start_at > $2 ORDER BY start_at LIMIT 40`,
      [busiest.rows[0]?.schedule_id, from],
    );
    times = slots.rows.map((r) => r.slot_id);
    expect(times.length).toBeGreaterThanOrEqual(20);
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('offers a freed earlier time to everyone waiting who fits; of two accepting at once exactly one gets it, and the old time is freed', async () => {
    const freed = await book(irma); // the earliest: the time that will be freed
    const mine = await book(resident);
    const theirs = await book(parent);
    const joined = await join(resident, `Appointment/${mine.id}`);
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    expect(joined.body).toMatchObject({ appointment: `Appointment/${mine.id}`, patient: resident.fhirUser, weekdaysOnly: false });
    expect((await join(parent, `Appointment/${theirs.id}`)).status).toBe(201);
    // Joining again changes the window and keeps the place.
    const again = await join(resident, `Appointment/${mine.id}`, { notBefore: '07:00' });
    expect(again.status).toBe(200);
    expect(again.body.joinedAt).toBe(joined.body.joinedAt);
    expect((await list(resident)).entries.map((e) => e.appointment)).toEqual([`Appointment/${mine.id}`]);
    expect((await list(resident)).offers).toEqual([]);
    // Staff reading the visit see that its client waits for an earlier time.
    expect((await stored('Appointment', mine.id)).extension).toContainEqual({ url: WAIT_LIST, valueBoolean: true });

    // The earliest time is cancelled: both waiting residents are offered it, and told by e-mail.
    await cancel(irma, freed.id);
    const [offerA] = (await list(resident)).offers;
    const [offerB] = (await list(parent)).offers;
    expect(offerA).toMatchObject({ appointment: `Appointment/${mine.id}`, patient: resident.fhirUser, start: freed.start });
    expect(offerB).toMatchObject({ appointment: `Appointment/${theirs.id}`, start: freed.start });
    expect(Date.parse(offerA.expiresAt)).toBeGreaterThan(Date.now());
    expect(offerA.location.reference).toMatch(/^Location\//);
    const offerMail = (to: string) => smtp.received.find((m) => m.to.includes(to) && /Aikaisempi aika vapautui|tidigare tid|earlier time is free/.test(m.raw));
    await until(() => !!offerMail('aino@example.invalid') && !!offerMail('parent@example.invalid'));
    expect(offerMail('aino@example.invalid')?.raw).toMatch(/ensin|first|först/);
    // Irma's own cancelled visit is not hers to wait with.
    expect((await list(irma)).offers).toEqual([]);

    // Both accept at once: one appointment in the freed time, the loser keeps theirs.
    const results = await Promise.all([accept(resident, offerA.id), accept(parent, offerB.id)]);
    expect(results.map((r) => r.status).sort(), JSON.stringify(results.map((r) => r.body))).toEqual([201, 409]);
    const won = results.find((r) => r.status === 201)?.body;
    const lost = results.find((r) => r.status === 409)?.body;
    expect(issueCode(lost)).toBe('offer-taken');
    expect(words(lost).en).toMatch(/someone else took this time first/);
    expect(won.start).toBe(freed.start);
    expect(won.status).toBe('booked');
    const inFreed = await server.ovi.services.db.query(`SELECT id FROM resource WHERE resource_type = 'Appointment' AND content->>'status' = 'booked' AND content->'slot'->0->>'reference' = $1`, [`Slot/${slotOf(freed)}`]);
    expect(inFreed.rows).toHaveLength(1);
    const winnerWasResident = won.participant.some((p: any) => p.actor.reference === resident.fhirUser);
    const [winnerOld, loserOld] = winnerWasResident ? [mine, theirs] : [theirs, mine];
    expect((await stored('Appointment', winnerOld.id)).status).toBe('cancelled');
    expect((await stored('Slot', slotOf(winnerOld))).status).toBe('free');
    expect((await stored('Appointment', loserOld.id)).status).toBe('booked');
    expect(won.extension).toContainEqual({ url: 'https://fhir.ovi.fi/StructureDefinition/replaces-appointment', valueReference: { reference: `Appointment/${winnerOld.id}` } });
    // The winner's wait is over; the loser still waits, and is offered the winner's old time if it is earlier.
    const winner = winnerWasResident ? resident : parent;
    const loser = winnerWasResident ? parent : resident;
    expect((await list(winner)).entries).toEqual([]);
    const loserNow = await list(loser);
    expect(loserNow.entries.map((e) => e.appointment)).toEqual([`Appointment/${loserOld.id}`]);
    expect(loserNow.offers.map((o) => o.start)).toEqual(Date.parse(winnerOld.start) < Date.parse(loserOld.start) ? [winnerOld.start] : []);
    // The taken offer cannot be accepted later either.
    const lateTry = await accept(loser, (winnerWasResident ? offerB : offerA).id);
    expect(lateTry.status).toBe(409);
    expect(issueCode(lateTry.body)).toBe('offer-taken');

    await cancel(winner, won.id);
    await cancel(loser, loserOld.id);
  });

  it('refuses an expired offer and someone else’s offer, changing nothing', async () => {
    const freed = await book(irma);
    const mine = await book(resident);
    expect((await join(resident, `Appointment/${mine.id}`)).status).toBe(201);
    await cancel(irma, freed.id);
    const [offer] = (await list(resident)).offers;
    expect(offer).toBeDefined();

    // Another resident: the offer does not exist for them (404), nothing changes, the attempt is logged.
    const before = { resources: await countNonAudit(server), offers: await offerRows() };
    const stranger = await accept(parent, offer.id);
    expect(stranger.status).toBe(404);
    expect(await countNonAudit(server)).toBe(before.resources);
    expect(await offerRows()).toEqual(before.offers);
    const refusals = await server.ovi.services.db.query(
      `SELECT 1 FROM resource WHERE resource_type = 'AuditEvent' AND content->>'outcome' <> '0' AND content::text LIKE $1`,
      [`%wait-list offer ${offer.id}%`],
    );
    expect(refusals.rows.length).toBeGreaterThan(0);
    expect((await server.call('DELETE', `/api/wait-list/${mine.id}`, { token: parent.token })).status).toBe(404);
    expect((await join(parent, `Appointment/${mine.id}`)).status).toBe(404);
    expect(await entryRows()).toHaveLength(1);

    // The offer expires (hours pass): refused, nothing changes, and it is no longer listed.
    await server.ovi.services.db.query(`UPDATE wait_list_offer SET expires_at = $2 WHERE id = $1`, [offer.id, new Date(Date.now() - 60_000).toISOString()]);
    const late = await accept(resident, offer.id);
    expect(late.status).toBe(409);
    expect(issueCode(late.body)).toBe('offer-expired');
    expect(words(late.body).fi).toContain('päättynyt');
    expect((await stored('Appointment', mine.id)).status).toBe('booked');
    expect((await stored('Slot', slotOf(freed))).status).toBe('free');
    expect((await list(resident)).offers).toEqual([]);

    await cancel(resident, mine.id);
    // The visit cancelled: its wait ends with it.
    expect(await entryRows()).toEqual([]);
  });

  it('offers the time of a visit a professional records as not taking place ($outcome cancelled), in the same transaction', async () => {
    const freed = await book(irma);
    const mine = await book(resident);
    expect((await join(resident, `Appointment/${mine.id}`)).status).toBe(201);
    // The professional of the visit records that it will not take place.
    const practitioner = (freed as any).participant.map((p: any) => p.actor?.reference).find((r: string) => r?.startsWith('Practitioner/'));
    expect(practitioner).toBeDefined();
    await server.ovi.services.accounts.upsert({ username: 'visit-professional', password: 'demo', roles: ['professional'], fhirUser: practitioner, name: 'Visit Professional' });
    const professional = await server.login('visit-professional');
    const recorded = await server.call('POST', `/fhir/R4/Appointment/${freed.id}/$outcome`, {
      token: professional.token,
      body: params({ name: 'outcome', valueCode: 'cancelled' }, { name: 'reason', valueString: 'Ammattilainen sairastui' }),
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect((await stored('Slot', slotOf(freed))).status).toBe('free');
    const offers = (await list(resident)).offers;
    expect(offers).toEqual([expect.objectContaining({ appointment: `Appointment/${mine.id}`, start: freed.start })]);
    await cancel(resident, mine.id);
  });

  it('leaves the list on request, and offers respect the window a resident gave', async () => {
    const freedEarly = await book(irma);
    const freedLate = await book(irma);
    const mine = await book(resident);
    const theirs = await book(parent);
    expect((await join(resident, `Appointment/${mine.id}`)).status).toBe(201);
    // The parent can come only after 23:00: no physiotherapy time fits.
    expect((await join(parent, `Appointment/${theirs.id}`, { notBefore: '23:00' })).status).toBe(201);
    expect((await server.call('DELETE', `/api/wait-list/${mine.id}`, { token: resident.token })).status).toBe(204);
    expect((await stored('Appointment', mine.id)).extension ?? []).not.toContainEqual({ url: WAIT_LIST, valueBoolean: true });
    expect((await server.call('DELETE', `/api/wait-list/${mine.id}`, { token: resident.token })).status).toBe(404);
    await cancel(irma, freedEarly.id);
    expect((await list(resident)).offers).toEqual([]);
    expect((await list(parent)).offers).toEqual([]);
    expect((await offerRows()).filter((o: any) => o.slot_id === slotOf(freedEarly))).toEqual([]);

    // Joined again: the next freed time is offered, and leaving withdraws the open offer.
    expect((await join(resident, `Appointment/${mine.id}`)).status).toBe(201);
    await cancel(irma, freedLate.id);
    const [offer] = (await list(resident)).offers;
    expect(offer?.start).toBe(freedLate.start);
    expect((await server.call('DELETE', `/api/wait-list/${mine.id}`, { token: resident.token })).status).toBe(204);
    expect((await offerRows()).find((o: any) => o.id === offer.id)?.status).toBe('withdrawn');
    expect((await accept(resident, offer.id)).status).toBe(409);
    await cancel(resident, mine.id);
    await cancel(parent, theirs.id);
  });

  it('keeps a visit moved with $move on the wait list, at its new time', async () => {
    const mine = await book(resident);
    const later = times[used++] ?? '';
    expect((await join(resident, `Appointment/${mine.id}`, { weekdaysOnly: true })).status).toBe(201);
    const moved = await server.call('POST', `/fhir/R4/Appointment/${mine.id}/$move`, { token: resident.token, body: params({ name: 'appointment', resource: proposal(later, resident.fhirUser) }) });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    const [entry] = (await list(resident)).entries;
    expect(entry).toMatchObject({ appointment: `Appointment/${moved.body.id}`, weekdaysOnly: true });
    expect((await stored('Appointment', moved.body.id)).extension).toContainEqual({ url: WAIT_LIST, valueBoolean: true });
    await cancel(resident, moved.body.id);
    expect((await list(resident)).entries).toEqual([]);
  });

  it('offers times a changed template opens, in the transaction that opens them', async () => {
    const mine = await book(resident, resident.fhirUser, times.length - 1); // the latest of the times
    expect((await join(resident, `Appointment/${mine.id}`)).status).toBe(201);
    const schedule = (await stored('Slot', slotOf(mine))).schedule.reference.replace('Schedule/', '');
    const practitioner = (await stored('Schedule', schedule)).actor.find((a: any) => a.reference.startsWith('Practitioner/')).reference;
    const template = await server.ovi.services.schedulingSettings.templateOf(practitioner);
    expect(template).toBeDefined();
    // Evening physiotherapy on every weekday: new times, many earlier than the visit.
    const evenings = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '19:00', end: '20:00', visitType: 'physio-visit', modes: ['on-site'] }));
    const admin = await server.login('admin');
    const saved = await server.call('PUT', `/api/schedule-templates/${template?.id}`, { token: admin.token, body: { ...template, blocks: [...(template?.blocks ?? []), ...evenings] } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.slots.created).toBeGreaterThan(0);
    const { offers } = await list(resident);
    // At most three from one freeing, the earliest that fit, all evening times before the visit.
    expect(offers.length).toBe(3);
    for (const offer of offers) {
      expect(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Helsinki' }).format(new Date(offer.start))).toBe('19');
      expect(Date.parse(offer.start)).toBeLessThan(Date.parse(mine.start));
      expect(Date.parse(offer.start)).toBeGreaterThan(Date.now() + DAY);
    }
    expect((await server.call('DELETE', `/api/wait-list/${mine.id}`, { token: resident.token })).status).toBe(204);
    await cancel(resident, mine.id);
  });

  it('lets a representative wait and accept for the person they act for', async () => {
    const freed = await book(resident);
    const hers = await book(irma);
    const joined = await join(resident, `Appointment/${hers.id}`, { weekdaysOnly: false });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    expect(joined.body.patient).toBe(PRINCIPAL);
    expect((await list(resident)).entries.map((e) => e.patient)).toEqual([PRINCIPAL]);
    // Irma sees her visit waiting too, though she did not join herself.
    expect((await list(irma)).entries.map((e) => e.appointment)).toEqual([`Appointment/${hers.id}`]);
    await cancel(resident, freed.id);
    const [offer] = (await list(resident)).offers;
    expect(offer).toMatchObject({ patient: PRINCIPAL, patientName: 'Irma Mäkelä', start: freed.start });
    const taken = await accept(resident, offer.id);
    expect(taken.status, JSON.stringify(taken.body)).toBe(201);
    expect(taken.body.participant[0].actor.reference).toBe(PRINCIPAL);
    expect((await stored('Appointment', hers.id)).status).toBe('cancelled');
    // Irma's log shows who acted.
    const log = await server.ovi.services.db.query(
      `SELECT content FROM resource WHERE resource_type = 'AuditEvent' AND content::text LIKE '%wait-list offer%' AND content::text LIKE $1 AND content::text LIKE $2`,
      [`%${PRINCIPAL}%`, `%${resident.fhirUser}%`],
    );
    expect(log.rows.length).toBeGreaterThan(0);
    await cancel(irma, taken.body.id);
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const mine = await book(resident);
    const before = await entryRows();
    const bad = async (status: number, as: Session | undefined, body: unknown) => {
      const r = await server.call('POST', '/api/wait-list', { ...(as ? { token: as.token } : {}), body });
      expect(r.status, JSON.stringify(body)).toBe(status);
      if (status !== 401) expect(r.body.resourceType).toBe('OperationOutcome');
    };
    await bad(401, undefined, { appointment: `Appointment/${mine.id}` });
    await bad(403, guidance, { appointment: `Appointment/${mine.id}` });
    await bad(400, resident, {});
    await bad(400, resident, { appointment: 42 });
    await bad(400, resident, { appointment: `Patient/${mine.id}` });
    await bad(400, resident, { appointment: `Appointment/${mine.id}`, notBefore: '9' });
    await bad(400, resident, { appointment: `Appointment/${mine.id}`, notBefore: '12:00', notAfter: '08:00' });
    await bad(400, resident, { appointment: `Appointment/${mine.id}`, weekdaysOnly: 'yes' });
    await bad(400, resident, { appointment: `Appointment/${mine.id}`, colour: 'red' });
    await bad(400, resident, [`Appointment/${mine.id}`]);
    await bad(404, resident, { appointment: 'Appointment/no-such-visit' });
    expect(await entryRows()).toEqual(before);
    expect((await server.call('POST', '/api/wait-list/offers/no-such-offer/accept', { token: resident.token })).status).toBe(404);
    expect((await server.call('POST', '/api/wait-list/offers/bad%20id/accept', { token: resident.token })).status).toBe(400);
    expect((await server.call('GET', '/api/wait-list', { token: guidance.token })).status).toBe(403);
    expect((await server.call('GET', '/api/wait-list')).status).toBe(401);

    // A cancelled visit waits for nothing; nor does one inside the notice.
    await cancel(resident, mine.id);
    const cancelled = await join(resident, `Appointment/${mine.id}`);
    expect(cancelled.status).toBe(409);
    await server.ovi.services.db.query(`UPDATE app_setting SET value = '{"cancelNoticeHours": 100000, "horizonDays": 42}' WHERE name = 'booking-rules'`);
    const soon = await book(resident);
    const tooLate = await join(resident, `Appointment/${soon.id}`);
    expect(tooLate.status).toBe(409);
    expect(issueCode(tooLate.body)).toBe('visit-passed');
    await server.ovi.services.db.query(`UPDATE app_setting SET value = '{"cancelNoticeHours": 24, "horizonDays": 42}' WHERE name = 'booking-rules'`);
    expect(await entryRows()).toEqual(before);
    await cancel(resident, soon.id);
  });
});
