import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { apiLogin, expectAccessible, expectNoSidewaysScroll, logIn, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';

/**
 * The wait list for an earlier time on a phone (390 px): the resident joins the list for a
 * booked visit, someone else's earlier visit is cancelled, the offer shows on "My
 * appointments", one tap takes it, and the new time is shown.
 */

const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });
const DAY = 86_400_000;

describe('the wait list for an earlier time, in a real browser', () => {
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

  it('joins the list, sees the offer when an earlier time is freed, and takes it in one tap', async () => {
    const db = server.ovi.services.db;
    const from = new Date(Date.now() + 3 * DAY).toISOString();
    const schedule = await db.query<{ schedule_id: string }>(
      `SELECT schedule_id FROM slot_availability WHERE status = 'free' AND visit_type = 'physio-visit' AND start_at > $1 GROUP BY schedule_id ORDER BY count(*) DESC, schedule_id LIMIT 1`,
      [from],
    );
    const slots = await db.query<{ slot_id: string }>(`SELECT slot_id FROM slot_availability WHERE status = 'free' AND schedule_id = $1 AND visit_type = 'physio-visit' AND start_at > $2 ORDER BY start_at LIMIT 8`, [
      schedule.rows[0]?.schedule_id,
      from,
    ]);
    const [earlySlot, , , , lateSlot] = slots.rows.map((r) => r.slot_id);
    const book = async (username: string, slotId: string | undefined) => {
      const who = await apiLogin(server, username);
      const proposal = { resourceType: 'Appointment', status: 'proposed', slot: [{ reference: `Slot/${slotId}` }], participant: [{ actor: { reference: who.fhirUser }, status: 'needs-action' }] };
      const r = await server.call('POST', '/fhir/R4/Appointment/$book', { token: who.token, body: params({ name: 'appointment', resource: proposal }) });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return { ...who, appointment: r.body as { id: string; start: string } };
    };
    const other = await book('parent', earlySlot);
    const mine = await book('resident', lateSlot);

    // The resident joins the wait list for their visit.
    await logIn(page, server.url, 'resident');
    await page.getByTestId('nav-appointments').click();
    const card = page.locator(`[data-testid="appointment"][data-appointment-id="${mine.appointment.id}"]`);
    await card.getByTestId('wait-list-open').click();
    await card.getByTestId('wait-list-form').waitFor();
    await card.getByLabel('Vain arkipäivät (maanantaista perjantaihin)').focus();
    await expectAccessible(page, 'joining the wait list');
    await expectNoSidewaysScroll(page, 'joining the wait list');
    await card.getByTestId('wait-list-join').click();
    await page.getByTestId('wait-list-joined').waitFor();
    await card.getByTestId('wait-list-waiting').waitFor();

    // Someone else cancels an earlier time of the same kind: it is offered.
    const current = (await server.call('GET', `/fhir/R4/Appointment/${other.appointment.id}`, { token: other.token })).body;
    expect((await server.call('PUT', `/fhir/R4/Appointment/${other.appointment.id}`, { token: other.token, body: { ...current, status: 'cancelled' } })).status).toBe(200);
    await page.reload();
    const offer = page.getByTestId('wait-list-offer');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('Nykyisen aikasi');
    await expectAccessible(page, 'an earlier time offered');
    await expectNoSidewaysScroll(page, 'an earlier time offered');

    // One tap: the new time is booked, the old one cancelled, and the new time shown.
    await offer.getByTestId('wait-list-accept').click();
    const done = page.getByTestId('wait-list-accepted');
    await done.waitFor();
    const taken = await db.query<{ id: string }>(`SELECT id FROM resource WHERE resource_type = 'Appointment' AND content->>'status' = 'booked' AND content->'slot'->0->>'reference' = $1`, [`Slot/${earlySlot}`]);
    const newId = taken.rows[0]?.id ?? '';
    expect(newId).toBeTruthy();
    await page.locator(`[data-testid="appointment"][data-appointment-id="${newId}"]`).waitFor();
    const clock = new Intl.DateTimeFormat('fi-FI', { hour: 'numeric', minute: '2-digit', timeZone: 'Europe/Helsinki' }).format(new Date(other.appointment.start));
    expect(await done.textContent()).toContain(clock);
    expect(await page.getByTestId('wait-list-offer').count()).toBe(0);
    const old = (await server.call('GET', `/fhir/R4/Appointment/${mine.appointment.id}`, { token: mine.token })).body;
    expect(old.status).toBe('cancelled');
    await expectAccessible(page, 'the offered time taken');
  });
});
