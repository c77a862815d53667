/**
 * The administrator adds a question to the contact form in a real browser: a yes/no question
 * shown only when the matter is "something else", with its texts in three languages; the check
 * shows the server's findings and the resident's form in Swedish before saving; the resident's
 * form then asks it only when the condition holds. axe on each screen.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACT_QUESTIONNAIRE_URL } from '@ovi/domain';
import { launchChromium } from '../support/chromium';
import { choose, expectAccessible, logIn, logOut, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';

const fi = JSON.parse(readFileSync(join(webDir, '..', 'src', 'i18n', 'fi.json'), 'utf8'));
const PETS = { fi: 'Onko kotonasi lemmikkejä?', sv: 'Har du husdjur hemma?', en: 'Do you have pets at home?' };

describe('the administrator changes the contact form’s questions in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir });
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1024, height: 900 }, locale: 'fi-FI' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds a question with a condition, previews it in Swedish, saves, and the resident is asked it when the condition holds', async () => {
    await logIn(page, server.url, 'admin');
    await page.getByTestId('nav-questionnaires').click();
    const contactForm = page.getByTestId('questionnaire').filter({ hasText: CONTACT_QUESTIONNAIRE_URL }).first();
    await contactForm.getByTestId('questionnaire-structure-edit').click();
    await page.getByTestId('qs-form').waitFor();
    await expectAccessible(page, 'questionnaire structure form');

    await page.getByTestId('qs-add-question').click();
    const added = page.getByTestId('qs-item').last();
    await added.getByTestId('qs-linkid').fill('pets');
    await added.getByTestId('qs-type').selectOption('boolean');
    await added.getByTestId('qs-required').check();
    for (const lang of ['fi', 'sv', 'en'] as const) await added.getByTestId(`qs-text-${lang}`).fill(PETS[lang]);
    await added.getByTestId('qs-add-condition').click();
    await added.getByTestId('qs-condition-question').selectOption('reason');
    await added.getByTestId('qs-condition-value').selectOption('other');
    await expectAccessible(page, 'questionnaire structure form with a new question');

    await page.getByTestId('qs-check').click();
    await page.getByTestId('qs-review').waitFor();
    expect(await page.getByTestId('qs-findings').textContent()).toContain(fi.questionnaireStructure.findings.added.replace('{{question}}', PETS.fi));
    await page.getByTestId('qs-preview-lang').getByLabel(fi.adminEdit.lang.sv).check();
    const swedish = page.getByTestId('qs-preview-sv');
    await swedish.waitFor();
    expect(await swedish.getByTestId('answer-pets').count()).toBe(0);
    await swedish.getByTestId('answer-reason').locator('input[value="other"]').check();
    await swedish.getByTestId('answer-pets').waitFor();
    expect(await swedish.getByTestId('answer-pets').textContent()).toContain(PETS.sv);
    await expectAccessible(page, 'questionnaire structure check with the Swedish preview');

    await page.getByTestId('qs-review-confirm').click();
    await contactForm.locator('[data-testid^="questionnaire-saved-"]').waitFor();
    const id = (await contactForm.getAttribute('data-questionnaire-id')) ?? '';
    const admin = (await server.login('admin')).token;
    const stored = (await server.call('GET', `/fhir/R4/Questionnaire/${id}`, { token: admin })).body;
    expect(stored.item.find((i: { linkId: string }) => i.linkId === 'pets')).toMatchObject({ type: 'boolean', required: true, enableWhen: [{ question: 'reason', operator: '=' }] });
    await contactForm.getByTestId('questionnaire-version-history-link').click();
    await contactForm.getByTestId('questionnaire-history-row').nth(1).waitFor();
    expect(await contactForm.getByTestId('questionnaire-history-row').first().textContent()).toContain('admin');
    await logOut(page);

    await logIn(page, server.url, 'resident');
    await page.getByTestId('nav-send-contact').click();
    await page.getByTestId('danger-sign-none').check();
    await page.getByTestId('questionnaire-form').waitFor();
    await choose(page, 'reason', 'back-pain');
    expect(await page.getByTestId('answer-pets').count()).toBe(0);
    await choose(page, 'reason', 'other');
    await page.getByTestId('answer-pets').waitFor();
    expect(await page.getByTestId('answer-pets').textContent()).toContain(PETS.fi);
    await expectAccessible(page, 'contact form with the new question');
  });
});
