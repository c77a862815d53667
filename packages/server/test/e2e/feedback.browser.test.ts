import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { apiLogin, expectAccessible, expectNoSidewaysScroll, logIn, webDir, consoleLine } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';
import { startSmtp } from '../support/smtpSink';

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const KANNUS = 'Location/loc-station-kannus';
const FREE_TEXT = 'Vastaanotolla oli kiire, mutta minua kuunneltiin.';

describe('client feedback in a real browser', () => {
  let server: TestServer;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let browser: Browser;
  let resident: { token: string; fhirUser: string };
  let physician: { token: string; fhirUser: string };

  /** A Kannus visit of the resident with the physician, begun 10 minutes ago and marked realised. */
  const realisedVisit = async (): Promise<string> => {
    const start = new Date(Date.now() - 10 * 60_000);
    const id = randomUUID();
    await server.ovi.services.store.createMany([
      {
        resourceType: 'Appointment',
        id,
        status: 'booked',
        start: start.toISOString(),
        end: new Date(start.getTime() + 30 * 60_000).toISOString(),
        meta: { security: [{ system: 'https://fhir.ovi.fi/CodeSystem/register', code: 'health' }] },
        serviceType: [{ coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/visit-type', code: 'physician-visit' }] }],
        specialty: [{ coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/profession', code: 'physician' }] }],
        participant: [
          { actor: { reference: resident.fhirUser }, status: 'accepted' },
          { actor: { reference: physician.fhirUser }, status: 'accepted' },
          { actor: { reference: KANNUS }, status: 'accepted' },
        ],
      } as any,
    ]);
    const r = await server.call('POST', `/fhir/R4/Appointment/${id}/$outcome`, { token: physician.token, body: { resourceType: 'Parameters', parameter: [{ name: 'outcome', valueCode: 'fulfilled' }] } });
    expect(r.status).toBe(200);
    return `Appointment/${id}`;
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startTestServer('pglite', undefined, { webDir, smtpUrl: smtp.url });
    browser = await launchChromium();
    resident = await apiLogin(server, 'resident');
    physician = await apiLogin(server, 'physician');
    // Nineteen earlier answers in Kannus: 9 promoters, 5 passives, 5 detractors.
    for (const recommend of [...Array(9).fill(10), ...Array(5).fill(8), ...Array(5).fill(3)] as number[]) {
      const visit = await realisedVisit();
      const id = (await server.ovi.services.db.query<{ id: string }>('SELECT id FROM feedback_invitation WHERE visit = $1', [visit])).rows[0]?.id;
      const r = await server.call('POST', `/api/feedback/pending/${id}`, { token: resident.token, body: { recommend, statements: { safety: recommend > 5 ? '5' : '2' } } });
      expect(r.status).toBe(201);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('the resident answers on a phone from the e-mailed link, without logging in', async () => {
    // The earlier visits' e-mails go out after each commit; once all are in, the next one is the new visit's.
    await expect.poll(() => smtp.received.filter((m) => m.raw.includes('/feedback/')).length).toBe(19);
    const before = smtp.received.length;
    await realisedVisit();
    await expect.poll(() => smtp.received.slice(before).filter((m) => m.raw.includes('/feedback/')).length).toBe(1);
    const raw = smtp.received.slice(before).find((m) => m.raw.includes('/feedback/'))?.raw.replace(/=\r?\n/g, '') ?? '';
    const link = /https?:\/\/[^\s]+\/feedback\/([A-Za-z0-9_-]{43})/.exec(raw);
    expect(link).not.toBeNull();

    const context = await browser.newContext({ bypassCSP: true, viewport: PHONE, locale: 'fi-FI', hasTouch: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(consoleLine(m)));
    await page.goto(link?.[0] ?? '');
    await page.getByTestId('feedback-form').waitFor();
    expect(await page.getByTestId('logout').count()).toBe(0);
    expect(await page.getByTestId('feedback-where').textContent()).toContain('Kannuksen terveysasema');
    // Every choice of the 0–10 scale is a radio button with a target of at least 44 × 44 px.
    const radios = page.getByTestId('feedback-recommend').getByRole('radio');
    expect(await radios.count()).toBe(11);
    for (const score of [0, 5, 10]) {
      const box = await page.locator(`label[for="recommend-${score}"]`).boundingBox();
      expect(box?.width).toBeGreaterThanOrEqual(44);
      expect(box?.height).toBeGreaterThanOrEqual(44);
    }
    await expectAccessible(page, 'the feedback survey at 390 px');
    await expectNoSidewaysScroll(page, 'the feedback survey');
    // Sending without the 0–10 answer says what is missing and stores nothing.
    await page.getByTestId('feedback-send').click();
    await page.getByRole('alert').filter({ hasText: '0–10' }).waitFor();
    await page.getByRole('radio', { name: '10', exact: true }).check();
    await page.getByTestId('feedback-statement-safety').getByText('Täysin samaa mieltä').click();
    await page.getByLabel('Mitä muuta haluat kertoa?').fill(FREE_TEXT);
    await page.getByTestId('feedback-send').click();
    await page.getByTestId('feedback-thanks').waitFor();
    await expectAccessible(page, 'the thanks after answering');
    // The same link again: answered already.
    await page.goto(link?.[0] ?? '');
    await page.getByTestId('feedback-closed').waitFor();
    expect(errors.filter((e) => !e.includes('409'))).toEqual([]);
    await context.close();
  });

  it('the feedback person sees the result once there are enough answers and handles the free text', async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: LAPTOP, locale: 'fi-FI' });
    const page = await context.newPage();
    await logIn(page, server.url, 'physician');
    await page.getByTestId('nav-feedback-results').click();
    await page.getByTestId('feedback-statements').waitFor();
    // 10 promoters, 5 passives, 5 detractors: NPS 25 of 20 answers.
    await expect.poll(() => page.getByTestId('feedback-nps').textContent()).toContain('25');
    expect(await page.getByTestId('feedback-answers').textContent()).toContain('20');
    const text = page.getByTestId('feedback-free-text').filter({ hasText: FREE_TEXT });
    await text.waitFor();
    await expectAccessible(page, 'the feedback results');
    await text.getByTestId('feedback-mark-handled').click();
    await page.getByTestId('feedback-free-text').filter({ hasText: FREE_TEXT }).getByTestId('feedback-handled').waitFor();
    await page.setViewportSize(PHONE);
    await expectAccessible(page, 'the feedback results at 390 px');
    await expectNoSidewaysScroll(page, 'the feedback results');
    await context.close();
  });
});
