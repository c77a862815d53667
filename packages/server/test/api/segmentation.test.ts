import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResource } from '@medplum/core';
import { CLIENT_RESOURCES_QUESTIONNAIRE_URL, DEFAULT_SEGMENTATION_SETTINGS, ORDINAL_VALUE_EXTENSION_URL, PROFESSIONAL_DEMAND_QUESTIONNAIRE_URL, SEGMENTATION_SYSTEMS, clientResourcesQuestionnaire, professionalDemandQuestionnaire } from '@ovi/domain';
import type { TestServer } from './oviTestServer';
import { BACKENDS, CHEST_SEVERE, contactBody, countNonAudit, startOn } from './backends';
import { patient, store, task } from './segmentationFixture';

const NOW = new Date('2026-11-25T09:00:00+02:00');
const AINO = 'Patient/p-aino-nieminen';
const OLD = 'Patient/p-seg-old';

/** Answers choosing option `pick` of every question (0 = first). */
function answers(q: typeof clientResourcesQuestionnaire, subject: string, pick: number, extra: Record<string, unknown> = {}) {
  return {
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    questionnaire: q.url,
    subject: { reference: subject },
    item: (q.item ?? []).map((i) => ({ linkId: i.linkId, answer: [{ valueCoding: { system: i.answerOption?.[pick]?.valueCoding?.system, code: i.answerOption?.[pick]?.valueCoding?.code } }] })),
    ...extra,
  };
}

describe.each(BACKENDS)('segmentation on %s', (backend) => {
  let server: TestServer;
  let resident: string;
  let parent: { token: string; fhirUser: string };
  let physician: string;
  let physio: string;
  let admin: string;
  let manager: string;
  const segment = (token: string, id = 'p-aino-nieminen', body: unknown = { resourceType: 'Parameters' }) => server.call('POST', `/fhir/R4/Patient/${id}/$segment`, { token, body });
  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    server = await startOn(backend, { clockStart: NOW });
    resident = (await server.login('resident')).token;
    parent = await server.login('parent');
    physician = (await server.login('physician')).token;
    physio = (await server.login('physio')).token;
    admin = (await server.login('admin')).token;
    manager = (await server.login('manager')).token;
    // The physician works with Aino (an open matter owned by the physician) and with the old-answers client.
    await store(server, [
      task('seg-aino-work', AINO, { at: NOW, daysAgo: 1, service: 'primary-care', open: true, owner: 'Practitioner/pr-mikko-rautio' }),
      patient('p-seg-old', 'Vanha'),
      task('seg-old-work', OLD, { at: NOW, daysAgo: 1, service: 'primary-care', open: true, owner: 'Practitioner/pr-mikko-rautio' }),
      { ...(answers(clientResourcesQuestionnaire, OLD, 0) as any), id: 'seg-old-answer', authored: new Date(NOW.getTime() - 100 * 86_400_000).toISOString(), author: { reference: OLD } },
    ]);
  });
  afterAll(async () => server?.close());

  it('serves both questionnaires as valid R4, every scored option with an ordinalValue', async () => {
    for (const url of [CLIENT_RESOURCES_QUESTIONNAIRE_URL, PROFESSIONAL_DEMAND_QUESTIONNAIRE_URL]) {
      const r = await server.call('GET', `/fhir/R4/Questionnaire?url=${encodeURIComponent(url)}`, { token: resident });
      expect(r.status).toBe(200);
      const q = r.body.entry[0].resource;
      expect(() => validateResource(q)).not.toThrow();
      for (const item of q.item) for (const option of item.answerOption) expect(option.extension.find((e: any) => e.url === ORDINAL_VALUE_EXTENSION_URL).valueDecimal).toEqual(expect.any(Number));
    }
  });

  it('without answers, $segment is a 422 naming both missing assessments, and stores nothing', async () => {
    const before = await countNonAudit(server);
    const r = await segment(physician);
    expect(r.status).toBe(422);
    expect(r.body.resourceType).toBe('OperationOutcome');
    expect(r.body.issue.map((i: any) => i.diagnostics)).toEqual([expect.stringMatching(/Missing the client's own assessment/), expect.stringMatching(/Missing the professional's assessment/)]);
    expect(await countNonAudit(server)).toBe(before);
  });

  it('each side answers only its own form: the client about themself, the professional within a relationship', async () => {
    const before = await countNonAudit(server);
    expect((await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: physician, body: answers(clientResourcesQuestionnaire, AINO, 0) })).status).toBe(403);
    expect((await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident, body: answers(professionalDemandQuestionnaire, AINO, 0) })).status).toBe(403);
    // Another resident's id: as if it did not exist.
    expect((await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident, body: answers(clientResourcesQuestionnaire, parent.fhirUser, 0) })).status).toBe(404);
    // A professional without a relationship with the client.
    expect((await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: physio, body: answers(professionalDemandQuestionnaire, AINO, 0) })).status).toBe(403);
    // Unknown answer code, a missing answer, wrong status.
    const bad = answers(clientResourcesQuestionnaire, AINO, 0);
    bad.item[0]!.answer[0]!.valueCoding.code = 'brilliantly';
    const unknown = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident, body: bad });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issue[0].expression).toEqual(['daily-life']);
    const missing = answers(clientResourcesQuestionnaire, AINO, 0);
    missing.item.pop();
    expect((await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident, body: missing })).status).toBe(400);
    expect((await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident, body: answers(clientResourcesQuestionnaire, AINO, 0, { status: 'in-progress' }) })).status).toBe(400);
    expect(await countNonAudit(server)).toBe(before);
  });

  it('the client’s answer alone: $segment names the professional’s as missing', async () => {
    const own = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident, body: answers(clientResourcesQuestionnaire, AINO, 0) });
    expect(own.status).toBe(201);
    expect(own.body.author.reference).toBe(AINO);
    expect(own.headers.get('x-ovi-task')).toBeNull();
    const r = await segment(physician);
    expect(r.status).toBe(422);
    expect(r.body.issue).toHaveLength(1);
    expect(r.body.issue[0].diagnostics).toMatch(/Missing the professional's assessment/);
  });

  it('strong resources and a light health state: self-acting, derived from both answers, valid R4', async () => {
    const prof = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: physician, body: answers(professionalDemandQuestionnaire, AINO, 0) });
    expect(prof.status).toBe(201);
    const r = await segment(physician);
    expect(r.status).toBe(201);
    const obs = r.body;
    expect(() => validateResource(obs)).not.toThrow();
    expect(obs.valueCodeableConcept.coding[0]).toMatchObject({ system: SEGMENTATION_SYSTEMS.segment, code: 'self-acting', display: 'Omatoimiasiakkuus' });
    expect(obs.derivedFrom).toHaveLength(2);
    expect(obs.derivedFrom[1].reference).toBe(`QuestionnaireResponse/${prof.body.id}`);
    expect(obs.derivedFrom[0].reference).toMatch(/^QuestionnaireResponse\/.+/);
    expect(obs.component.map((c: any) => c.valueQuantity.value)).toEqual([3, 0]);
    expect(obs.subject.reference).toBe(AINO);
    expect(obs.meta.security).toEqual([expect.objectContaining({ code: 'health' })]);
  });

  it('weak resources and a demanding state: network; a changed mapping changes the segment of the same answers', async () => {
    expect((await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident, body: answers(clientResourcesQuestionnaire, AINO, 3) })).status).toBe(201);
    expect((await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: physician, body: answers(professionalDemandQuestionnaire, AINO, 3) })).status).toBe(201);
    expect((await segment(physician)).body.valueCodeableConcept.coding[0].code).toBe('network');
    // An administrator maps the weak-and-demanding cell to community (a test of the data, not advice).
    const current = await server.call('GET', '/api/admin/segmentation', { token: admin });
    expect(current.body.mapping.weakDemanding).toBe('network');
    const changed = { ...current.body, mapping: { ...current.body.mapping, weakDemanding: 'community' } };
    const saved = await server.call('PUT', '/api/admin/segmentation', { token: admin, body: changed, headers: { ...json, 'if-match': `W/"${current.body.version}"` } });
    expect(saved.status).toBe(200);
    const again = await segment(physician);
    expect(again.body.valueCodeableConcept.coding[0].code).toBe('community');
    expect(again.body.method.text).toContain(`version ${saved.body.version}`);
    // Back to the defaults for the tests that follow.
    await server.call('PUT', '/api/admin/segmentation', { token: admin, body: DEFAULT_SEGMENTATION_SETTINGS, headers: json });
  });

  it('a setting that does not hold together is refused with the field named, and nothing changes', async () => {
    const before = await server.call('GET', '/api/admin/segmentation', { token: admin });
    const bad = await server.call('PUT', '/api/admin/segmentation', { token: admin, body: { ...before.body, mapping: { ...before.body.mapping, weakLight: 'vip' }, demandingFrom: 'high' }, headers: json });
    expect(bad.status).toBe(400);
    expect(bad.body.issue.map((i: any) => i.expression?.[0])).toEqual(expect.arrayContaining(['demandingFrom', 'mapping.weakLight']));
    const dry = await server.call('PUT', '/api/admin/segmentation?dryRun=true', { token: admin, body: { ...before.body, maxAnswerAgeDays: 0 }, headers: json });
    expect(dry.body).toMatchObject({ valid: false, problems: ['maxAnswerAgeDays: a whole number of days from 1 to 3650'] });
    expect((await server.call('GET', '/api/admin/segmentation', { token: admin })).body.version).toBe(before.body.version);
    expect((await server.call('PUT', '/api/admin/segmentation', { token: physician, body: before.body, headers: json })).status).toBe(403);
    const history = await server.call('GET', '/api/admin/segmentation/history', { token: admin });
    expect(history.body.versions.length).toBeGreaterThanOrEqual(2);
  });

  it('a stale pair: says which answer is too old', async () => {
    expect((await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: physician, body: answers(professionalDemandQuestionnaire, OLD, 1) })).status).toBe(201);
    const r = await segment(physician, 'p-seg-old');
    expect(r.status).toBe(422);
    expect(r.body.issue.map((i: any) => i.diagnostics)).toEqual([
      expect.stringMatching(/client's own assessment of their resources is 100 days old; at most 90/),
      expect.stringMatching(/two assessments are 100 days apart; at most 30/),
    ]);
  });

  it('$segment: only professionals, only within a relationship, a Parameters body', async () => {
    expect((await segment(resident)).status).toBe(403);
    expect((await segment(manager)).status).toBe(403);
    expect((await segment(physio)).status).toBe(403);
    expect((await segment(physician, 'p-aino-nieminen', { resourceType: 'Parameters', parameter: [{ name: 'segment', valueCode: 'self-acting' }] })).status).toBe(400);
    expect((await segment(physician, 'p-aino-nieminen', { resourceType: 'Patient' })).status).toBe(400);
  });

  it('the segment history: the client sees their own with the care path; the professional also where the answers stand', async () => {
    const own = await server.call('GET', '/api/segmentation/patients/p-aino-nieminen?lang=en', { token: resident });
    expect(own.status).toBe(200);
    expect(own.body.history.map((h: any) => h.segment)).toEqual(['community', 'network', 'self-acting']);
    expect(own.body.latest).toMatchObject({ segment: 'community', label: 'Community client', carePath: DEFAULT_SEGMENTATION_SETTINGS.carePaths.community.en });
    expect(own.body.assessments).toBeUndefined();
    const staff = await server.call('GET', '/api/segmentation/patients/p-aino-nieminen', { token: physician });
    expect(staff.body.latest.label).toBe('Yhteisöasiakkuus');
    expect(staff.body.assessments.problems).toEqual([]);
    expect(staff.body.assessments.client.authored).toBeTruthy();
    expect((await server.call('GET', '/api/segmentation/patients/p-aino-nieminen', { token: physio })).status).toBe(403);
    expect((await server.call('GET', '/api/segmentation/patients/p-aino-nieminen', { token: parent.token })).status).toBe(404);
    expect((await server.call('GET', '/api/segmentation/patients/p-aino-nieminen', { token: manager })).status).toBe(403);
    expect((await server.call('GET', '/api/segmentation/patients/p-aino-nieminen?lang=de', { token: resident })).status).toBe(400);
  });

  it('H21: a segment never changes the urgency of a contact (the same answers get the same urgency)', async () => {
    const segmented = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident, body: contactBody(AINO, CHEST_SEVERE) });
    const control = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: parent.token, body: contactBody(parent.fhirUser, CHEST_SEVERE) });
    expect(segmented.status).toBe(201);
    const taskOf = async (ref: string | null) => (await server.ovi.services.store.read('Task', String(ref).replace('Task/', ''))) as any;
    const [a, b] = [await taskOf(segmented.headers.get('x-ovi-task')), await taskOf(control.headers.get('x-ovi-task'))];
    expect(a.priority).toBe(b.priority);
    expect(a.input.find((i: any) => i.type.coding[0].code === 'urgency').valueCode).toBe(b.input.find((i: any) => i.type.coding[0].code === 'urgency').valueCode);
  });
});
