import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { apiLogin, expectAccessible, expectNoSidewaysScroll, logIn, logOut, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';
import { buildContactResponse } from '../../src/guidance/contactResponse';

/**
 * Bookings that cannot go wrong, in a real browser: a booking left half-finished is shown when
 * the nurse comes back (and no second one is made), a colleague's booking turns up instead of a
 * second one, an overlapping time asks for confirmation, the calendar file downloads, and a
 * time inside the notice offers a phone number instead of "move" and "cancel".
 */

const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });
const PHYSIO = { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/profession', code: 'physiotherapist' }] };

describe('bookings that cannot go wrong, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  /** A back-pain contact from the demo resident; its Task id. */
  const sendContact = async (): Promise<string> => {
    const sender = await apiLogin(server, 'resident');
    const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', {
      token: sender.token,
      body: buildContactResponse(sender.fhirUser, { reason: 'back-pain', 'back-red-flags': false, duration: 'weeks', severity: 5, description: 'Selkä jumissa aamuisin.', 'contact-preference': 'phone' }),
    });
    expect(sent.status).toBe(201);
    return (sent.headers.get('x-ovi-task') ?? '').replace('Task/', '');
  };
  const openContact = async (taskId: string) => {
    const row = page.locator(`[data-testid="queue-item"][data-task-id="${taskId}"]`);
    await row.waitFor();
    await row.getByRole('link').first().click();
    await page.getByTestId('decision-form').waitFor();
  };
  const bookedForContact = async (taskId: string) => {
    const r = await server.ovi.services.db.query<{ id: string }>(
      `SELECT id FROM resource WHERE resource_type = 'Appointment' AND content->>'status' = 'booked' AND content->'supportingInformation'->0->>'reference' = $1`,
      [`Task/${taskId}`],
    );
    return r.rows.map((row) => row.id);
  };

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir });
    await server.ovi.services.accounts.upsert({ username: 'guidance2', password: 'demo', roles: ['guidance'], fhirUser: 'Practitioner/pr-riikka-ylikoski', name: 'Riikka Ylikoski' });
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, locale: 'fi-FI', acceptDownloads: true });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a booking left half-finished when the nurse comes back, and books no second one', async () => {
    const taskId = await sendContact();
    await logIn(page, server.url, 'guidance');
    await openContact(taskId);
    await page.getByTestId('decision-outcome-booked').check();
    const earliest = page.getByTestId('booking-proposal').first();
    await earliest.waitFor();
    await earliest.getByTestId('booking-proposal-select').check();
    await page.getByTestId('booking-book').click();
    const bookedBox = page.getByTestId('booking-booked');
    await bookedBox.waitFor();
    const bookedId = await bookedBox.getAttribute('data-appointment-id');
    expect(bookedId).toBeTruthy();

    // The nurse leaves without saving the decision, and comes back.
    await page.locator('.back-link a').click();
    await openContact(taskId);
    const existing = page.getByTestId('booking-existing');
    await existing.waitFor();
    expect(await existing.getAttribute('data-appointment-id')).toBe(bookedId);
    await expectAccessible(page, 'contact with an existing booking');
    await expectNoSidewaysScroll(page, 'contact with an existing booking');

    // Choosing "booked a visit" takes the existing booking: no search, no second booking.
    await page.getByTestId('booking-use-existing').click();
    await bookedBox.waitFor();
    expect(await bookedBox.getAttribute('data-appointment-id')).toBe(bookedId);
    expect(await page.getByTestId('booking-book').count()).toBe(0);
    expect(await page.getByTestId('decision-outcome-booked').isChecked()).toBe(true);
    await page.getByTestId('decision-note').fill('Varasimme sinulle ajan fysioterapeutille.');
    await page.getByTestId('decision-submit').click();
    await page.getByTestId('decision-done').waitFor();
    expect(await bookedForContact(taskId)).toEqual([bookedId]);
    const task = (await server.ovi.services.store.read('Task', taskId)) as any;
    expect(task.businessStatus.coding[0].code).toBe('booked');
    expect(task.output.find((o: any) => o.type.coding[0].code === 'appointment').valueReference.reference).toBe(`Appointment/${bookedId}`);
    await logOut(page);
  });

  it("shows a colleague's booking instead of making a second one", async () => {
    const taskId = await sendContact();
    await logIn(page, server.url, 'guidance');
    await openContact(taskId);
    // Meanwhile another nurse books a time for the same contact.
    const colleague = await apiLogin(server, 'guidance2');
    const patient = ((await server.ovi.services.store.read('Task', taskId)) as any).for.reference as string;
    const found = await server.call('POST', '/fhir/R4/Appointment/$find', {
      token: colleague.token,
      body: params({ name: 'start', valueDateTime: new Date(Date.now() + 5 * 86_400_000).toISOString() }, { name: 'end', valueDateTime: new Date(Date.now() + 12 * 86_400_000).toISOString() }, { name: 'specialty', valueCodeableConcept: PHYSIO }, { name: 'patient', valueReference: { reference: patient } }),
    });
    const theirs = await server.call('POST', '/fhir/R4/Appointment/$book', {
      token: colleague.token,
      body: params({ name: 'appointment', resource: found.body.entry.find((e: any) => e.resource.resourceType === 'Appointment').resource }, { name: 'task', valueReference: { reference: `Task/${taskId}` } }),
    });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(201);

    await page.getByTestId('decision-outcome-booked').check();
    const earliest = page.getByTestId('booking-proposal').first();
    await earliest.waitFor();
    await earliest.getByTestId('booking-proposal-select').check();
    await page.getByTestId('booking-book').click();
    await page.getByTestId('booking-booked-meanwhile').waitFor();
    const bookedBox = page.getByTestId('booking-booked');
    await bookedBox.waitFor();
    expect(await bookedBox.getAttribute('data-appointment-id')).toBe(theirs.body.id);
    await expectAccessible(page, 'booked meanwhile');
    await expectNoSidewaysScroll(page, 'booked meanwhile');
    expect(await bookedForContact(taskId)).toEqual([theirs.body.id]);
    // Leave it for the next walk; the contact stays booked once.
    await logOut(page);
  });

  it('asks before an overlapping time, downloads the calendar file, and offers a phone number inside the notice', async () => {
    const resident = await apiLogin(server, 'resident');
    // The resident's earliest physiotherapy time, booked; then another time that starts at the same moment.
    // Searched from the start of a day (UTC midnight is 2 or 3 at night in Helsinki), so the time
    // found is the first of its day and the overlapping one is among the first times the page
    // lists whatever the hour the test runs (from the current hour, after about 9.30 in
    // Helsinki it was past the five the page shows at first).
    const from = new Date(Date.now() + 2 * 86_400_000);
    from.setUTCHours(0, 0, 0, 0);
    const found = await server.call('POST', '/fhir/R4/Appointment/$find', {
      token: resident.token,
      body: params({ name: 'start', valueDateTime: from.toISOString() }, { name: 'end', valueDateTime: new Date(Date.now() + 29 * 86_400_000).toISOString() }, { name: 'appointment-type', valueCode: 'physio-visit' }, { name: 'patient', valueReference: { reference: resident.fhirUser } }),
    });
    const first = found.body.entry.find((e: any) => e.resource.resourceType === 'Appointment').resource;
    // (It may overlap the visits booked in the walks above: that is not what this walk is about.)
    const booked = await server.call('POST', '/fhir/R4/Appointment/$book', { token: resident.token, body: params({ name: 'appointment', resource: first }, { name: 'allowOverlap', valueBoolean: true }) });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const store = server.ovi.services.store;
    // Ids of this attempt's own, so that a retry after a failure does not meet the first try's.
    const overlapId = `browser-overlap-${Date.now().toString(36)}`;
    const actors = booked.body.participant.filter((p: any) => !p.actor.reference.startsWith('Patient/')).map((p: any) => p.actor);
    await store.transaction((tx) =>
      store.createMany(
        [
          { resourceType: 'Schedule', id: overlapId, active: true, actor: actors, specialty: [PHYSIO] },
          {
            resourceType: 'Slot',
            id: `${overlapId}-slot`,
            schedule: { reference: `Schedule/${overlapId}` },
            status: 'free',
            start: booked.body.start,
            end: booked.body.end,
            serviceType: [{ coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/visit-type', code: 'physio-visit' }] }],
            extension: [{ url: 'https://fhir.ovi.fi/StructureDefinition/visit-mode', valueCode: 'on-site' }],
          },
        ] as any,
        tx,
      ),
    );

    await logIn(page, server.url, 'resident');
    await page.getByTestId('nav-book').click();
    await page.locator('[data-testid="selfbook-type"]').filter({ hasText: /fysioterap/i }).first().click();
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date(booked.body.start));
    await page.locator('#selfbook-from').fill(day);
    const overlapping = page.locator(`[data-testid="selfbook-proposal"][data-slot-id="${overlapId}-slot"]`);
    await overlapping.waitFor();
    await overlapping.getByTestId('selfbook-proposal-select').check();
    await page.getByTestId('selfbook-book').click();
    const warning = page.getByTestId('selfbook-overlap');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Sinulla on jo aika');
    await expectAccessible(page, 'overlap warning');
    await expectNoSidewaysScroll(page, 'overlap warning');
    await page.getByTestId('selfbook-overlap-confirm').click();
    const done = page.getByTestId('selfbook-done');
    await done.waitFor();
    const second = await done.getAttribute('data-appointment-id');

    // The confirmation offers the calendar file.
    const [download] = await Promise.all([page.waitForEvent('download'), done.getByTestId('appointment-calendar').click()]);
    expect(download.suggestedFilename()).toBe('ovi-aika.ics');
    const ics = readFileSync((await download.path()) ?? '', 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(`UID:${second}@ovi`);

    // My appointments: the calendar file for each, and move/cancel while the notice allows it.
    await page.getByTestId('nav-appointments').click();
    const card = page.locator(`[data-testid="appointment"][data-appointment-id="${booked.body.id}"]`);
    await card.waitFor();
    await card.getByTestId('appointment-move').waitFor();
    const [fromList] = await Promise.all([page.waitForEvent('download'), card.getByTestId('appointment-calendar').click()]);
    expect(readFileSync((await fromList.path()) ?? '', 'utf8')).toContain(`UID:${booked.body.id}@ovi`);
    await server.ovi.services.db.query(`UPDATE app_setting SET value = '{"cancelNoticeHours": 100000, "horizonDays": 42}' WHERE name = 'booking-rules'`);
    await page.reload();
    await card.waitFor();
    const call = card.getByTestId('appointment-call-to-change');
    await call.waitFor();
    expect(await call.locator('a[href^="tel:"]').count()).toBe(1);
    expect(await card.getByTestId('appointment-move').count()).toBe(0);
    expect(await card.getByTestId('appointment-cancel').count()).toBe(0);
    await expectAccessible(page, 'my appointments inside the notice');
    await expectNoSidewaysScroll(page, 'my appointments inside the notice');

    // Outside the notice again: moving books the new time and cancels the old one at once.
    await server.ovi.services.db.query(`UPDATE app_setting SET value = '{"cancelNoticeHours": 24, "horizonDays": 42}' WHERE name = 'booking-rules'`);
    await page.reload();
    await card.getByTestId('appointment-move').click();
    const panel = card.getByTestId('appointment-move-panel');
    const option = panel.locator(`[data-testid="selfbook-proposal"]:not([data-slot-id="${overlapId}-slot"])`).first();
    await option.waitFor();
    await option.getByTestId('selfbook-proposal-select').check();
    await panel.getByTestId('selfbook-book').click();
    const overlapAgain = panel.getByTestId('selfbook-overlap');
    // The new time may overlap the second visit booked above: confirm if asked.
    const moved = page.getByTestId('appointment-moved');
    await expect.poll(async () => (await moved.count()) + (await overlapAgain.count()), { timeout: 15_000 }).toBeGreaterThan(0);
    if ((await moved.count()) === 0) await panel.getByTestId('selfbook-overlap-confirm').click();
    await page.getByTestId('appointment-moved').waitFor();
    const old = (await store.read('Appointment', booked.body.id)) as any;
    expect(old.status).toBe('cancelled');
    expect(((await store.read('Slot', booked.body.slot[0].reference.replace('Slot/', ''))) as any).status).toBe('free');
    const mine = await server.call('GET', `/fhir/R4/Appointment?patient=${resident.fhirUser}&status=booked`, { token: (await apiLogin(server, 'resident')).token });
    const replacing = mine.body.entry.map((e: any) => e.resource).filter((a: any) => a.extension?.some((x: any) => x.valueReference?.reference === `Appointment/${booked.body.id}`));
    expect(replacing).toHaveLength(1);
    await logOut(page);
  });
});
