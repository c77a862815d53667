import { startSmtp } from '../support/smtpSink';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './oviTestServer';
import { BACKENDS } from './backends';

const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });
const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
};

describe.each(BACKENDS)('appointment e-mails on %s', (backend) => {
  let server: TestServer;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startTestServer(backend, backend === 'postgres' ? inject('postgresUrl') : undefined, { smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('confirms, cancels and reminds by e-mail without health details', async () => {
    const resident = await server.login('resident');
    const physio = { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/profession', code: 'physiotherapist' }] };
    const found = await server.call('POST', '/fhir/R4/Appointment/$find', {
      token: resident.token,
      body: params(
        { name: 'start', valueDateTime: new Date(Date.now() + 2 * 86_400_000).toISOString() },
        { name: 'end', valueDateTime: new Date(Date.now() + 9 * 86_400_000).toISOString() },
        { name: 'specialty', valueCodeableConcept: physio },
        { name: 'patient', valueReference: { reference: resident.fhirUser } },
      ),
    });
    const proposed = found.body.entry[0].resource;
    const booked = await server.call('POST', '/fhir/R4/Appointment/$book', { token: resident.token, body: params({ name: 'appointment', resource: proposed }) });
    expect(booked.status).toBe(201);
    await until(() => smtp.received.length >= 1);
    const patient = (await server.call('GET', `/fhir/R4/${resident.fhirUser}`, { token: resident.token })).body;
    const email = patient.telecom.find((t: any) => t.system === 'email').value;
    expect(smtp.received[0]?.to).toEqual([email]);
    const confirmation = smtp.received[0]?.raw ?? '';
    expect(confirmation).toMatch(/Subject: .*(varattu|bokad|booked)/);
    expect(confirmation.toLowerCase()).not.toMatch(/fysioterap|physio|selk|back/);

    // The reminder job sends once, however often it runs.
    expect(await server.ovi.services.notifier.sendReminders(new Date(Date.parse(booked.body.start) - 3_600_000))).toBe(1);
    expect(await server.ovi.services.notifier.sendReminders(new Date(Date.parse(booked.body.start) - 3_600_000))).toBe(0);
    await until(() => smtp.received.length >= 2);
    expect(smtp.received[1]?.raw).toMatch(/Subject: .*(Muistutus|Påminnelse|Reminder)/);

    const cancelled = await server.call('PUT', `/fhir/R4/Appointment/${booked.body.id}`, { token: resident.token, body: { ...booked.body, status: 'cancelled' } });
    expect(cancelled.status).toBe(200);
    await until(() => smtp.received.length >= 3);
    expect(smtp.received[2]?.raw).toMatch(/Subject: .*(peruttu|avbokad|cancelled)/);
  });

  it('reminds of every visit of the day, also beyond a thousand', async () => {
    const resident = await server.login('resident');
    // A day in a month of its own: the resident's visit, then 1 001 visits of a client without an
    // address (claimed, nothing sent), stored later and first by id: a page of 1 000 in any of
    // the search's orders (newest first, or by id) would hold only these.
    const day = Date.parse('2027-03-10T08:00:00Z');
    const visit = (id: string, patient: string, minute: number) => ({
      resourceType: 'Appointment', id, status: 'booked',
      start: new Date(day + minute * 60_000).toISOString(), end: new Date(day + (minute + 20) * 60_000).toISOString(),
      participant: [{ actor: { reference: patient }, status: 'accepted' }, { actor: { reference: 'Practitioner/pr-hanna-hoitaja' }, status: 'accepted' }],
    });
    await server.ovi.services.store.createMany([visit('reminder-resident-visit', resident.fhirUser, 300)] as any);
    await new Promise((r) => setTimeout(r, 20));
    await server.ovi.services.store.createMany([{ resourceType: 'Patient', id: 'reminder-no-address', name: [{ family: 'Muistutus' }] }] as any);
    await server.ovi.services.store.createMany(Array.from({ length: 1001 }, (_, i) => visit(`0-reminder-${String(i).padStart(4, '0')}`, 'Patient/reminder-no-address', i % 600)) as any);
    const before = smtp.received.length;
    expect(await server.ovi.services.notifier.sendReminders(new Date(day - 3_600_000))).toBe(1);
    await until(() => smtp.received.length > before);
    expect(smtp.received.at(-1)?.raw).toMatch(/Subject: .*(Muistutus|Påminnelse|Reminder)/);
    expect(await server.ovi.services.notifier.sendReminders(new Date(day - 3_600_000))).toBe(0);
  });
});
