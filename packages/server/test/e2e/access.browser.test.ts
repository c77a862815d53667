import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { apiLogin, expectAccessible, expectNoSidewaysScroll, logIn, logOut, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';
import { buildContactResponse } from '../../src/guidance/contactResponse';

const SHARING = { system: 'https://fhir.ovi.fi/CodeSystem/consent-category', code: 'register-sharing' };

/** The status of `path` when the page calls it with `token` (run inside the page). */
async function statusWithToken(page: Page, path: string, token: string): Promise<number> {
  return (await page.evaluate(`fetch(${JSON.stringify(path)}, { headers: { Authorization: 'Bearer ' + ${JSON.stringify(token)} } }).then((r) => r.status)`)) as number;
}

interface ConsentLike {
  status: string;
  category?: Array<{ coding?: Array<{ system?: string; code?: string }> }>;
  provision?: { type?: string };
}

function sharingConsents(bundle: { entry?: Array<{ resource: ConsentLike }> }): ConsentLike[] {
  return (bundle.entry ?? [])
    .map((e) => e.resource)
    .filter((c) => c.category?.some((cat) => cat.coding?.some((k) => k.system === SHARING.system && k.code === SHARING.code)));
}

describe('access to client data, in a real browser on a phone', () => {
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

  it('the resident gives consent to share between the registers, then withdraws it', async () => {
    await logIn(page, server.url, 'resident');
    await page.getByTestId('nav-sharing').click();
    const status = page.getByTestId('sharing-status');
    await page.getByTestId('sharing-give').waitFor();
    expect(await status.getAttribute('data-state')).toBe('not-given');
    await expectAccessible(page, 'sharing, no consent');
    await expectNoSidewaysScroll(page, 'sharing');

    // Give: the page says so, and the server holds one active register-sharing Consent.
    await page.getByTestId('sharing-give').click();
    await page.getByTestId('sharing-withdraw').waitFor();
    await page.getByTestId('sharing-done').waitFor();
    expect(await status.getAttribute('data-state')).toBe('given');
    const resident = await apiLogin(server, 'resident');
    const given = sharingConsents((await server.call('GET', `/fhir/R4/Consent?patient=${encodeURIComponent(resident.fhirUser)}`, { token: resident.token })).body);
    expect(given.map((c) => c.status)).toEqual(['active']);
    expect(given[0]?.provision?.type).toBe('permit');
    await expectAccessible(page, 'sharing, consent given');

    // Withdraw: the same Consent becomes inactive, and the page shows when it was given and withdrawn.
    await page.getByTestId('sharing-withdraw').click();
    await page.getByTestId('sharing-give').waitFor();
    expect(await status.getAttribute('data-state')).toBe('not-given');
    await page.locator('[data-testid="sharing-history-item"][data-state="withdrawn"]').waitFor();
    const withdrawn = sharingConsents((await server.call('GET', `/fhir/R4/Consent?patient=${encodeURIComponent(resident.fhirUser)}`, { token: resident.token })).body);
    expect(withdrawn.map((c) => c.status)).toEqual(['inactive']);
    await expectAccessible(page, 'sharing, consent withdrawn');
    await logOut(page);
  });

  it('the guidance nurse finds a client by name, with a reason the client then sees', async () => {
    const reason = 'Asiakas soitti eikä muista henkilötunnustaan.';
    await logIn(page, server.url, 'guidance');
    await page.getByTestId('phone-contact').click();

    // The identity-code look-up takes only a full, valid code.
    await page.getByTestId('pic-lookup-input').fill('010190-123A');
    await page.getByTestId('pic-lookup-submit').click();
    await expect.poll(() => page.locator('#pic-lookup-error').count()).toBe(1);
    expect(await page.getByTestId('pic-lookup-input').getAttribute('aria-invalid')).toBe('true');

    // Finding by name is a separate action, and the reason comes first.
    await page.getByTestId('lookup-mode-name').click();
    await page.getByTestId('name-lookup').waitFor();
    await expectAccessible(page, 'find by name');
    await expectNoSidewaysScroll(page, 'find by name');
    await page.getByTestId('name-lookup-name').fill('Nieminen');
    await page.getByTestId('name-lookup-submit').click();
    await expect.poll(() => page.getByTestId('name-lookup-reason').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('name-lookup-result').count()).toBe(0);

    await page.getByTestId('name-lookup-reason').fill(reason);
    await page.getByTestId('name-lookup-submit').click();
    const hit = page.getByTestId('name-lookup-result').filter({ hasText: 'Aino Nieminen' }).first();
    await hit.waitFor();
    expect(await page.getByTestId('name-lookup-result').count()).toBeLessThanOrEqual(10);
    await expectAccessible(page, 'name results');
    await expectNoSidewaysScroll(page, 'name results');
    const ref = (await hit.getAttribute('data-ref')) ?? '';
    expect(ref).toMatch(/^Patient\//);
    await hit.getByTestId('name-lookup-pick').click();
    const card = page.getByTestId('pic-lookup-result');
    await card.waitFor();
    expect(await card.textContent()).toContain('Aino Nieminen');
    await page.getByTestId('questionnaire-form').waitFor();
    await expectAccessible(page, 'client found by name');

    // Recording the call: a refusal (403) is said plainly; without one the contact is recorded.
    for (const [linkId, value] of [['danger-signs', 'none'], ['reason', 'other'], ['duration', 'weeks']]) {
      await page.getByTestId(`answer-${linkId}`).locator(`input[value="${value}"]`).check();
    }
    await page.getByTestId('answer-description').locator('textarea').fill('Asiakas kysyy rokotusajasta.');
    await page.route('**/fhir/R4/QuestionnaireResponse', (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/fhir+json',
        body: JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden', diagnostics: 'Refused for the test' }] }),
      }),
    );
    await page.getByTestId('contact-submit').click();
    await page.getByTestId('phone-contact-refused').waitFor();
    await expectAccessible(page, 'recording refused');
    await page.unroute('**/fhir/R4/QuestionnaireResponse');
    await page.getByTestId('contact-submit').click();
    await page.getByTestId('contact-confirmation').waitFor();

    // The server refuses a search without a reason (403) and a name under 2 characters (400).
    const guidance = await apiLogin(server, 'guidance');
    expect((await server.call('GET', '/api/client-lookup?name=Nieminen', { token: guidance.token })).status).toBe(403);
    expect((await server.call('GET', '/api/client-lookup?name=N', { token: guidance.token, headers: { 'X-Access-Reason': encodeURIComponent(reason) } })).status).toBe(400);

    // The client sees the flagged search, with its reason, in their own log.
    const resident = await apiLogin(server, 'resident');
    expect(ref).toBe(resident.fhirUser);
    const log = await server.call('GET', `/fhir/R4/AuditEvent?patient=${encodeURIComponent(resident.fhirUser)}&_count=100`, { token: resident.token });
    const reasons = (log.body.entry ?? []).map((e: { resource: { purposeOfEvent?: Array<{ text?: string }> } }) => e.resource.purposeOfEvent?.[0]?.text);
    expect(reasons).toContain(reason);
  });

  it('logging out revokes the token on the server, not only in the browser', async () => {
    // Still signed in as the guidance nurse from the previous walk.
    const token = (await page.evaluate(`sessionStorage.getItem('ovi.accessToken')`)) as string | null;
    expect(token).toBeTruthy();
    expect(await statusWithToken(page, '/auth/me', token ?? '')).toBe(200);
    await logOut(page);
    expect(await page.evaluate(`sessionStorage.getItem('ovi.accessToken')`)).toBeNull();
    await expect.poll(() => statusWithToken(page, '/auth/me', token ?? ''), { timeout: 10_000 }).toBe(401);
    await expect.poll(() => statusWithToken(page, '/api/guidance/queue', token ?? ''), { timeout: 10_000 }).toBe(401);
    await expectAccessible(page, 'login after logging out');
  });

  it('a physician opening a social-welfare record is asked for the legal basis, then sees it flagged', async () => {
    // A money matter (social-welfare register), routed by the guidance nurse to the health-station team.
    const resident = await apiLogin(server, 'resident');
    const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', {
      token: resident.token,
      body: buildContactResponse(resident.fhirUser, { reason: 'money-housing', duration: 'months', severity: 5, description: 'Vuokra on noussut enkä selviä laskuista.', 'contact-preference': 'phone' }),
    });
    expect(sent.status).toBe(201);
    const guidance = await apiLogin(server, 'guidance');
    const resolved = await server.call('POST', `/fhir/R4/${sent.headers.get('x-ovi-task') ?? ''}/$resolve`, {
      token: guidance.token,
      body: {
        resourceType: 'Parameters',
        parameter: [
          { name: 'outcome', valueCode: 'routed' },
          { name: 'note', valueString: 'Ohjasimme asiasi tiimille.' },
          { name: 'routeTo', valueReference: { reference: 'CareTeam/team-kokkola' } },
        ],
      },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const routed = resolved.body.output.find((o: { type: { coding: Array<{ code: string }> } }) => o.type.coding[0]?.code === 'routed-task').valueReference.reference as string;

    // The physician is in the team but registered for health care only: the record is closed to them.
    await logIn(page, server.url, 'physician');
    await page.goto(`${server.url}/queue/${routed.replace('Task/', '')}`);
    const form = page.locator('[data-testid="access-reason-form"][data-kind="register"][data-register="social"]');
    await form.waitFor();
    await expectAccessible(page, 'legal basis for the other register');
    await expectNoSidewaysScroll(page, 'legal basis for the other register');
    await page.getByTestId('access-reason-input').fill('Asiakkaan hoito edellyttää tietoa nyt.');
    await page.getByTestId('access-reason-submit').click();
    await page.getByTestId('contact-detail').waitFor();
    expect(await page.locator('.notice-flag').textContent()).toContain('Asiakkaan hoito edellyttää tietoa nyt.');
    await expectAccessible(page, 'other register opened with a legal basis');
    await logOut(page);
  });

  it('the administrator sets how long professionals still see a client after the work ends', async () => {
    await logIn(page, server.url, 'admin');
    await page.getByTestId('nav-access-lifetimes').click();
    const form = page.getByTestId('access-lifetimes');
    await form.waitFor();
    await expectAccessible(page, 'access lifetimes');
    await expectNoSidewaysScroll(page, 'access lifetimes');

    // 0–365 whole days: anything else is said next to the field and not sent.
    await page.getByTestId('access-lifetimes-task-days').fill('400');
    await page.getByTestId('access-lifetimes-save').click();
    await form.locator('.error-summary').waitFor();
    expect(await page.getByTestId('access-lifetimes-task-days').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'access lifetimes with an error');

    await page.getByTestId('access-lifetimes-task-days').fill('14');
    await page.getByTestId('access-lifetimes-appointment-days').fill('21');
    await page.getByTestId('access-lifetimes-save').click();
    await page.getByTestId('access-lifetimes-saved').waitFor();
    const admin = await apiLogin(server, 'admin');
    const stored = await server.call('GET', '/api/admin/access-lifetimes', { token: admin.token });
    expect(stored.body).toMatchObject({ taskFollowUpDays: 14, appointmentDays: 21 });
  });
});
