import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { apiLogin, choose, expectAccessible, expectNoSidewaysScroll, logIn, logOut, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';
import { buildContactResponse } from '../../src/guidance/contactResponse';
import { DEMO_IDS } from '../../src/demo/demoRegion';

const PRINCIPAL = DEMO_IDS.representedPatient;
/** Routed to the region's physiotherapy service: its own name and number, not the station's. */
const SERVICE = DEMO_IDS.services.physiotherapy;
const SERVICE_PHONE = '+358 6 000 1030';
const STATION_PHONE = '+358 6 000 2000';

describe('acting for another adult, in a real browser on a phone', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let taskRef = '';

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir });
    // Irma has authorised the `resident` account; she gets an account of her own to read her log.
    await server.ovi.services.accounts.upsert({ username: 'irma', password: 'demo', roles: ['resident'], fhirUser: PRINCIPAL, name: 'Irma Mäkelä' });
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, locale: 'fi-FI' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the representative switches to act for the principal and sends a contact for her', async () => {
    await logIn(page, server.url, 'resident');
    await page.getByTestId('nav-acting-for').click();
    await page.getByTestId('principal-choice').waitFor();
    await expectAccessible(page, 'whom I act for');
    await expectNoSidewaysScroll(page, 'whom I act for');
    const irma = page.locator(`[data-testid="principal"][data-ref="${PRINCIPAL}"]`);
    expect(await irma.getAttribute('data-kind')).toBe('representative');
    expect(await page.getByTestId('principal-choice').textContent()).toMatch(/Irma Mäkelä.*Valtuutettuna.*voimassa/);
    await irma.check();
    await page.getByTestId('acting-for-now').waitFor();
    expect(await page.getByTestId('acting-for').getAttribute('data-ref')).toBe(PRINCIPAL);

    await page.getByTestId('acting-for-send').click();
    await page.getByTestId('danger-sign-none').check();
    await page.getByTestId('questionnaire-form').waitFor();
    await choose(page, 'reason', 'back-pain');
    await choose(page, 'back-red-flags', 'no');
    await choose(page, 'duration', 'weeks');
    await page.getByTestId('answer-severity').locator('input').fill('5');
    await page.getByTestId('answer-description').locator('textarea').fill('Irman selkä on ollut kipeä kaksi viikkoa, kävely on vaikeaa.');
    await choose(page, 'contact-preference', 'phone');
    await expectAccessible(page, 'contact form for the principal');
    await page.getByTestId('contact-submit').click();

    const confirmation = page.getByTestId('contact-confirmation');
    await confirmation.waitFor();
    const about = confirmation.getByTestId('contact-about');
    expect(await about.getAttribute('data-kind')).toBe('representative');
    expect(await about.textContent()).toContain('Irma Mäkelä');
    // "Call us" names the number of her own health station, as a link to call.
    await expect.poll(async () => confirmation.getByTestId('confirmation-next').textContent(), { timeout: 10_000 }).toContain(STATION_PHONE);
    expect(await confirmation.locator('a[href="tel:+35860002000"]').count()).toBe(1);
    await expectAccessible(page, 'confirmation for the principal');
    await expectNoSidewaysScroll(page, 'confirmation for the principal');

    // On record: hers, authored by the authorisation, sent by the representative.
    const irmaApi = await apiLogin(server, 'irma');
    const tasks = await server.call('GET', `/fhir/R4/Task?patient=${encodeURIComponent(PRINCIPAL)}&_sort=-_lastUpdated`, { token: irmaApi.token });
    const task = tasks.body.entry[0].resource;
    taskRef = `Task/${task.id}`;
    const response = await server.call('GET', `/fhir/R4/${task.focus.reference}`, { token: irmaApi.token });
    expect(response.body.author.reference).toBe(DEMO_IDS.representative);
  });

  it('her messages show where the contact is (with the team, by name), the signed reply and the number to call', async () => {
    const guidance = await server.login('guidance');
    const resolved = await server.call('POST', `/fhir/R4/${taskRef}/$resolve`, {
      token: guidance.token,
      body: {
        resourceType: 'Parameters',
        parameter: [
          { name: 'outcome', valueCode: 'routed' },
          { name: 'note', valueString: 'Ohjasimme Irman asian fysioterapiaan; fysioterapeutti soittaa.' },
          { name: 'routeTo', valueReference: { reference: SERVICE } },
        ],
      },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);

    await page.getByTestId('nav-my-contacts').click();
    const item = page.locator(`[data-testid="my-contact"][data-task-id="${taskRef.replace('Task/', '')}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-progress')).toBe('with-team');
    expect(await item.getByTestId('my-contact-status').textContent()).toContain('Käsittelyssä');
    expect(await item.getByTestId('my-contact-handler').textContent()).toContain('Fysioterapia');
    expect(await item.getByTestId('my-contact-about').textContent()).toContain('Irma Mäkelä');
    expect(await item.getByTestId('my-contact-reply-signature').textContent()).toContain('Asiakasohjauksen hoitaja, Kokkolan terveysasema (demo)');
    expect(await item.getByTestId('call-us').textContent()).toContain(SERVICE_PHONE);
    expect(await item.locator('a[href="tel:+35860001030"]').count()).toBe(1);
    await expectAccessible(page, 'my messages with a routed contact');
    await expectNoSidewaysScroll(page, 'my messages with a routed contact');

    // An emergency sent for her keeps its 112 advice in the messages.
    const resident = await apiLogin(server, 'resident');
    const emergency = await server.call('POST', '/fhir/R4/QuestionnaireResponse', {
      token: resident.token,
      body: buildContactResponse(PRINCIPAL, { 'danger-signs': ['chest'], reason: 'chest', 'chest-severe': true, duration: 'today', severity: 9, description: 'Irmalla on kova puristava kipu rinnassa.', 'contact-preference': 'phone' }),
    });
    expect(emergency.status, JSON.stringify(emergency.body)).toBe(201);
    await page.getByTestId('nav-acting-for').click();
    await page.getByTestId('acting-for-now').waitFor(); // the choice is kept while moving between screens
    const emergent = page.locator(`[data-testid="my-contact"][data-task-id="${(emergency.headers.get('x-ovi-task') ?? '').replace('Task/', '')}"]`);
    await emergent.getByTestId('my-contact-emergency').waitFor();
    expect(await emergent.locator('a[href="tel:112"]').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'messages of the principal with an emergency');
    await expectNoSidewaysScroll(page, 'messages of the principal with an emergency');

    // Switching back: the resident acts for herself again.
    await page.getByTestId('acting-for-stop').click();
    expect(await page.getByTestId('acting-for').count()).toBe(0);
    expect(await page.locator('[data-testid="principal"]:checked').count()).toBe(0);
  });

  it('the principal reads on her phone who acted for her: professionals first, flagged, then her representative', async () => {
    // A social instructor with no relationship to her opens her record on a recorded reason.
    const social = await server.login('social');
    const reason = 'Tarkistin esitiedot ennen kotikäyntiä.';
    const opened = await server.call('GET', `/fhir/R4/${PRINCIPAL}`, { token: social.token, headers: { 'X-Access-Reason': encodeURIComponent(reason) } });
    expect(opened.status).toBe(200);

    await logOut(page);
    await logIn(page, server.url, 'irma');
    await page.getByTestId('nav-access-log').click();
    await page.getByTestId('access-log').waitFor();
    const groups = await page.locator('[data-testid^="access-group-"]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')));
    expect(groups.slice(0, 2)).toEqual(['access-group-professionals', 'access-group-proxies']);
    const professionals = page.getByTestId('access-group-professionals');
    expect(await professionals.textContent()).toContain('Hanna Hoitaja');
    const flagged = professionals.locator('[data-testid="access-entry"][data-flagged="true"]').filter({ hasText: reason });
    expect(await flagged.count()).toBeGreaterThan(0);
    expect(await flagged.first().getByTestId('access-entry-flag').count()).toBe(1);
    expect(await page.getByTestId('access-summary').textContent()).toMatch(/ilman hoitosuhdetta/);
    const proxies = page.getByTestId('access-group-proxies');
    expect(await proxies.locator('[data-actor="proxy"]').filter({ hasText: 'Aino Nieminen' }).count()).toBeGreaterThan(0);
    expect(await proxies.textContent()).toMatch(/Loi: Vastauksesi|Loi: Yhteydenotto/);
    await expectAccessible(page, 'access log on a phone');
    await expectNoSidewaysScroll(page, 'access log on a phone');
  });
});
