import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { apiLogin, consoleLine, expectAccessible, expectNoSidewaysScroll, logIn, logOut, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';
import { DEMO_IDS } from '../../src/demo/demoRegion';
import { OUTSIDE_IDS } from '../../src/demo/outsideOrganisations';

/**
 * The shared client plan in a real browser: the client on a 390 px phone sees the plan, marks
 * their own action done, comments and sees the change charts beside their tables; the
 * responsible worker edits the plan in the workbench (a new version).
 */
describe('the shared client plan, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let planId: string;
  const consoleErrors: string[] = [];
  const PATIENT = DEMO_IDS.residentPatient;
  const SOCIAL = DEMO_IDS.socialInstructor;

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir });
    await server.ovi.services.store.create({ resourceType: 'CareTeam', status: 'active', subject: { reference: PATIENT }, participant: [{ member: { reference: SOCIAL } }] } as any);
    const social = await apiLogin(server, 'social');
    const headers = { 'content-type': 'application/json' };
    const made = await server.call('POST', '/api/care-plans', {
      token: social.token, headers,
      body: {
        patient: PATIENT, title: 'Ainon yhteinen suunnitelma', start: '2026-01-05',
        goals: [{ text: 'Haluan oman asunnon' }],
        activities: [
          { description: 'Täytän asumistukihakemuksen', owner: PATIENT, due: '2027-12-10', status: 'not-started' },
          { description: 'Asumistuen päätös', owner: OUTSIDE_IDS.kelaWorker, due: '2027-12-31', status: 'not-started' },
        ],
        responsibleWorker: SOCIAL,
        team: [{ member: SOCIAL, organization: 'Organization/station-kokkola' }, { member: OUTSIDE_IDS.kelaWorker, organization: OUTSIDE_IDS.kela }],
        reviewDates: ['2027-06-01'],
      },
    });
    expect(made.status).toBe(201);
    planId = made.body.id;
    const goal = made.body.goals[0].goal;
    for (const [g, housing] of [[0, -2], [3, 1]]) {
      const r = await server.call('POST', `/api/care-plans/${planId}/outcome`, { token: social.token, headers, body: { goal: [{ code: goal, score: g }], factor: [{ code: 'housing', score: housing }] } });
      expect(r.status).toBe(201);
    }
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, locale: 'fi-FI' });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(consoleLine(m)));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets the client on a phone mark their own action done, comment, and see the change beside a table', async () => {
    await logIn(page, server.url, 'resident');
    await page.getByTestId('nav-my-plan').click();
    await page.getByTestId('care-plan').waitFor();
    expect(await page.getByTestId('plan-goals').textContent()).toContain('Haluan oman asunnon');
    // Only the client's own action has the button; Kela's is shown with its owner.
    expect(await page.getByTestId('plan-mark-1').count()).toBe(0);
    expect(await page.getByTestId('plan-action-1').textContent()).toContain('Kalle Kelanen');
    await page.getByTestId('plan-mark-0').click();
    await page.getByTestId('plan-saved').waitFor();
    expect(await page.getByTestId('plan-action-status-0').textContent()).toBe('Tehty');
    await page.getByLabel('Kommentti tiimille').fill('Hakemus on lähetetty.');
    await page.getByTestId('plan-comment-send').click();
    await page.getByTestId('plan-comments').getByText('Hakemus on lähetetty.').waitFor();
    await page.locator('[data-testid="plan-chart-goal"] [role="img"]').waitFor();
    await page.locator('[data-testid="plan-chart-factor"] [role="img"]').waitFor();
    expect(await page.getByTestId('plan-goal-table').textContent()).toMatch(/Ei edistynyt.*Paljolti.*\+3/);
    expect(await page.getByTestId('plan-factor-table').textContent()).toMatch(/Asuminen.*Haittaa paljon.*Auttaa.*\+3/);
    expect(await page.getByTestId('plan-print').isVisible()).toBe(true);
    await expectAccessible(page, 'the client’s plan');
    await expectNoSidewaysScroll(page, 'the client’s plan');
    expect(consoleErrors).toEqual([]);
    await logOut(page);
  });

  it('lets the responsible worker edit the plan in the workbench, saved as a new version', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await logIn(page, server.url, 'social');
    await page.getByTestId('nav-care-plans').click();
    await page.getByLabel('Asiakkaan tunniste').fill(PATIENT.replace('Patient/', ''));
    await page.getByRole('button', { name: 'Avaa' }).click();
    await page.getByTestId('plan-edit').click();
    await page.getByTestId('plan-goal-0').fill('Haluan oman asunnon keväällä');
    await page.getByTestId('plan-add-action').click();
    await page.getByLabel('Mitä tehdään').nth(2).fill('Asuntonäyttöön yhdessä');
    await page.getByTestId('plan-due-2').fill('2027-02-01');
    await expectAccessible(page, 'the plan editor');
    await page.getByTestId('plan-save').click();
    await page.getByTestId('plan-saved').waitFor();
    expect(await page.getByTestId('plan-saved').textContent()).toMatch(/versio 4/);
    expect(await page.getByTestId('plan-goals').textContent()).toContain('Haluan oman asunnon keväällä');
    expect(await page.getByTestId('plan-action-2').textContent()).toContain('Asuntonäyttöön yhdessä');
    // The client's comment and their action done are kept in the new version.
    expect(await page.getByTestId('plan-comments').textContent()).toContain('Hakemus on lähetetty.');
    expect(await page.getByTestId('plan-action-status-0').textContent()).toBe('Tehty');
    await page.getByTestId('avain-form').waitFor();
    await expectAccessible(page, 'the plan with the AVAIN form');
    expect(consoleErrors).toEqual([]);
    await logOut(page);
  });

  it('shows managers the change per service and method with a group under five hidden', async () => {
    await logIn(page, server.url, 'manager');
    // The plan outcomes are on the dashboard's continuity page (the manager's one figures entry).
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('theme-continuity').click();
    const methods = page.getByTestId('figures-methods');
    await methods.waitFor();
    // One plan has recordings: every group is under five, so no figure is shown.
    expect(await page.getByTestId('figures-services').textContent()).toMatch(/Ei vielä arvioita|alle 5/);
    expect(await page.locator('body').textContent()).not.toContain('Aino');
    await expectAccessible(page, 'the managers’ plan outcomes');
    expect(consoleErrors).toEqual([]);
  });

  it('lets a worker start a client’s plan with them in the workbench, with Kela in the team', async () => {
    // A client with no plan whom the social instructor works with (a care team). Made per
    // attempt, so a retry after a failure half-way starts from no plan again.
    const client = await server.ovi.services.store.create({ resourceType: 'Patient', name: [{ family: 'Mäkelä', given: ['Irma'] }], birthDate: '1941-03-02' } as any);
    const IRMA = `Patient/${client.id}`;
    await server.ovi.services.store.create({ resourceType: 'CareTeam', status: 'active', subject: { reference: IRMA }, participant: [{ member: { reference: SOCIAL } }] } as any);
    // A page of its own: signing the manager's page out while its dashboard is still loading
    // would answer those requests 401 (a console error that is the test's, not the app's).
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'fi-FI' });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(consoleLine(m)));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await logIn(page, server.url, 'social');
    await page.goto(`${server.url}/care-plans/${client.id}`);
    await page.getByTestId('plan-none').waitFor();
    await page.getByTestId('plan-new').click();
    await page.getByTestId('plan-new-save').click();
    expect(await page.locator('#new-plan-title-error').textContent()).toContain('Kirjoita suunnitelmalle nimi');
    await page.getByTestId('plan-new-title').fill('Irman arjen suunnitelma');
    await page.getByTestId('plan-new-goal').fill('Haluan asua kotona ja käydä kerhossa');
    await expect.poll(() => page.getByTestId('plan-new-member').locator('option').count()).toBeGreaterThan(1);
    await page.getByTestId('plan-new-member').selectOption({ label: 'Kalle Kelanen, Kela, Kokkolan palvelupiste (demo)' });
    await page.getByTestId('plan-new-member-add').click();
    expect(await page.getByTestId('plan-new-team').textContent()).toContain('Kalle Kelanen');
    await expectAccessible(page, 'starting a shared plan');
    await expectNoSidewaysScroll(page, 'starting a shared plan');
    await page.getByTestId('plan-new-save').click();
    await page.getByRole('heading', { name: 'Irman arjen suunnitelma' }).waitFor();
    const social = await apiLogin(server, 'social');
    const plans = await server.call('GET', `/api/care-plans?patient=${encodeURIComponent(IRMA)}`, { token: social.token });
    expect(plans.body.plans).toHaveLength(1);
    expect(plans.body.plans[0]).toMatchObject({ title: 'Irman arjen suunnitelma', responsibleWorker: SOCIAL, goals: [{ text: 'Haluan asua kotona ja käydä kerhossa' }] });
    expect(plans.body.plans[0].team.map((m: any) => m.member).sort()).toEqual([OUTSIDE_IDS.kelaWorker, SOCIAL].sort());

    // Later the employment services join, with an action of their own.
    await page.getByTestId('plan-edit').click();
    await page.getByTestId('plan-member').selectOption({ label: 'Tuula Työnen, Kokkolan työllisyyspalvelut (demo)' });
    await page.getByTestId('plan-member-add').click();
    await page.getByTestId('plan-add-action').click();
    await page.getByLabel('Mitä tehdään').nth(0).fill('Kuntouttavan työtoiminnan paikka');
    await page.getByLabel('Kuka tekee').nth(0).selectOption({ label: 'Tuula Työnen' });
    await expectAccessible(page, 'the plan editor with the team');
    await page.getByTestId('plan-save').click();
    await page.getByTestId('plan-saved').waitFor();
    const after = (await server.call('GET', `/api/care-plans?patient=${encodeURIComponent(IRMA)}`, { token: social.token })).body.plans[0];
    expect(after.team.map((m: any) => m.member)).toContain('Practitioner/pr-tuula-tyonen');
    expect(after.activities).toEqual([expect.objectContaining({ description: 'Kuntouttavan työtoiminnan paikka', owner: 'Practitioner/pr-tuula-tyonen' })]);
    expect(consoleErrors).toEqual([]);
    await logOut(page);
    await context.close();
  });
});
