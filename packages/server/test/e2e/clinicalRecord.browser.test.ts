import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { apiLogin, expectAccessible, expectNoSidewaysScroll, logIn, webDir } from '../support/browserPages';
import { startTestServer, type TestServer } from '../api/oviTestServer';

/**
 * The professional's contact view shows the client's allergies (a high-risk one first and
 * marked), current conditions and vaccinations, read-only, in a real browser (decision 026).
 */
describe("the client's health record in the contact view, in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let taskId: string;

  beforeAll(async () => {
    server = await startTestServer('pglite', undefined, { webDir });
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 720 }, locale: 'fi-FI' });
    page = await context.newPage();
    // A client waiting in the guidance queue: the guidance nurse works with them.
    const tasks = await server.ovi.services.store.search({ resourceType: 'Task', filters: [{ code: 'code', kind: 'token', values: ['client-guidance'] }, { code: 'status', kind: 'token', values: ['ready'] }], sort: [], count: 1, offset: 0 });
    const task = tasks.resources[0] as any;
    taskId = task.id;
    const patient = task.for.reference as string;
    const nurse = await apiLogin(server, 'guidance');
    const write = async (type: string, body: Record<string, unknown>) => {
      const r = await server.call('POST', `/fhir/R4/${type}`, { token: nurse.token, body: { resourceType: type, ...body } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };
    await write('AllergyIntolerance', {
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
      code: { coding: [{ system: 'http://snomed.info/sct', code: '256259004' }], text: 'Koivun siitepöly' },
      criticality: 'low',
      patient: { reference: patient },
    });
    await write('AllergyIntolerance', {
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
      code: { coding: [{ system: 'http://snomed.info/sct', code: '91936005' }], text: 'Penisilliini' },
      criticality: 'high',
      patient: { reference: patient },
      reaction: [{ manifestation: [{ text: 'Anafylaksia' }] }],
    });
    await write('Condition', {
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'I10' }], text: 'Verenpainetauti' },
      subject: { reference: patient },
      onsetDateTime: '2024-03-01',
    });
    // A resolved one is history, not a current condition.
    await write('Condition', {
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'resolved' }] },
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'J01.9' }], text: 'Poskiontelotulehdus' },
      subject: { reference: patient },
    });
    await write('Immunization', {
      status: 'completed',
      vaccineCode: { coding: [{ system: 'http://www.whocc.no/atc', code: 'J07BB02' }], text: 'Influenssarokote' },
      patient: { reference: patient },
      occurrenceDateTime: '2026-10-05T13:30:00+03:00',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows allergies first with the high-risk one marked, current conditions and vaccinations', async () => {
    await logIn(page, server.url, 'guidance');
    await page.goto(`${server.url}/queue/${taskId}`);
    const record = page.getByTestId('clinical-record');
    await record.getByTestId('clinical-allergy').first().waitFor();
    const allergies = await record.getByTestId('clinical-allergy').allTextContents();
    expect(allergies).toHaveLength(2);
    expect(allergies[0]).toContain('Vakava riski');
    expect(allergies[0]).toContain('Penisilliini');
    expect(allergies[0]).toContain('Anafylaksia');
    expect(allergies[1]).toContain('Koivun siitepöly');
    expect(allergies[1]).not.toContain('Vakava riski');
    expect(await record.getByTestId('clinical-condition').allTextContents()).toEqual([expect.stringContaining('Verenpainetauti')]);
    expect(await record.getByTestId('clinical-immunization').getAttribute('data-code')).toBe('J07BB02');
    await expectAccessible(page, 'contact view with the health record');
    await expectNoSidewaysScroll(page, 'contact view with the health record');
  });
});
