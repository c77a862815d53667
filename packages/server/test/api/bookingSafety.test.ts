import { startSmtp, type Received } from '../support/smtpSink';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './oviTestServer';
import { BACKENDS, BACK_PAIN, contactBody, countNonAudit } from './backends';

/**
 * "Bookings that cannot go wrong" (docs/decisions/006-booking-in-one-step.md): one booking per
 * contact, even when two nurses book at once; overlapping visits only when confirmed; moving
 * in one step; the add-to-calendar file with the same access as the Appointment.
 */

const PHYSIO = { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/profession', code: 'physiotherapist' }] };
const BOOKING_ISSUE = 'https://fhir.ovi.fi/CodeSystem/booking-issue';
const CONFLICTING = 'https://fhir.ovi.fi/StructureDefinition/conflicting-appointment';
const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const slotIdOf = (appointment: any) => (appointment.slot[0].reference as string).replace('Slot/', '');
const proposals = (bundle: any) => bundle.entry.filter((e: any) => e.resource.resourceType === 'Appointment').map((e: any) => e.resource);
const issueCode = (body: any) => body.issue?.[0]?.details?.coding?.find((c: any) => c.system === BOOKING_ISSUE)?.code;
const conflictingOf = (body: any) => body.issue?.[0]?.extension?.find((e: any) => e.url === CONFLICTING)?.valueReference?.reference;
const words = (body: any) => JSON.parse(body.issue[0].details.text) as { fi: string; sv: string; en: string };
const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
};

/** The text/calendar part of a MIME message, decoded. */
function calendarPart(raw: string): string | undefined {
  const at = raw.search(/Content-Type: text\/calendar/i);
  if (at < 0) return undefined;
  const part = raw.slice(at);
  const headerEnd = part.search(/\r?\n\r?\n/);
  const headers = part.slice(0, headerEnd);
  const body = part.slice(headerEnd).trim().split(/\r?\n--/)[0] ?? '';
  if (/Content-Transfer-Encoding: base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) {
    return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  }
  return body;
}

describe.each(BACKENDS)('bookings that cannot go wrong on %s', (backend) => {
  let server: TestServer;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let resident: { token: string; fhirUser: string };
  let parent: { token: string; fhirUser: string };
  let nurseA: { token: string; fhirUser: string };
  let nurseB: { token: string; fhirUser: string };

  const find = async (token: string, patient: string, start: string, extra: unknown[] = [], end = new Date(Date.parse(start) + 10 * 86_400_000).toISOString()) => {
    const r = await server.call('POST', '/fhir/R4/Appointment/$find', {
      token,
      body: params({ name: 'start', valueDateTime: start }, { name: 'end', valueDateTime: end }, { name: 'specialty', valueCodeableConcept: PHYSIO }, { name: 'patient', valueReference: { reference: patient } }, { name: 'count', valueInteger: 20 }, ...extra),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return proposals(r.body);
  };
  const book = (token: string, appointment: unknown, extra: unknown[] = []) =>
    server.call('POST', '/fhir/R4/Appointment/$book', { token, body: params({ name: 'appointment', resource: appointment }, ...extra) });
  const forTask = (taskRef: string) => ({ name: 'task', valueReference: { reference: taskRef } });
  const overlapOk = { name: 'allowOverlap', valueBoolean: true };
  const move = (token: string, id: string, appointment: unknown, extra: unknown[] = []) =>
    server.call('POST', `/fhir/R4/Appointment/${id}/$move`, { token, body: params({ name: 'appointment', resource: appointment }, ...extra) });
  const stored = (type: string, id: string) => server.ovi.services.store.read(type, id) as Promise<any>;
  const contact = async () => {
    const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
    expect(sent.status).toBe(201);
    return sent.headers.get('x-ovi-task') ?? '';
  };
  const bookedFor = async (taskRef: string) => {
    const r = await server.ovi.services.db.query<{ id: string }>(
      `SELECT id FROM resource WHERE resource_type = 'Appointment' AND content->>'status' = 'booked' AND content->'supportingInformation'->0->>'reference' = $1`,
      [taskRef],
    );
    return r.rows.map((row) => row.id);
  };
  const taskBooking = async (taskRef: string) => {
    const task = await stored('Task', taskRef.replace('Task/', ''));
    return task.output?.find((o: any) => o.type.coding[0].code === 'appointment')?.valueReference?.reference as string | undefined;
  };
  const cancelAsStaff = async (token: string, id: string) => {
    const current = (await server.call('GET', `/fhir/R4/Appointment/${id}`, { token })).body;
    const r = await server.call('PUT', `/fhir/R4/Appointment/${id}`, { token, body: { ...current, status: 'cancelled' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  const setNotice = (hours: number) => server.ovi.services.db.query(`UPDATE app_setting SET value = '{"cancelNoticeHours": ${hours}, "horizonDays": 42}' WHERE name = 'booking-rules'`);
  /** A time of another professional that starts `offsetMinutes` after `at`, made straight in the store. */
  const extraSlot = async (id: string, at: string, offsetMinutes: number, visitType = 'physician-visit', practitioner = 'Practitioner/pr-mikko-rautio') => {
    const start = new Date(Date.parse(at) + offsetMinutes * 60_000);
    const store = server.ovi.services.store;
    const scheduleId = `extra-${id}`;
    await store.transaction((tx) =>
      store.createMany(
        [
          { resourceType: 'Schedule', id: scheduleId, active: true, actor: [{ reference: practitioner }, { reference: 'Location/loc-station-kokkola', display: 'Kokkolan terveysasema' }] },
          {
            resourceType: 'Slot',
            id,
            schedule: { reference: `Schedule/${scheduleId}` },
            status: 'free',
            start: start.toISOString(),
            end: new Date(start.getTime() + 30 * 60_000).toISOString(),
            serviceType: [{ coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/visit-type', code: visitType }] }],
            extension: [{ url: 'https://fhir.ovi.fi/StructureDefinition/visit-mode', valueCode: 'on-site' }],
          },
        ] as any,
        tx,
      ),
    );
    return (patient: string) => ({ resourceType: 'Appointment', status: 'proposed', slot: [{ reference: `Slot/${id}` }], participant: [{ actor: { reference: patient }, status: 'needs-action' }] });
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startTestServer(backend, backend === 'postgres' ? inject('postgresUrl') : undefined, { smtpUrl: smtp.url });
    // A second guidance nurse (Kannus), for two nurses on one contact.
    await server.ovi.services.accounts.upsert({ username: 'guidance2', password: 'demo', roles: ['guidance'], fhirUser: 'Practitioner/pr-riikka-ylikoski', name: 'Riikka Ylikoski' });
    [resident, parent, nurseA, nurseB] = await Promise.all([server.login('resident'), server.login('parent'), server.login('guidance'), server.login('guidance2')]);
    // E-mail confirmations need an address.
    await server.ovi.services.store.update('Patient', parent.fhirUser.replace('Patient/', ''), (p: any) =>
      p.telecom?.some((t: any) => t.system === 'email') ? p : { ...p, telecom: [...(p.telecom ?? []), { system: 'email', value: 'parent@example.invalid' }] },
    );
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('exposes the booking rules the web needs', async () => {
    const r = await server.call('GET', '/api/scheduling/settings', { token: resident.token });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ cancelNoticeHours: 24, horizonDays: 42 });
    expect((await server.call('GET', '/api/scheduling/settings')).status).toBe(401);
  });

  it('books one visit per contact: a second booking is refused naming the first, and the decision must use it', async () => {
    const taskRef = await contact();
    const offered = await find(nurseA.token, resident.fhirUser, inDays(2));
    const first = await book(nurseA.token, offered[0], [forTask(taskRef)]);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.supportingInformation).toEqual([{ reference: taskRef }]);
    expect(await taskBooking(taskRef)).toBe(`Appointment/${first.body.id}`);

    // The nurse comes back later (or a colleague opens the contact) and books again: refused.
    const before = await countNonAudit(server);
    const second = await book(nurseA.token, offered[1], [forTask(taskRef)]);
    expect(second.status).toBe(409);
    expect(issueCode(second.body)).toBe('contact-booked');
    expect(second.body.issue[0].expression).toEqual(['Parameters.parameter.task']);
    expect(conflictingOf(second.body)).toBe(`Appointment/${first.body.id}`);
    expect(words(second.body).fi).toContain('on jo varattu aika');
    expect((await stored('Slot', slotIdOf(offered[1]))).status).toBe('free');
    expect(await countNonAudit(server)).toBe(before);

    // A follow-up booked without the contact cannot stand in for the contact's booking.
    const other = await book(nurseA.token, offered[2], [overlapOk]);
    expect(other.status).toBe(201);
    const wrong = await server.call('POST', `/fhir/R4/${taskRef}/$resolve`, {
      token: nurseA.token,
      body: params({ name: 'outcome', valueCode: 'booked' }, { name: 'note', valueString: 'Aika varattu.' }, { name: 'appointment', valueReference: { reference: `Appointment/${other.body.id}` } }),
    });
    expect(wrong.status).toBe(409);
    expect(conflictingOf(wrong.body)).toBe(`Appointment/${first.body.id}`);
    expect((await stored('Task', taskRef.replace('Task/', ''))).status).not.toBe('completed');
    await cancelAsStaff(nurseA.token, other.body.id);

    // Cancelling the contact's booking frees the contact: a new time can be booked and used.
    await cancelAsStaff(nurseA.token, first.body.id);
    expect(await taskBooking(taskRef)).toBeUndefined();
    const again = await book(nurseA.token, offered[1], [forTask(taskRef)]);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    // A professional moves it: the contact follows the new time.
    const later = (await find(nurseA.token, resident.fhirUser, inDays(4))).find((p: any) => slotIdOf(p) !== slotIdOf(offered[1]));
    const moved = await move(nurseA.token, again.body.id, later, [overlapOk]);
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    expect(await taskBooking(taskRef)).toBe(`Appointment/${moved.body.id}`);
    const resolved = await server.call('POST', `/fhir/R4/${taskRef}/$resolve`, {
      token: nurseA.token,
      body: params({ name: 'outcome', valueCode: 'booked' }, { name: 'note', valueString: 'Aika varattu.' }, { name: 'appointment', valueReference: { reference: `Appointment/${moved.body.id}` } }),
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body.output.find((o: any) => o.type.coding[0].code === 'appointment').valueReference.reference).toBe(`Appointment/${moved.body.id}`);
    expect(await bookedFor(taskRef)).toEqual([moved.body.id]);
    // A decided contact is booked no more.
    const closed = await book(nurseA.token, offered[3], [forTask(taskRef)]);
    expect(closed.status).toBe(409);
    await cancelAsStaff(nurseA.token, moved.body.id);
  });

  it('of two nurses booking for one contact at once, exactly one books', async () => {
    for (let round = 0; round < 3; round++) {
      const taskRef = await contact();
      const [a, b] = await Promise.all([find(nurseA.token, resident.fhirUser, inDays(2 + round)), find(nurseB.token, resident.fhirUser, inDays(2 + round))]);
      // Different times (and once the same time): either way one booking for the contact.
      const mine = a[0];
      const theirs = round === 2 ? a[0] : b.find((p: any) => slotIdOf(p) !== slotIdOf(mine));
      const results = await Promise.all([book(nurseA.token, mine, [forTask(taskRef)]), book(nurseB.token, theirs, [forTask(taskRef)])]);
      expect(results.map((r) => r.status).sort(), JSON.stringify(results.map((r) => r.body))).toEqual([201, 409]);
      const winner = results.find((r) => r.status === 201)?.body;
      const loser = results.find((r) => r.status === 409)?.body;
      expect(loser.resourceType).toBe('OperationOutcome');
      expect(await bookedFor(taskRef)).toEqual([winner.id]);
      expect(await taskBooking(taskRef)).toBe(`Appointment/${winner.id}`);
      if (round !== 2) {
        const loserSlot = slotIdOf(winner) === slotIdOf(mine) ? slotIdOf(theirs) : slotIdOf(mine);
        expect((await stored('Slot', loserSlot)).status).toBe('free');
      }
      await cancelAsStaff(nurseA.token, winner.id);
    }
  });

  it('warns before an overlapping visit and books it once confirmed', async () => {
    const [first] = await find(nurseA.token, resident.fhirUser, inDays(9));
    const booked = await book(nurseA.token, first);
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const proposal = await extraSlot(`overlap-${backend}`, booked.body.start, 10);
    const before = await countNonAudit(server);
    const warned = await book(nurseA.token, proposal(resident.fhirUser));
    expect(warned.status).toBe(409);
    expect(issueCode(warned.body)).toBe('overlap');
    expect(warned.body.issue[0].expression).toEqual(['Parameters.parameter.allowOverlap']);
    expect(conflictingOf(warned.body)).toBe(`Appointment/${booked.body.id}`);
    expect(words(warned.body).fi).toMatch(/päällekkäinen aika: .*klo/);
    expect((await stored('Slot', `overlap-${backend}`)).status).toBe('free');
    expect(await countNonAudit(server)).toBe(before);
    // A time that only touches the other one is no overlap.
    const touching = await extraSlot(`touching-${backend}`, booked.body.end, 0);
    const next = await book(nurseA.token, touching(resident.fhirUser));
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    const confirmed = await book(nurseA.token, proposal(resident.fhirUser), [overlapOk]);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
    expect(confirmed.body.start).toBe(new Date(Date.parse(booked.body.start) + 600_000).toISOString());
    // A resident booking for themself is told in their own words.
    const own = await extraSlot(`own-overlap-${backend}`, booked.body.start, 0, 'physio-visit', 'Practitioner/pr-sanna-kentala');
    const residentWarned = await book(resident.token, own(resident.fhirUser));
    expect(residentWarned.status).toBe(409);
    expect(words(residentWarned.body).fi).toContain('Sinulla on jo aika');
    for (const id of [booked.body.id, confirmed.body.id, next.body.id]) await cancelAsStaff(nurseA.token, id);
  });

  it('moves in one step: inside the notice nothing changes, outside it the old time is freed and the new one taken', async () => {
    const offered = await find(parent.token, parent.fhirUser, inDays(3));
    const original = await book(parent.token, offered[0]);
    expect(original.status, JSON.stringify(original.body)).toBe(201);
    const oldSlot = slotIdOf(original.body);
    const target = offered.find((p: any) => slotIdOf(p) !== oldSlot && Date.parse(p.start) >= Date.parse(original.body.end));
    const newSlot = slotIdOf(target);
    const unchanged = async () => {
      expect((await stored('Appointment', original.body.id)).status).toBe('booked');
      expect((await stored('Slot', oldSlot)).status).toBe('busy');
      expect((await stored('Slot', newSlot)).status).toBe('free');
    };

    // Inside the notice: refused with whom to call, and nothing changes.
    await setNotice(100_000);
    const before = await countNonAudit(server);
    const late = await move(parent.token, original.body.id, target);
    expect(late.status).toBe(409);
    expect(issueCode(late.body)).toBe('notice-passed');
    expect(words(late.body).fi).toMatch(/Soita terveysasemalle: .*puh\. \+358/);
    const lateCancel = await server.call('PUT', `/fhir/R4/Appointment/${original.body.id}`, { token: parent.token, body: { ...original.body, status: 'cancelled' } });
    expect(lateCancel.status).toBe(409);
    expect(words(lateCancel.body).en).toMatch(/call .*tel\. \+358/);
    await setNotice(24);
    await unchanged();
    expect(await countNonAudit(server)).toBe(before);

    // A failure inside the transaction (the new time overlaps another visit) undoes all of it.
    const blocker = await extraSlot(`blocker-${backend}`, target.start, 0, 'nurse-visit', 'Practitioner/pr-hanna-hoitaja');
    const blocking = await book(parent.token, blocker(parent.fhirUser));
    expect(blocking.status, JSON.stringify(blocking.body)).toBe(201);
    const beforeBlocked = await countNonAudit(server);
    const blocked = await move(parent.token, original.body.id, target);
    expect(blocked.status).toBe(409);
    expect(issueCode(blocked.body)).toBe('overlap');
    await unchanged();
    expect((await stored('Appointment', original.body.id)).meta.versionId).toBe('1');
    expect(await countNonAudit(server)).toBe(beforeBlocked);
    expect((await server.call('PUT', `/fhir/R4/Appointment/${blocking.body.id}`, { token: parent.token, body: { ...blocking.body, status: 'cancelled' } })).status).toBe(200);

    // Someone else's appointment is not there; a time already taken is refused; odd moves are 4xx.
    expect((await move(resident.token, original.body.id, { ...target, participant: [{ actor: { reference: resident.fhirUser }, status: 'needs-action' }] })).status).toBe(404);
    expect((await move(parent.token, original.body.id, offered[0])).status).toBe(400);
    const takenSlot = offered.find((p: any) => ![oldSlot, newSlot].includes(slotIdOf(p)));
    await server.ovi.services.store.update('Slot', slotIdOf(takenSlot), (s: any) => ({ ...s, status: 'busy' }));
    const taken = await move(parent.token, original.body.id, takenSlot);
    expect(taken.status).toBe(409);
    expect(issueCode(taken.body)).toBe('slot-taken');
    await server.ovi.services.store.update('Slot', slotIdOf(takenSlot), (s: any) => ({ ...s, status: 'free' }));
    await unchanged();

    // Outside the notice: both at once.
    const moved = await move(parent.token, original.body.id, target);
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    expect(moved.body.status).toBe('booked');
    expect(moved.body.slot).toEqual([{ reference: `Slot/${newSlot}` }]);
    expect(moved.body.extension).toContainEqual({ url: 'https://fhir.ovi.fi/StructureDefinition/replaces-appointment', valueReference: { reference: `Appointment/${original.body.id}` } });
    expect((await stored('Appointment', original.body.id)).status).toBe('cancelled');
    expect((await stored('Slot', oldSlot)).status).toBe('free');
    expect((await stored('Slot', newSlot)).status).toBe('busy');
    const history = await server.call('GET', `/fhir/R4/Appointment/${original.body.id}/_history`, { token: parent.token });
    expect(history.body.entry.map((e: any) => e.resource.status)).toEqual(['cancelled', 'booked']);
    // Moving the old one again: it is no longer booked.
    const twice = await move(parent.token, original.body.id, offered.find((p: any) => ![oldSlot, newSlot].includes(slotIdOf(p))));
    expect(twice.status).toBe(409);
    expect(issueCode(twice.body)).toBe('not-booked');

    // The resident is told by e-mail, with the new time in a calendar file.
    const movedMail = (m: Received) => /Subject: .*(siirretty|flyttad|moved)/.test(m.raw) && calendarPart(m.raw)?.includes(`UID:${moved.body.id}@ovi`) === true;
    await until(() => smtp.received.some(movedMail));
    const mail = smtp.received.find(movedMail);
    expect(mail?.raw).toMatch(/Aiempi aika|tidigare tiden|earlier time/);
    const ics = calendarPart(mail?.raw ?? '');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(`DTSTART:${moved.body.start.replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
    expect((await server.call('PUT', `/fhir/R4/Appointment/${moved.body.id}`, { token: parent.token, body: { ...moved.body, status: 'cancelled' } })).status).toBe(200);
  });

  it('gives an add-to-calendar file with the access and audit of the Appointment, and attaches it to the confirmation', async () => {
    const [proposal] = await find(parent.token, parent.fhirUser, inDays(5));
    const booked = await book(parent.token, proposal);
    expect(booked.status).toBe(201);
    const path = `/api/appointments/${booked.body.id}/calendar.ics`;
    const audits = async () =>
      Number((await server.ovi.services.db.query<{ n: string }>(`SELECT count(*) AS n FROM resource WHERE resource_type = 'AuditEvent' AND content::text LIKE $1`, [`%Appointment/${booked.body.id}%`])).rows[0]?.n ?? 0);
    const auditsBefore = await audits();
    const r = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${parent.token}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="ovi-aika\.ics"/);
    // Long lines are folded (RFC 5545 3.1): unfold before looking for values.
    const raw = await r.text();
    const text = raw.replace(/\r\n /g, '');
    const place = booked.body.participant.find((p: any) => p.actor.reference.startsWith('Location/')).actor.display as string;
    const professional = booked.body.participant.find((p: any) => p.actor.reference.startsWith('Practitioner/')).actor.display as string;
    expect(raw.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text).toContain(`UID:${booked.body.id}@ovi`);
    expect(text).toContain(`DTSTART:${booked.body.start.replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
    expect(text).toContain(`DTEND:${booked.body.end.replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
    expect(text).toContain(`SUMMARY;LANGUAGE=fi:Varattu aika: ${place}`);
    expect(text).toContain(`LOCATION;LANGUAGE=fi:${place}\\, `);
    expect(text).toContain('STATUS:CONFIRMED');
    // When and where only: no professional, profession, visit type or client.
    expect(text.toLowerCase()).not.toMatch(/fysio|physio|patient/);
    expect(text).not.toContain(professional);
    for (const line of raw.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(await audits()).toBeGreaterThan(auditsBefore);
    const sv = await server.call('GET', `${path}?lang=sv`, { token: parent.token });
    expect(sv.body).toMatch(/SUMMARY;LANGUAGE=sv:Bokad tid/);

    // Someone else's appointment does not exist for another resident; odd requests are 4xx.
    expect((await server.call('GET', path, { token: resident.token })).status).toBe(404);
    expect((await server.call('GET', path)).status).toBe(401);
    expect((await server.call('GET', `${path}?lang=xx`, { token: parent.token })).status).toBe(400);
    expect((await server.call('GET', `/api/appointments/${'x'.repeat(70)}/calendar.ics`, { token: parent.token })).status).toBe(400);
    expect((await server.call('GET', '/api/appointments/nope/calendar.ics', { token: parent.token })).status).toBe(404);

    // The confirmation e-mail carries the same file.
    await until(() => smtp.received.some((m) => calendarPart(m.raw)?.includes(`UID:${booked.body.id}@ovi`) === true));
    const mail = smtp.received.find((m) => calendarPart(m.raw)?.includes(`UID:${booked.body.id}@ovi`));
    expect(mail?.raw).toMatch(/Subject: .*(varattu|bokad|booked)/);
    expect(calendarPart(mail?.raw ?? '')?.toLowerCase()).not.toMatch(/fysio|physio/);
    expect((await server.call('PUT', `/fhir/R4/Appointment/${booked.body.id}`, { token: parent.token, body: { ...booked.body, status: 'cancelled' } })).status).toBe(200);
  });

  it('refuses bad booking and moving input and changes nothing', async () => {
    const taskRef = await contact();
    const [proposal] = await find(nurseA.token, resident.fhirUser, inDays(6));
    const ownBooking = await book(parent.token, (await find(parent.token, parent.fhirUser, inDays(6))).find((p: any) => slotIdOf(p) !== slotIdOf(proposal)));
    expect(ownBooking.status).toBe(201);
    const before = await countNonAudit(server);
    const bad = async (status: number, token: string, path: string, body: unknown) => {
      const r = await server.call('POST', path, { token, body });
      expect(r.status, `${path} ${JSON.stringify(body).slice(0, 200)}: ${JSON.stringify(r.body)}`).toBe(status);
      expect(r.body.resourceType).toBe('OperationOutcome');
    };
    const bookPath = '/fhir/R4/Appointment/$book';
    const withParam = (p: unknown) => params({ name: 'appointment', resource: proposal }, p);
    await bad(400, nurseA.token, bookPath, withParam({ name: 'task', valueString: taskRef }));
    await bad(400, nurseA.token, bookPath, withParam({ name: 'task', valueReference: { reference: resident.fhirUser } }));
    await bad(400, nurseA.token, bookPath, withParam({ name: 'task', valueReference: { reference: 'Task/does-not-exist' } }));
    await bad(400, nurseA.token, bookPath, withParam({ name: 'task', valueReference: { reference: '../Task/x' } }));
    await bad(400, nurseA.token, bookPath, withParam({ name: 'allowOverlap', valueString: 'yes' }));
    await bad(400, nurseA.token, bookPath, withParam({ name: 'overlap', valueBoolean: true }));
    // The contact is another client's.
    await bad(400, nurseA.token, bookPath, params({ name: 'appointment', resource: { ...proposal, participant: [{ actor: { reference: parent.fhirUser }, status: 'needs-action' }] } }, forTask(taskRef)));
    // Residents do not book for a contact.
    await bad(403, resident.token, bookPath, withParam(forTask(taskRef)));
    const movePath = `/fhir/R4/Appointment/${ownBooking.body.id}/$move`;
    await bad(400, parent.token, movePath, params());
    await bad(400, parent.token, movePath, { resourceType: 'Patient' });
    await bad(400, parent.token, movePath, params({ name: 'appointment', resource: { resourceType: 'Appointment', status: 'proposed', participant: [{ actor: { reference: parent.fhirUser }, status: 'accepted' }], slot: [{ reference: 'Slot/nope' }] } }));
    await bad(400, parent.token, movePath, params({ name: 'slot', valueReference: { reference: 'Slot/x' } }));
    // Another client in the new time; a visit type the resident does not book themself.
    await bad(400, parent.token, movePath, params({ name: 'appointment', resource: proposal }));
    await bad(404, parent.token, '/fhir/R4/Appointment/not-there/$move', params({ name: 'appointment', resource: { ...proposal, participant: [{ actor: { reference: parent.fhirUser }, status: 'needs-action' }] } }));
    await bad(400, parent.token, '/fhir/R4/Appointment/a%20b/$move', params());
    await bad(404, parent.token, `/fhir/R4/Appointment/${ownBooking.body.id}/$teleport`, params());
    expect(await countNonAudit(server)).toBe(before);
    expect(await taskBooking(taskRef)).toBeUndefined();
    expect((await stored('Slot', slotIdOf(proposal))).status).toBe('free');
  });
});
