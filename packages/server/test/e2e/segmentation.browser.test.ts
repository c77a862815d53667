import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { apiLogin, choose, expectAccessible, expectNoSidewaysScroll, logIn, logOut, webDir, consoleLine } from '../support/browserPages';
import { BACK_PAIN, contactBody } from '../api/backends';
import { startTestServer, type TestServer } from '../api/oviTestServer';
import { highNeedDataSet, store } from '../api/segmentationFixture';

/**
 * Segmentation in a real browser on a 390 px phone: the client answers "how I cope in everyday
 * life"; the team's high-need work list with the criteria beside each name; the manager's
 * counts; the administrator's rules with their preview. axe on each, reflow at 320 px.
 */
describe('segmentation, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir });
    await store(server, highNeedDataSet(new Date()));
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, locale: 'fi-FI' });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(consoleLine(m)));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the client answers their own questionnaire on the phone', async () => {
    await logIn(page, server.url, 'resident');
    await page.getByTestId('nav-my-everyday').click();
    await page.getByTestId('answer-own').click();
    await page.getByTestId('questionnaire-form').waitFor();
    await expectAccessible(page, 'the client’s questionnaire');
    await expectNoSidewaysScroll(page, 'the client’s questionnaire');
    for (const [linkId, code] of [['daily-life', 'well'], ['own-health', 'mostly'], ['mood', 'well'], ['money-housing', 'well'], ['support', 'often'], ['digital-skills', 'sometimes-help']]) {
      await choose(page, linkId as string, code as string);
    }
    await page.getByTestId('contact-submit').click();
    await page.getByTestId('assessment-sent').waitFor();
    const stored = await server.ovi.services.db.query<{ n: string }>(
      "SELECT count(*) AS n FROM resource WHERE resource_type = 'QuestionnaireResponse' AND content->>'questionnaire' LIKE '%segmentation-client-resources%' AND content->'subject'->>'reference' = 'Patient/p-aino-nieminen'",
    );
    expect(Number(stored.rows[0]?.n)).toBe(1);
    await expectAccessible(page, 'the client’s segment page');
    expect(consoleErrors).toEqual([]);
    await logOut(page);
  });

  it('the professional answers theirs in the client view, makes the segment and sees its care path and history', async () => {
    const resident = await apiLogin(server, 'resident');
    const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
    const taskId = String(sent.headers.get('x-ovi-task')).replace('Task/', '');
    await logIn(page, server.url, 'guidance');
    await page.goto(`${server.url}/queue/${taskId}`);
    const panel = page.getByTestId('segment-panel');
    await panel.getByTestId('answer-professional').waitFor();
    expect(await panel.textContent()).toMatch(/Asiakkuusryhmää ei ole vielä tehty/);
    expect(await panel.textContent()).toMatch(/Ammattilaisen arvio puuttuu/);
    await panel.getByTestId('answer-professional').click();
    await panel.getByTestId('questionnaire-form').waitFor();
    for (const [linkId, code] of [['conditions', 'controlled'], ['medication', 'simple'], ['function', 'mild'], ['services', 'two'], ['stability', 'stable']]) {
      await choose(page, linkId as string, code as string);
    }
    await panel.getByTestId('contact-submit').click();
    await panel.getByTestId('questionnaire-form').waitFor({ state: 'detached' });
    await panel.getByTestId('make-segment').click();
    // Resources 2.5 (strong) and demand 0.8 (light): self-acting.
    await expect.poll(async () => (await panel.getByTestId('latest-segment').textContent().catch(() => '')) ?? '').toBe('Omatoimiasiakkuus');
    expect(await panel.getByTestId('care-path').textContent()).toMatch(/digitaaliset palvelut/);
    expect(await panel.getByTestId('segment-history').locator('tbody tr').count()).toBe(1);
    await expectAccessible(page, 'the client view with the segment');
    expect(consoleErrors).toEqual([]);
    await logOut(page);
  });

  it('the team sees its high-need work list with the criteria beside each name', async () => {
    await logIn(page, server.url, 'physician');
    await page.getByTestId('nav-high-need').click();
    const list = page.getByTestId('high-need-list');
    await list.waitFor();
    expect(await list.locator('tbody th').allTextContents()).toEqual([expect.stringMatching(/^Testi Dahl/), expect.stringMatching(/^Testi Aalto/), expect.stringMatching(/^Testi Carlsson/)]);
    expect(await list.locator('tbody tr').nth(1).textContent()).toMatch(/ei tiedossa/);
    await expectAccessible(page, 'the high-need work list');
    await expectNoSidewaysScroll(page, 'the high-need work list');
    expect(consoleErrors).toEqual([]);
    await logOut(page);
  });

  it('the manager sees counts only; the administrator’s rules preview what a change does', async () => {
    await logIn(page, server.url, 'manager');
    // The segment counts are on the dashboard's demand page (the manager's one figures entry).
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('theme-demand').click();
    const counts = page.getByTestId('segment-counts-section');
    await counts.waitFor();
    await expect.poll(async () => (await counts.textContent()) ?? '').toMatch(/Asiakkuusryhmiä ei ole vielä tehty|Yhteensä/);
    expect(await counts.textContent()).not.toMatch(/Testi/);
    await expectAccessible(page, 'segment counts');
    await logOut(page);
    await logIn(page, server.url, 'admin');
    await page.getByTestId('nav-segmentation-admin').click();
    const preview = page.getByTestId('segmentation-preview');
    await preview.waitFor();
    // Resources 0 and demand 3: network; mapped to community, the preview follows at once.
    expect(await preview.locator('tbody tr').first().locator('td').last().textContent()).toBe('Verkostoasiakkuus');
    await page.locator('#seg-cell-weakDemanding').selectOption('community');
    expect(await preview.locator('tbody tr').first().locator('td').last().textContent()).toBe('Yhteisöasiakkuus');
    await page.locator('#seg-age').fill('0');
    await page.getByTestId('segmentation-problems').waitFor();
    expect(await page.getByTestId('save-segmentation').isDisabled()).toBe(true);
    // The high-need criteria on the same page: more criteria than there are is refused as one types.
    await page.locator('#hn-minCriteria').fill('5');
    await page.getByTestId('high-need-problems').waitFor();
    expect(await page.getByTestId('save-high-need').isDisabled()).toBe(true);
    await expectAccessible(page, 'segmentation rules');
    await expectNoSidewaysScroll(page, 'segmentation rules');
    expect(consoleErrors).toEqual([]);
  });
});
