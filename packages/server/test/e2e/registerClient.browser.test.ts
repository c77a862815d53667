import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPersonalIdentityCode } from '@ovi/domain/src/personalIdentityCode';
import { launchChromium } from '../support/chromium';
import { apiLogin, expectAccessible, expectNoSidewaysScroll, logIn, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';

/**
 * A first-time caller: the guidance nurse types their code, Ovi knows no such client, the nurse
 * registers them in the same screen (name and a phone number for calling back) and records the
 * call for the new client, on a 390 px phone in Finnish.
 */
describe('registering a first-time caller, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('registers the caller from the phone-contact screen and records the call for them', async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, locale: 'fi-FI' });
    const page = await context.newPage();
    const pic = makeTestPersonalIdentityCode('1961-02-27', 'male', 42);
    try {
      await logIn(page, server.url, 'guidance');
      await page.getByTestId('phone-contact').click();
      await page.getByTestId('pic-lookup-input').fill(pic);
      await page.getByTestId('pic-lookup-submit').click();
      const form = page.getByTestId('register-client');
      await form.waitFor();
      expect(await page.locator('#pic-lookup-error').textContent()).toContain('Tällä henkilötunnuksella ei löytynyt');
      await expectAccessible(page, 'registering a new client');
      await expectNoSidewaysScroll(page, 'registering a new client');

      // Without a family name, and with a phone number that is not one, the form says so.
      await page.getByTestId('register-phone').fill('12');
      await page.getByTestId('register-submit').click();
      expect(await page.locator('#register-family-error').textContent()).toContain('Kirjoita sukunimi');
      await page.getByTestId('register-family').fill('Ensikertalainen');
      await page.getByTestId('register-given').fill('Eino Ilmari');
      await page.getByTestId('register-submit').click();
      expect(await page.locator('#register-phone-error').textContent()).toContain('suomalainen puhelinnumero');
      await page.getByTestId('register-phone').fill('040 765 4321');
      await page.getByTestId('register-submit').click();

      await page.getByTestId('pic-lookup-result').waitFor();
      expect(await page.getByTestId('pic-lookup-result').textContent()).toContain('Eino Ilmari Ensikertalainen');
      await page.getByTestId('questionnaire-form').waitFor();
      for (const [linkId, value] of [['danger-signs', 'none'], ['reason', 'other'], ['duration', 'weeks']] as const) {
        await page.getByTestId(`answer-${linkId}`).locator(`input[value="${value}"]`).check();
      }
      await page.getByTestId('answer-description').locator('textarea').fill('Ensimmäinen yhteydenotto, kysyy rokotuksista.');
      await page.getByTestId('contact-submit').click();
      await page.getByTestId('contact-confirmation').waitFor();

      const guidance = await apiLogin(server, 'guidance');
      const found = await server.call('GET', `/fhir/R4/Patient?identifier=${encodeURIComponent(`urn:oid:1.2.246.21|${pic}`)}`, { token: guidance.token });
      const patient = found.body.entry[0].resource;
      expect(patient).toMatchObject({ birthDate: '1961-02-27', name: [{ family: 'Ensikertalainen', given: ['Eino', 'Ilmari'] }], telecom: [{ system: 'phone', value: '0407654321' }] });
      // The call is the new client's contact in the queue (and with it the nurse's relationship).
      const tasks = await server.call('GET', `/fhir/R4/Task?patient=${encodeURIComponent(`Patient/${patient.id}`)}`, { token: guidance.token });
      expect(tasks.status).toBe(200);
      expect(tasks.body.entry).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});
