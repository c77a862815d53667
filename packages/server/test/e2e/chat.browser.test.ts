/**
 * The live chat in Debian's Chromium, two pages at once: a resident on a 390 px phone, not
 * logged in, opens the health-advice chat and sees their place in the queue; the guidance
 * nurse on a desktop takes the next chat in her console; they write to each other, each sees
 * the other typing; the resident's danger words bring the 112 advice at once and flag the
 * chat for the nurse; the nurse closes it with an outcome and the resident sees the closing
 * note. Every screen passes axe, and the resident's reflows at 320 px.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { expectAccessible, expectNoSidewaysScroll, logIn, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';

// Tuesday 1 December 2026, 10:00 in Helsinki: the chat services are open.
const CLOCK = new Date('2026-12-01T10:00:00+02:00');

describe('the live chat in two browser pages', () => {
  let server: TestServer;
  let browser: Browser;
  let resident: Page;
  let nurse: Page;

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir, clockStart: CLOCK });
    browser = await launchChromium();
    resident = await (await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, locale: 'fi-FI' })).newPage();
    nurse = await (await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'fi-FI' })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the resident opens a chat without logging in and waits first in the queue', async () => {
    await resident.goto(server.url);
    await resident.getByTestId('chat-link').click();
    await resident.getByTestId('chat-start').waitFor();
    await expectAccessible(resident, 'chat start');
    await expectNoSidewaysScroll(resident, 'chat start');
    await resident.getByTestId('chat-service-health-guidance').check();
    await resident.getByTestId('chat-topic').fill('Lapsen kuume');
    await resident.getByTestId('chat-open').click();
    await resident.getByTestId('chat-room').waitFor();
    await expect.poll(() => resident.getByTestId('chat-status').textContent(), { timeout: 15_000 }).toBe('Olet jonossa ensimmäisenä.');
    await expectAccessible(resident, 'chat waiting');
    await expectNoSidewaysScroll(resident, 'chat waiting');
  });

  it('the nurse takes it in her console and they talk, each seeing the other type', async () => {
    await logIn(nurse, server.url, 'guidance');
    await nurse.goto(`${server.url}/chat-console`);
    await nurse.getByTestId('chat-console-service').selectOption('health-guidance');
    await nurse.getByTestId('chat-take-next').click();
    const panel = nurse.getByTestId('chat-panel');
    await panel.waitFor();
    await expect.poll(() => panel.getByTestId('chat-line').allTextContents(), { timeout: 15_000 }).toContainEqual(expect.stringContaining('Lapsen kuume'));
    await expect.poll(() => resident.getByTestId('chat-status').textContent(), { timeout: 15_000 }).toBe('Hanna Hoitaja on mukana keskustelussa.');
    await expectAccessible(nurse, 'chat console');

    await panel.getByTestId('chat-text').pressSequentially('Kuinka ');
    await expect.poll(() => resident.getByTestId('chat-typing').textContent(), { timeout: 15_000 }).toBe('Ammattilainen kirjoittaa…');
    await panel.getByTestId('chat-text').fill('Kuinka korkea kuume on?');
    await panel.getByTestId('chat-send').click();
    await expect.poll(() => resident.getByTestId('chat-line').allTextContents(), { timeout: 15_000 }).toContainEqual(expect.stringContaining('Kuinka korkea kuume on?'));

    await resident.getByTestId('chat-text').pressSequentially('Kolmek');
    await expect.poll(() => panel.getByTestId('chat-typing').textContent(), { timeout: 15_000 }).toBe('Asiakas kirjoittaa…');
    await resident.getByTestId('chat-text').fill('Kolmekymmentäyhdeksän astetta.');
    await resident.getByTestId('chat-text').press('Enter');
    await expect.poll(() => panel.getByTestId('chat-line').allTextContents(), { timeout: 15_000 }).toContainEqual(expect.stringContaining('Kolmekymmentäyhdeksän astetta.'));
    await expectAccessible(resident, 'chat in progress');
    await expectNoSidewaysScroll(resident, 'chat in progress');
  });

  it('danger words bring the 112 advice at once and flag the chat; the nurse closes it with an outcome', async () => {
    await resident.getByTestId('chat-text').fill('Nyt minulla on puristava kipu rinnassa');
    await resident.getByTestId('chat-send').click();
    await resident.getByTestId('chat-advice').waitFor({ timeout: 15_000 });
    expect(await resident.getByTestId('chat-call-112').getAttribute('href')).toBe('tel:112');
    const panel = nurse.getByTestId('chat-panel');
    await panel.getByTestId('chat-flagged').waitFor({ timeout: 15_000 });
    await expectAccessible(resident, 'chat advice');
    await expectAccessible(nurse, 'flagged chat');

    await panel.getByTestId('chat-outcome').selectOption('emergency');
    await panel.getByTestId('chat-note').fill('Soita heti 112. Ambulanssi on oikea apu nyt.');
    await panel.getByTestId('chat-close').click();
    await resident.getByTestId('chat-ended').waitFor({ timeout: 15_000 });
    expect(await resident.getByTestId('chat-closing-note').textContent()).toBe('Soita heti 112. Ambulanssi on oikea apu nyt.');
    await panel.getByTestId('chat-panel-remove').waitFor({ timeout: 15_000 });
    await expectAccessible(resident, 'chat ended');
    await expectNoSidewaysScroll(resident, 'chat ended');
  });

  it('a logged-in resident reads the transcript afterwards under the chat, not among the message threads', async () => {
    await logIn(resident, server.url, 'resident');
    await resident.goto(`${server.url}/chat`);
    // The tab's previous chat has ended: coming back to it says so and offers a new one.
    await expect.poll(() => resident.getByTestId('chat-status').textContent(), { timeout: 15_000 }).toBe('Tähän keskusteluun ei saada enää yhteyttä: se on ehkä päättynyt.');
    await resident.getByTestId('chat-new').click();
    await resident.getByTestId('chat-start').waitFor();
    expect(await resident.getByTestId('chat-login-note').textContent()).toContain('Olet kirjautunut');
    await resident.getByTestId('chat-service-family-centre').check();
    await resident.getByTestId('chat-topic').fill('Neuvolakäynnin siirto');
    await resident.getByTestId('chat-open').click();
    await resident.getByTestId('chat-room').waitFor();

    const nurse2 = nurse;
    await nurse2.getByTestId('chat-console-service').selectOption('family-centre');
    await nurse2.getByTestId('chat-take-next').click();
    const panel = nurse2.getByTestId('chat-panel').filter({ hasText: 'Neuvolakäynnin siirto' });
    await panel.waitFor();
    await panel.getByTestId('chat-text').fill('Siirretään ensi viikolle.');
    await panel.getByTestId('chat-send').click();
    await expect.poll(() => resident.getByTestId('chat-line').allTextContents(), { timeout: 15_000 }).toContainEqual(expect.stringContaining('Siirretään ensi viikolle.'));
    await panel.getByTestId('chat-outcome').selectOption('solved');
    await panel.getByTestId('chat-note').fill('Uusi aika tulee viestillä.');
    await panel.getByTestId('chat-close').click();
    await resident.getByTestId('chat-ended').waitFor({ timeout: 15_000 });

    await resident.getByRole('button', { name: 'Aloita uusi keskustelu' }).click();
    await resident.getByTestId('my-chats').waitFor({ timeout: 15_000 });
    await resident.getByTestId('my-chat').first().click();
    await expect.poll(() => resident.getByTestId('my-chats').getByTestId('chat-line').allTextContents(), { timeout: 15_000 }).toEqual([
      expect.stringContaining('Neuvolakäynnin siirto'),
      expect.stringContaining('Siirretään ensi viikolle.'),
      expect.stringContaining('Uusi aika tulee viestillä.'),
    ]);
    await expectAccessible(resident, 'earlier chats');
    await expectNoSidewaysScroll(resident, 'earlier chats');
    await resident.getByTestId('nav-messages').click({ force: true }).catch(() => resident.goto(`${server.url}/messages`));
    await resident.getByTestId('new-message-form').waitFor();
    expect(await resident.locator('body').textContent()).not.toContain('Siirretään ensi viikolle.');
  });
});
