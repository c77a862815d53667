import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHelsinkiDate } from '@ovi/domain';
import { launchChromium } from '../support/chromium';
import { apiLogin, expectAccessible, expectNoSidewaysScroll, logIn, logOut, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const QUESTION = 'Voiko kipulääkettä jatkaa vielä viikon ennen vastaanottoa?';
const ANSWER = 'Kyllä voi, enintään kolme tablettia päivässä. Soittakaa, jos kipu pahenee.';

/** Accessible and without sideways scrolling on the laptop and on the phone. */
async function checkBothSizes(page: Page, screen: string): Promise<void> {
  for (const size of [LAPTOP, PHONE]) {
    await page.setViewportSize(size);
    await expectAccessible(page, `${screen} at ${size.width} px`);
  }
  await expectNoSidewaysScroll(page, screen);
}

describe('professionals ask each other and record visits in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let taskId: string;
  let patient: string;

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir });
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, viewport: LAPTOP, locale: 'fi-FI' });
    page = await context.newPage();
    const guidance = await apiLogin(server, 'guidance');
    const queue = await server.call('GET', '/api/guidance/queue', { token: guidance.token });
    const item = queue.body.items.find((i: any) => i.kind === 'client-guidance');
    taskId = item.taskId;
    patient = `Patient/${item.patient.id}`;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a nurse asks a doctor about a client from the contact view', async () => {
    await logIn(page, server.url, 'guidance');
    await page.goto(`${server.url}/queue/${taskId}`);
    await page.getByTestId('contact-detail').waitFor();
    await page.getByTestId('ask-consultation-open').click();
    // Sending without whom and what says what is missing.
    await page.getByTestId('ask-consultation-submit').click();
    await expect.poll(() => page.getByTestId('ask-consultation-owner').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.locator('#ask-owner option[value="Practitioner/pr-mikko-rautio"]').count()).toBe(1);
    // The manager and the administrator have no qualification: nobody asks them about a client.
    expect(await page.locator('#ask-owner option[value="Practitioner/pr-paivi-salmela"], #ask-owner option[value="Practitioner/pr-tomi-hiltunen"]').count()).toBe(0);
    await page.getByTestId('ask-consultation-owner').selectOption('Practitioner/pr-mikko-rautio');
    await page.getByTestId('ask-consultation-question').fill(QUESTION);
    await checkBothSizes(page, 'asking a colleague');
    await page.setViewportSize(LAPTOP);
    await page.getByTestId('ask-consultation-submit').click();
    await page.getByTestId('ask-consultation-sent').waitFor();
    expect(await page.getByTestId('ask-consultation-sent').textContent()).toContain('Mikko Rautio');
    // Waiting in the client's history and the nurse's outbox.
    await expect.poll(() => page.getByTestId('history-consultation').filter({ hasText: QUESTION }).count()).toBe(1);
    await page.getByTestId('nav-consultations').click();
    await page.getByTestId('consultations-outbox').click();
    await page.getByTestId('consultations-outbox-list').getByTestId('consultation').filter({ hasText: QUESTION }).waitFor();
    await logOut(page);
  });

  it('the doctor sees it in the inbox, counted in the navigation, and answers', async () => {
    await logIn(page, server.url, 'physician');
    const count = page.getByTestId('nav-consultations').getByTestId('consultation-count');
    await count.waitFor();
    expect(Number(await count.getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    await page.getByTestId('nav-consultations').click();
    const question = page.getByTestId('consultations-inbox-list').getByTestId('consultation').filter({ hasText: QUESTION });
    await question.waitFor();
    expect(await question.getByTestId('consultation-contact').getAttribute('href')).toBe(`/queue/${taskId}`);
    await checkBothSizes(page, 'the consultation inbox');
    await page.setViewportSize(LAPTOP);
    const before = Number(await count.getAttribute('data-count'));
    await question.getByTestId('consultation-answer-input').fill(ANSWER);
    await question.getByTestId('consultation-answer-submit').click();
    await page.getByTestId('consultation-answered').waitFor();
    await page.getByTestId('consultations-closed').getByTestId('consultation').filter({ hasText: ANSWER }).waitFor();
    // The navigation's count follows.
    await expect.poll(async () => ((await count.count()) === 0 ? 0 : Number(await count.getAttribute('data-count')))).toBe(before - 1);
    await logOut(page);
  });

  it('the nurse sees the answer on the client', async () => {
    await logIn(page, server.url, 'guidance');
    await page.goto(`${server.url}/queue/${taskId}`);
    const answer = page.getByTestId('history-consultation-answer').filter({ hasText: ANSWER });
    await answer.waitFor();
    expect(await answer.textContent()).toContain('Mikko Rautio');
    await checkBothSizes(page, 'the answer in the client history');
    await logOut(page);
  });

  it('a doctor opens a visit from the week and the day view on the phone and marks it realised', async () => {
    // A visit with the client that began a little while ago today (Finnish time).
    const now = Date.now();
    const today = toHelsinkiDate(new Date(now));
    const start = toHelsinkiDate(new Date(now - 20 * 60_000)) === today ? new Date(now - 20 * 60_000) : new Date(now - 60_000);
    const id = randomUUID();
    await server.ovi.services.store.createMany([
      {
        resourceType: 'Appointment',
        id,
        status: 'booked',
        start: start.toISOString(),
        end: new Date(start.getTime() + 30 * 60_000).toISOString(),
        meta: { security: [{ system: 'https://fhir.ovi.fi/CodeSystem/register', code: 'health' }] },
        extension: [{ url: 'https://fhir.ovi.fi/StructureDefinition/visit-mode', valueCode: 'phone' }],
        supportingInformation: [{ reference: `Task/${taskId}` }],
        participant: [
          { actor: { reference: patient }, status: 'accepted' },
          { actor: { reference: 'Practitioner/pr-mikko-rautio', display: 'Mikko Rautio' }, status: 'accepted' },
          { actor: { reference: 'Location/loc-station-kokkola' }, status: 'accepted' },
        ],
      } as any,
    ]);
    await page.setViewportSize(PHONE);
    await logIn(page, server.url, 'physician');
    await page.getByTestId('nav-schedule').click();
    const item = page.locator(`[data-testid="schedule-appointment"][data-appointment-id="${id}"]`);
    // The week view opens the visit as the day view does.
    await page.getByTestId('schedule-view-week').click();
    await page.getByTestId('schedule-week').locator(`[data-appointment-id="${id}"]`).getByTestId('schedule-open-visit').click();
    const view = page.getByTestId('visit-view');
    await view.waitFor();
    await page.getByTestId('nav-schedule').click();
    await item.waitFor();
    await item.getByTestId('schedule-open-visit').click();
    await view.waitFor();
    expect(await page.getByTestId('visit-mode').textContent()).toBe('Puhelu');
    expect(await page.getByTestId('visit-contact').getAttribute('href')).toBe(`/queue/${taskId}`);
    await checkBothSizes(page, 'the visit view');
    await page.setViewportSize(PHONE);
    await page.getByTestId('visit-realised').click();
    await page.getByTestId('visit-recorded').waitFor();
    await expect.poll(() => view.getAttribute('data-status')).toBe('fulfilled');
    expect(await page.getByTestId('visit-outcome').count()).toBe(0);
    const stored = await server.call('GET', `/fhir/R4/Appointment/${id}`, { token: (await apiLogin(server, 'physician')).token });
    expect(stored.body.status).toBe('fulfilled');
    await expectAccessible(page, 'the visit once recorded');
  });
});
