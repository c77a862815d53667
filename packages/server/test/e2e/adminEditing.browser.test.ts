/**
 * The administrator edits the configuration in a real browser: a routing rule (structured
 * conditions, the server's preview of where the latest contacts would move, save, the new
 * version in the history), a refused care-guarantee change (the server's problems shown, nothing
 * saved), a weekly template and a questionnaire's texts. axe on each screen; no sideways
 * scrolling at 320 px; buttons at least 44 px tall.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACT_QUESTIONNAIRE_URL } from '@ovi/domain';
import { launchChromium } from '../support/chromium';
import { expectAccessible, expectNoSidewaysScroll, logIn, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';
import { buildContactResponse } from '../../src/guidance/contactResponse';

const fi = JSON.parse(readFileSync(join(webDir, '..', 'src', 'i18n', 'fi.json'), 'utf8'));

/** No sideways scrolling at 320 px, and every visible button of the screen at least 44 px tall (at 320 px too). */
async function expectReflowAndTargets(page: Page, screen: string): Promise<void> {
  await expectNoSidewaysScroll(page, screen);
  const phone = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  const small = (await page.evaluate(`
    [...document.querySelectorAll('main button')]
      .filter((b) => b.offsetParent !== null)
      .map((b) => [b.textContent.trim(), b.getBoundingClientRect().height])
      .filter(([, h]) => h < 43.5)
      .map(([text, h]) => text + ' ' + h)
  `)) as string[];
  if (phone) await page.setViewportSize(phone);
  expect(small, `buttons under 44 px on ${screen}`).toEqual([]);
}

describe('the administrator edits the configuration in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir });
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1024, height: 900 }, locale: 'fi-FI' });
    page = await context.newPage();
    // Five back-pain contacts, so the preview has a move to count.
    const resident = await server.login('resident');
    for (let i = 0; i < 5; i += 1) {
      const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', {
        token: resident.token,
        body: buildContactResponse(resident.fhirUser, { reason: 'back-pain', 'back-red-flags': false, duration: 'weeks', severity: 6, description: 'Selkä on kipeä.', 'contact-preference': 'phone' }),
      });
      expect(sent.status).toBe(201);
    }
    admin = (await server.login('admin')).token;
    await logIn(page, server.url, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('edits a routing rule, sees where contacts would move, saves, and finds the new version in the history', async () => {
    const before = (await server.call('GET', '/api/admin/routing-rules', { token: admin })).body;
    await page.getByTestId('nav-routing-rules').click();
    await page.getByTestId('routing-rules').waitFor();
    await expect.poll(() => page.getByTestId('setting-version').textContent()).toContain(String(before.version));
    await expectAccessible(page, 'routing rules');
    await expectReflowAndTargets(page, 'routing rules');

    const row = page.locator('[data-testid="routing-rule"][data-rule-id="back-pain"]');
    await row.getByTestId('rule-edit').click();
    await page.getByTestId('rule-form').waitFor();
    // The conditions are fields: question, comparison, answers.
    expect(await page.getByTestId('when-0-question').inputValue()).toBe('reason');
    expect(await page.getByTestId('when-0-operator').inputValue()).toBe('anyOf');
    expect(await page.getByTestId('unless-0-question').inputValue()).toBe('severity');
    expect(await page.getByTestId('unless-0-operator').inputValue()).toBe('atMost');
    await expectAccessible(page, 'rule form');
    await expectReflowAndTargets(page, 'rule form');

    // A missing translation is caught by the form, named in the error summary.
    await page.getByTestId('rule-explanation-sv').fill('');
    await page.getByTestId('rule-form-done').click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary').textContent()).toContain(fi.adminEdit.problems.language);
    await expectAccessible(page, 'rule form with a problem');

    await page.getByTestId('rule-explanation-sv').fill('Ryggsmärta: en sjukskötare ringer först.');
    await page.getByTestId('rule-profession').selectOption('nurse');
    await page.getByTestId('rule-title-en').fill('Back pain: a nurse first');
    await page.getByTestId('rule-form-done').click();
    await page.getByTestId('routing-draft').waitFor();
    expect(await row.textContent()).toContain(fi.adminEdit.rules.state.changed);
    // Nothing is saved before the check.
    expect((await server.call('GET', '/api/admin/routing-rules', { token: admin })).body.version).toBe(before.version);

    await page.getByTestId('routing-check').click();
    await page.getByTestId('change-review').waitFor();
    const move = page.getByTestId('dryrun-move').filter({ hasText: fi.profession.nurse }).first();
    await move.waitFor();
    const moveText = (await move.textContent()) ?? '';
    expect(moveText).toContain(fi.profession.physiotherapist);
    expect(moveText).toMatch(/\d+ yhteydenottoa|Alle 5/);
    await expectAccessible(page, 'change preview');
    await expectReflowAndTargets(page, 'change preview');

    await page.getByTestId('change-review-confirm').click();
    await page.getByTestId('routing-saved').waitFor();
    const after = (await server.call('GET', '/api/admin/routing-rules', { token: admin })).body;
    expect(after.version).toBe(before.version + 1);
    expect(after.rules.find((r: { id: string }) => r.id === 'back-pain').then.profession).toBe('nurse');
    await expect.poll(() => page.getByTestId('setting-version').textContent()).toContain(String(after.version));
    // Who saved it comes with the history, which loads after the saved version is shown.
    await expect.poll(() => page.getByTestId('setting-version').textContent()).toContain('admin');

    await page.getByTestId('setting-version-history-link').click();
    const rows = page.getByTestId('setting-history-row');
    await rows.first().waitFor();
    expect(await rows.first().getAttribute('data-version')).toBe(String(after.version));
    expect(await rows.first().textContent()).toContain('admin');
    expect(await rows.nth(1).getAttribute('data-version')).toBe(String(before.version));
    await rows.nth(1).getByTestId('setting-history-show').click();
    await page.getByTestId('setting-history-value').waitFor();
    await expect.poll(() => page.getByTestId('setting-history-value').textContent()).toContain(fi.profession.physiotherapist);
    await expectAccessible(page, 'routing history');
    await expectReflowAndTargets(page, 'routing history');
  });

  it('shows the server’s problems for a care-guarantee change that would leave ages without a limit, and saves nothing', async () => {
    const before = (await server.call('GET', '/api/admin/care-guarantee', { token: admin })).body;
    await page.getByTestId('nav-care-guarantee').click();
    await page.getByTestId('care-guarantee').waitFor();
    await expectAccessible(page, 'care guarantee');
    await expectReflowAndTargets(page, 'care guarantee');

    // Primary care then has no limit for ages 23–29: the regional promise goes, the law's rule starts at 30.
    for (const rule of before.rules.filter((r: { kind: string; service: string }) => r.kind === 'regional' && r.service === 'primary-care')) {
      await page.locator(`[data-testid="guarantee-rule"][data-rule-id="${rule.id}"]`).getByTestId('limit-remove').click();
    }
    await page.locator('[data-testid="guarantee-rule"][data-rule-id="legal-primary-care-23-plus"]').getByTestId('limit-edit').click();
    await page.getByTestId('limit-form').waitFor();
    await expectAccessible(page, 'care-guarantee rule form');
    await page.locator('#limit-youngest').fill('30');
    await page.getByTestId('limit-form-done').click();
    await page.getByTestId('guarantee-draft').waitFor();
    await page.getByTestId('guarantee-check').click();
    const problems = page.getByTestId('change-review-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('primary-care');
    expect(await page.getByTestId('change-review-confirm').count()).toBe(0);
    await expectAccessible(page, 'refused care-guarantee change');
    await page.getByTestId('change-review-back').click();
    await page.getByTestId('guarantee-discard').click();
    expect((await server.call('GET', '/api/admin/care-guarantee', { token: admin })).body.version).toBe(before.version);
    expect((await server.call('GET', '/api/admin/care-guarantee/history', { token: admin })).body.versions).toHaveLength(1);
  });

  it('changes a weekly template and a questionnaire’s texts, each checked before saving', async () => {
    await page.getByTestId('nav-schedules').click();
    const template = page.getByTestId('schedule-template').first();
    await template.waitFor();
    const templateId = (await template.getAttribute('data-template-id')) ?? '';
    await template.getByTestId('template-version').waitFor();
    await expectAccessible(page, 'schedules');
    await template.getByTestId('template-edit').click();
    await page.getByTestId('template-form').waitFor();
    await expectAccessible(page, 'template form');
    await expectReflowAndTargets(page, 'template form');
    const blocks = await page.getByTestId('template-block').count();
    await page.getByRole('button', { name: fi.adminEdit.templates.removeBlock.replace('{{what}}', fi.adminEdit.templates.blockN.replace('{{n}}', String(blocks))) }).click();
    await page.getByTestId('template-check').click();
    await page.getByTestId('template-change-review').waitFor();
    expect(await page.getByTestId('template-change-review').textContent()).toContain(fi.adminEdit.templates.changes.removed.split(':')[0]);
    await expectAccessible(page, 'template change check');
    await page.getByTestId('template-change-review-confirm').click();
    await page.getByTestId('template-saved').waitFor();
    const templateHistory = (await server.call('GET', `/api/schedule-templates/${templateId}/history`, { token: admin })).body.versions;
    expect(templateHistory.map((v: { updatedBy: string }) => v.updatedBy)).toEqual(['admin', 'demo']);

    await page.getByTestId('nav-questionnaires').click();
    const contactForm = page.getByTestId('questionnaire').filter({ hasText: CONTACT_QUESTIONNAIRE_URL }).first();
    await contactForm.waitFor();
    await expectAccessible(page, 'questionnaires');
    await contactForm.getByTestId('questionnaire-edit').click();
    await page.getByTestId('questionnaire-form').waitFor();
    await expectAccessible(page, 'questionnaire form');
    await page.getByTestId('q-title-en').fill('Contact the health and social services centre');
    await page.getByTestId('questionnaire-check').click();
    await page.getByTestId('questionnaire-review').waitFor();
    expect(await page.getByTestId('questionnaire-review').textContent()).toContain(fi.adminEdit.langShort.en);
    await expectAccessible(page, 'questionnaire change check');
    await page.getByTestId('questionnaire-review-confirm').click();
    await contactForm.locator('[data-testid^="questionnaire-saved-"]').waitFor();
    const id = (await contactForm.getAttribute('data-questionnaire-id')) ?? '';
    const stored = (await server.call('GET', `/fhir/R4/Questionnaire/${id}`, { token: admin })).body;
    expect(JSON.stringify(stored._title)).toContain('Contact the health and social services centre');
    await contactForm.getByTestId('questionnaire-version-history-link').click();
    await contactForm.getByTestId('questionnaire-history-row').nth(1).waitFor();
    await expectAccessible(page, 'questionnaire history');
  });
});
