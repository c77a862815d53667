import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { apiLogin, expectAccessible, expectNoSidewaysScroll, logIn, logOut, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';
import { buildContactResponse } from '../../src/guidance/contactResponse';
import { defaultReplyTemplates } from '@ovi/domain/src/replyTemplates';

const CUSTOM_SV = 'Tack för samtalet. Vi har gått igenom ditt ärende och det är nu skött.';
const HANDOVER = 'Äiti toivoo soittoa iltapäivällä; lapsi on päiväkodissa aamuisin.';

describe("the nurse's contact view in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  /** A Swedish-speaking adult with a phone number, who calls in. */
  let caller: { ref: string; pic: string; phone: string; name: string };

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir });
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, locale: 'fi-FI' });
    page = await context.newPage();
    const found = await server.ovi.services.db.query<{ id: string }>(
      `SELECT id FROM resource WHERE resource_type = 'Patient'
          AND content->'communication'->0->'language'->'coding'->0->>'code' = 'sv'
          AND content->'telecom' @> '[{"system":"phone"}]'::jsonb AND content->>'birthDate' < '2000-01-01'
        ORDER BY id LIMIT 1`,
    );
    const patient = (await server.ovi.services.store.read('Patient', found.rows[0]?.id ?? '')) as any;
    caller = {
      ref: `Patient/${patient.id}`,
      pic: patient.identifier.find((i: any) => i.system === 'urn:oid:1.2.246.21').value,
      phone: patient.telecom.find((t: any) => t.system === 'phone').value,
      name: patient.name[0].text,
    };
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an administrator edits the reply templates; a missing text is shown by its field', async () => {
    await logIn(page, server.url, 'admin');
    await page.getByTestId('nav-reply-templates').click();
    await page.getByTestId('reply-templates').waitFor();
    await expectAccessible(page, 'reply templates');
    await expectNoSidewaysScroll(page, 'reply templates');

    const solved = page.locator('[data-testid="reply-templates-outcome"][data-outcome="solved"]').getByTestId('reply-template').first();
    await solved.getByTestId('reply-template-text-sv').fill(CUSTOM_SV);
    await solved.getByTestId('reply-template-title-en').fill('');
    await page.getByTestId('reply-templates-save').click();
    await expect.poll(() => solved.getByTestId('reply-template-title-en').getAttribute('aria-invalid')).toBe('true');
    await page.locator('.error-summary').waitFor();
    await expectAccessible(page, 'reply templates with a problem');
    // Nothing was saved.
    const before = await server.call('GET', '/api/reply-templates', { token: (await apiLogin(server, 'guidance')).token });
    expect(before.body.version).toBe(0);

    await solved.getByTestId('reply-template-title-en').fill('Matter dealt with');
    await page.getByTestId('reply-templates-save').click();
    await page.getByTestId('reply-templates-saved').waitFor();
    const after = await server.call('GET', '/api/reply-templates', { token: (await apiLogin(server, 'guidance')).token });
    expect(after.body.version).toBe(1);
    expect(after.body.templates.find((t: any) => t.outcome === 'solved').text.sv).toBe(CUSTOM_SV);
    await logOut(page);
  });

  it('a call is recorded in three steps: a wrong last character is said so, the way to reach the client is not asked', async () => {
    await logIn(page, server.url, 'guidance');
    await page.getByTestId('phone-contact').click();
    const wrong = `${caller.pic.slice(0, 10)}${caller.pic.endsWith('A') ? 'B' : 'A'}`;
    await page.getByTestId('pic-lookup-input').fill(wrong);
    await page.getByTestId('pic-lookup-submit').click();
    await expect.poll(() => page.locator('#pic-lookup-error').textContent()).toContain('viimeinen merkki ei täsmää');
    expect(await page.getByTestId('pic-lookup-result').count()).toBe(0);

    await page.getByTestId('pic-lookup-input').fill(caller.pic);
    await page.getByTestId('pic-lookup-submit').click();
    await page.getByTestId('pic-lookup-result').waitFor();
    await page.getByTestId('questionnaire-form').waitFor();
    expect(await page.getByTestId('channel-phone').isChecked()).toBe(true);
    // A caller is called back: "How should we contact you?" is not asked…
    expect(await page.getByTestId('answer-contact-preference').count()).toBe(0);
    await expectAccessible(page, 'recording a call');
    // …but for a walk-in it is.
    await page.getByTestId('channel-walk-in').check();
    await page.getByTestId('answer-contact-preference').waitFor();
    await page.getByTestId('channel-phone').check();
    await expect.poll(() => page.getByTestId('answer-contact-preference').count()).toBe(0);

    for (const [linkId, value] of [['danger-signs', 'none'], ['reason', 'other'], ['duration', 'weeks']]) {
      await page.getByTestId(`answer-${linkId}`).locator(`input[value="${value}"]`).check();
    }
    await page.getByTestId('answer-description').locator('textarea').fill('Klienten frågar om sina provsvar.');
    await page.getByTestId('contact-submit').click();
    await page.getByTestId('contact-confirmation').waitFor();
    const guidance = await apiLogin(server, 'guidance');
    const tasks = await server.call('GET', `/fhir/R4/Task?patient=${encodeURIComponent(caller.ref)}&_sort=-_lastUpdated&_count=1`, { token: guidance.token });
    const task = tasks.body.entry[0].resource;
    const response = await server.call('GET', `/fhir/R4/${task.focus.reference}`, { token: guidance.token });
    const preference = response.body.item.find((i: any) => i.linkId === 'contact-preference');
    expect(preference.answer[0].valueCoding.code).toBe('phone');
  });

  it('the contact view shows how to reach the client and their year, and fills a template reply in their language', async () => {
    // Still the guidance nurse, on the confirmation of the call just recorded.
    await page.getByTestId('contact-confirmation').locator('a.button-primary').click();
    const detail = page.getByTestId('contact-detail');
    await detail.waitFor();
    const taskId = (await detail.getAttribute('data-task-id')) ?? '';

    const phone = page.getByTestId('client-phone').first();
    await phone.waitFor();
    expect(await phone.textContent()).toBe(caller.phone);
    expect(await phone.getAttribute('href')).toBe(`tel:${caller.phone.replace(/[^\d+]/g, '')}`);
    expect(await page.getByTestId('client-language').getAttribute('data-language')).toBe('sv');
    expect(await page.getByTestId('client-language').textContent()).toBe('ruotsi');
    expect(await page.getByTestId('client-guardian').count()).toBe(0);
    // The way on to the client's home measurements (the shared plan is offered to professionals).
    expect(await page.getByTestId('client-link-monitoring').getAttribute('href')).toBe(`/monitoring/${caller.ref.replace('Patient/', '')}`);
    expect(await page.getByTestId('client-link-plan').count()).toBe(0);
    const current = page.locator(`[data-testid="open-matter"][data-task="Task/${taskId}"]`);
    await current.waitFor();
    expect(await current.textContent()).toContain('Tämä yhteydenotto');
    await page.getByTestId('client-history').waitFor();
    await expectAccessible(page, 'contact view with the client overview');
    await expectNoSidewaysScroll(page, 'contact view with the client overview');

    // A template fills the message in the client's language (Swedish), edited before sending.
    await page.getByTestId('decision-outcome-solved').check();
    const picker = page.getByTestId('reply-template-picker');
    await picker.waitFor();
    expect(await page.getByTestId('reply-template-language').inputValue()).toBe('sv');
    await page.getByTestId('reply-template-fill').click();
    await expect.poll(() => page.getByTestId('decision-note').inputValue()).toBe(CUSTOM_SV);
    await page.getByTestId('reply-template-filled').waitFor();
    await expectAccessible(page, 'template filled');

    // Another outcome's template: the words the nurse wrote are replaced only when confirmed.
    await page.getByTestId('decision-note').fill(`${CUSTOM_SV} Hälsningar, Hanna`);
    await page.getByTestId('decision-outcome-self-care').check();
    await page.getByTestId('reply-template-fill').click();
    await page.getByTestId('reply-template-confirm').waitFor();
    expect(await page.getByTestId('decision-note').inputValue()).toBe(`${CUSTOM_SV} Hälsningar, Hanna`);
    await page.getByTestId('reply-template-replace').click();
    const selfCare = defaultReplyTemplates.templates.find((t) => t.outcome === 'self-care');
    await expect.poll(() => page.getByTestId('decision-note').inputValue()).toBe(selfCare?.text.sv);

    await page.getByTestId('decision-outcome-solved').check();
    await page.getByTestId('reply-template-fill').click();
    await expect.poll(() => page.getByTestId('decision-note').inputValue()).toBe(CUSTOM_SV);
    await page.getByTestId('decision-note').fill(`${CUSTOM_SV} Hälsningar, Hanna`);
    await page.getByTestId('decision-submit').click();
    await page.getByTestId('decision-done').waitFor();

    const guidance = await apiLogin(server, 'guidance');
    const replies = await server.call('GET', `/fhir/R4/Communication?subject=${encodeURIComponent(caller.ref)}&_count=100`, { token: guidance.token });
    const reply = replies.body.entry.map((e: any) => e.resource).find((c: any) => c.basedOn[0].reference === `Task/${taskId}`);
    expect(reply.payload[0].contentString).toBe(`${CUSTOM_SV} Hälsningar, Hanna`);
    await logOut(page);
  });

  it("the receiving team sees the hand-over note and a child's guardians with their numbers", async () => {
    const parent = await apiLogin(server, 'parent');
    const children = await server.call('GET', '/api/me/children', { token: parent.token });
    const child = children.body.children[0].reference as string;
    const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', {
      token: parent.token,
      body: buildContactResponse(child, { reason: 'back-pain', 'back-red-flags': false, duration: 'weeks', severity: 4, description: 'Lapsi ontuu aamuisin.', 'contact-preference': 'phone' }),
    });
    expect(sent.status).toBe(201);
    const guidance = await apiLogin(server, 'guidance');
    const routed = await server.call('POST', `/fhir/R4/${sent.headers.get('x-ovi-task')}/$resolve`, {
      token: guidance.token,
      body: {
        resourceType: 'Parameters',
        parameter: [
          { name: 'outcome', valueCode: 'routed' },
          { name: 'note', valueString: 'Fysioterapeutti soittaa teille.' },
          { name: 'routeTo', valueReference: { reference: 'CareTeam/team-kokkola' } },
          { name: 'handover', valueString: HANDOVER },
        ],
      },
    });
    expect(routed.status).toBe(200);
    const workRef: string = routed.body.output.find((o: any) => o.type.coding[0].code === 'routed-task').valueReference.reference;
    const parentPatient = (await server.ovi.services.store.read('Patient', parent.fhirUser.split('/')[1] ?? '')) as any;
    const parentPhone: string = parentPatient.telecom.find((t: any) => t.system === 'phone').value;

    await logIn(page, server.url, 'physio');
    await page.goto(`${server.url}/queue/${workRef.split('/')[1]}`);
    await page.getByTestId('contact-detail').waitFor();
    const note = page.getByTestId('handover-note');
    await note.waitFor();
    expect(await note.textContent()).toContain(HANDOVER);
    expect(await note.textContent()).toContain('Hanna Hoitaja');
    const guardian = page.getByTestId('client-guardian').first();
    await guardian.waitFor();
    expect(await guardian.textContent()).toContain(parentPatient.name[0].text);
    expect(await guardian.getByTestId('guardian-phone').first().getAttribute('href')).toBe(`tel:${parentPhone.replace(/[^\d+]/g, '')}`);
    await expectAccessible(page, 'routed work with a hand-over note');
    await expectNoSidewaysScroll(page, 'routed work with a hand-over note');
    await logOut(page);

    // The parent sees the reply, never the hand-over note.
    const again = await apiLogin(server, 'parent');
    const theirs = await server.call('GET', `/fhir/R4/Communication?subject=${encodeURIComponent(child)}&_count=100`, { token: again.token });
    expect(JSON.stringify(theirs.body)).toContain('Fysioterapeutti soittaa teille.');
    expect(JSON.stringify(theirs.body)).not.toContain(HANDOVER);
  });
});
