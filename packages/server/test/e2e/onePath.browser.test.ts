import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { apiLogin, expectAccessible, logIn, logOut, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';
import { buildContactResponse } from '../../src/guidance/contactResponse';

describe('the one-contact path in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir });
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, locale: 'fi-FI' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('resident sends → guidance nurse resolves → resident reads the reply', async () => {
    const note = 'Hei Aino! Fysioterapeutti soittaa sinulle huomenna aamupäivällä.';
    await page.goto(server.url);
    await page.getByTestId('login-username').waitFor();
    await expectAccessible(page, 'login');

    // 1. The resident sends a contact about back pain from a phone-sized screen.
    await logIn(page, server.url, 'resident');
    await page.getByTestId('nav-send-contact').click();
    await page.getByTestId('danger-sign-none').check();
    await page.getByTestId('questionnaire-form').waitFor();
    await expectAccessible(page, 'contact form');
    await page.getByTestId('answer-reason').getByRole('radio').first().check();
    await page.getByTestId('answer-back-red-flags').getByRole('radio').last().check();
    await page.getByTestId('answer-duration').getByRole('radio').nth(2).check();
    await page.getByTestId('answer-severity').locator('input').fill('6');
    await page.getByTestId('answer-description').locator('textarea').fill('Selkä on ollut kipeä kolme viikkoa, istuminen sattuu.');
    await page.getByTestId('answer-contact-preference').getByRole('radio').first().check();
    await page.getByTestId('contact-submit').click();
    await page.getByTestId('contact-confirmation').waitFor();
    await expectAccessible(page, 'contact confirmation');
    await logOut(page);

    // 2. The guidance nurse finds it in the queue and answers it at the first contact.
    await logIn(page, server.url, 'guidance');
    const row = page.getByTestId('queue-item').filter({ hasText: 'Aino Nieminen' }).first();
    await row.waitFor();
    await expectAccessible(page, 'queue');
    await row.getByRole('link').first().click();
    await page.getByTestId('decision-form').waitFor();
    await expectAccessible(page, 'contact view');
    await page.getByTestId('decision-outcome-solved').check();
    await page.getByTestId('decision-note').fill(note);
    await page.getByTestId('decision-submit').click();
    await page.getByTestId('decision-done').waitFor();
    await logOut(page);

    // 3. The resident sees the contact handled and reads the reply.
    await logIn(page, server.url, 'resident');
    await page.getByTestId('nav-my-contacts').click();
    await expect.poll(async () => page.getByTestId('my-contact-reply').allTextContents(), { timeout: 15_000 }).toContainEqual(expect.stringContaining(note));
    await expectAccessible(page, 'my contacts');
    await page.getByTestId('nav-access-log').click();
    await expect.poll(async () => page.locator('main').textContent(), { timeout: 15_000 }).toContain('Hanna Hoitaja');
    await expectAccessible(page, 'access log');
  });

  it('guidance nurse books the earliest physiotherapist time; the resident sees and cancels it', async () => {
    // A back-pain contact arrives; the rules suggest a physiotherapist.
    const sender = await apiLogin(server, 'resident');
    const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', {
      token: sender.token,
      body: buildContactResponse(sender.fhirUser, { reason: 'back-pain', 'back-red-flags': false, duration: 'weeks', severity: 5, description: 'Polvi ja selkä kipeytyvät portaissa.', 'contact-preference': 'phone' }),
    });
    const taskId = (sent.headers.get('x-ovi-task') ?? '').replace('Task/', '');

    await logOut(page); // the first walk ended logged in as the resident
    await logIn(page, server.url, 'guidance');
    const row = page.locator(`[data-testid="queue-item"][data-task-id="${taskId}"]`);
    await row.waitFor();
    await row.getByRole('link').first().click();
    await page.getByTestId('decision-form').waitFor();
    await page.getByTestId('decision-outcome-booked').check();
    await page.getByTestId('booking-panel').waitFor();
    const earliest = page.getByTestId('booking-proposal').first();
    await earliest.waitFor();
    await expectAccessible(page, 'booking panel');
    await earliest.getByTestId('booking-proposal-select').check();
    await page.getByTestId('booking-book').click();
    await page.getByTestId('booking-booked').waitFor();
    await page.getByTestId('decision-note').fill('Varasimme sinulle ajan fysioterapeutille.');
    await page.getByTestId('decision-submit').click();
    await page.getByTestId('decision-done').waitFor();
    await logOut(page);

    // The resident's page logged out above, which revoked the sender's token.
    const resident = await apiLogin(server, 'resident');
    const task = (await server.call('GET', `/fhir/R4/Task/${taskId}`, { token: resident.token })).body;
    expect(task.businessStatus.coding[0].code).toBe('booked');
    const appointmentRef = task.output.find((o: { type: { coding: Array<{ code: string }> } }) => o.type.coding[0]?.code === 'appointment').valueReference.reference;

    // The earliest time may be tomorrow morning: let this region allow cancelling until the start
    // (the page offers cancelling only while the notice rule allows it).
    await server.ovi.services.db.query(`UPDATE app_setting SET value = '{"cancelNoticeHours": 0, "horizonDays": 42}' WHERE name = 'booking-rules'`);
    await logIn(page, server.url, 'resident');
    await page.getByTestId('nav-appointments').click();
    const appointment = page.locator(`[data-testid="appointment"][data-appointment-id="${appointmentRef.replace('Appointment/', '')}"]`);
    await appointment.waitFor();
    await expectAccessible(page, 'my appointments');
    await appointment.getByTestId('appointment-cancel').click();
    await page.getByTestId('appointment-cancel-confirm').click();
    await page.getByTestId('appointment-cancelled').waitFor();
    const after = (await server.call('GET', `/fhir/R4/${appointmentRef}`, { token: resident.token })).body;
    expect(after.status).toBe('cancelled');
  });

  it('resident books a self-bookable time themselves, and a team view shows it taken', async () => {
    await logOut(page);
    await logIn(page, server.url, 'resident');
    await page.getByTestId('nav-book').click();
    const types = page.getByTestId('selfbook-type');
    await types.first().waitFor();
    await expectAccessible(page, 'self-booking');
    await page.locator('[data-testid="selfbook-type"]').filter({ hasText: /fysioterap/i }).first().click();
    const proposal = page.getByTestId('selfbook-proposal').first();
    await proposal.waitFor();
    await proposal.getByTestId('selfbook-proposal-select').check();
    await page.getByTestId('selfbook-book').click();
    await page.getByTestId('selfbook-done').waitFor();
    const resident = await apiLogin(server, 'resident');
    const mine = await server.call('GET', `/fhir/R4/Appointment?patient=${resident.fhirUser}`, { token: resident.token });
    const booked = mine.body.entry.map((e: { resource: { status: string; serviceType: Array<{ coding: Array<{ code: string }> }> } }) => e.resource).filter((a: { status: string }) => a.status === 'booked');
    expect(booked.some((a: { serviceType: Array<{ coding: Array<{ code: string }> }> }) => a.serviceType[0]?.coding[0]?.code === 'physio-visit')).toBe(true);
    await logOut(page);
    await logIn(page, server.url, 'physio');
    await page.getByTestId('nav-team-schedule').click();
    await page.getByTestId('team-schedule').waitFor();
    await expectAccessible(page, 'team schedule');
  });
});
