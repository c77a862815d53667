/**
 * Administrators change the contact questionnaire's structure through FHIR PUT with If-Match:
 * each change is checked (its own shape, the danger-sign screen, the danger-word scan, the
 * routing rules) and tried first as a dry run; a refused change stores nothing; each saved
 * version names who saved it; a contact sent earlier keeps the version it was answered with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGED_BY_EXTENSION_URL, translationsElement } from '@ovi/domain';
import type { TestServer } from './oviTestServer';
import { BACK_PAIN, BACKENDS, contactBody, startOn } from './backends';

const ID = 'contact-request';
const PATH = `/fhir/R4/Questionnaire/${ID}`;
const texts = (fi: string) => ({ text: fi, _text: translationsElement({ fi, sv: `${fi} (sv)`, en: `${fi} (en)` }) });
const itemOf = (q: any, linkId: string) => q.item.find((i: any) => i.linkId === linkId);
const issuesOf = (body: any): string[] => body.issue.map((i: any) => i.diagnostics);

describe.each(BACKENDS)('questionnaire structure editing on %s', (backend) => {
  let server: TestServer;
  let admin: string;

  const current = async () => {
    const r = await server.call('GET', PATH, { token: admin });
    expect(r.status).toBe(200);
    return r.body;
  };
  const put = (body: unknown, version: string, token = admin) => server.call('PUT', PATH, { token, body, headers: { 'if-match': `W/"${version}"` } });
  const preview = (body: unknown, token = admin) => server.call('POST', `/api/admin/questionnaires/${ID}/preview`, { token, body });

  /** A refused change leaves the stored version as it was. */
  const expectUnchanged = async (version: string) => expect((await current()).meta.versionId).toBe(version);

  beforeAll(async () => {
    server = await startOn(backend);
    admin = (await server.login('admin')).token;
  });
  afterAll(async () => server?.close());

  it('saves a new conditional question as a new version, with who saved it, after a dry run that names it', async () => {
    const q = await current();
    const version = q.meta.versionId;
    q.item.splice(2, 0, { linkId: 'pets', type: 'boolean', required: true, enableWhen: [{ question: 'reason', operator: '=', answerCoding: { code: 'other' } }], ...texts('Onko sinulla lemmikkejä?') });
    const dry = await preview(q);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ valid: true, problems: [], currentVersion: Number(version) });
    expect(dry.body.findings).toContainEqual({ kind: 'added', linkId: 'pets' });
    await expectUnchanged(version);

    const saved = await put(q, version);
    expect(saved.status).toBe(200);
    expect(saved.body.meta.versionId).toBe(String(Number(version) + 1));
    expect(saved.body.version).toBe(saved.body.meta.versionId);
    expect(saved.body.extension).toContainEqual({ url: CHANGED_BY_EXTENSION_URL, valueString: 'admin' });
    expect(itemOf(saved.body, 'pets').enableWhen[0].question).toBe('reason');

    const history = await server.call('GET', `${PATH}/_history`, { token: admin });
    expect(history.body.entry.map((e: any) => e.resource.meta.versionId)).toContain(version);
  });

  it('refuses removing the danger-sign question, and says so per field', async () => {
    const q = await current();
    const version = q.meta.versionId;
    q.item = q.item.filter((i: any) => i.linkId !== 'danger-signs');
    const dry = await preview(q);
    expect(dry.body.valid).toBe(false);
    expect(dry.body.problems).toContainEqual(expect.objectContaining({ linkId: 'danger-signs', message: expect.stringContaining('no item "danger-signs"') }));
    const refused = await put(q, version);
    expect(refused.status).toBe(400);
    expect(refused.body.resourceType).toBe('OperationOutcome');
    expect(issuesOf(refused.body).some((m) => m.includes('no item "danger-signs"'))).toBe(true);
    expect(refused.body.issue.find((i: any) => i.diagnostics.includes('danger-signs')).expression).toContain('danger-signs');
    await expectUnchanged(version);
  });

  it('refuses moving the danger-sign question after another or making it optional', async () => {
    const q = await current();
    const version = q.meta.versionId;
    const [signs, reason, ...rest] = q.item;
    q.item = [reason, { ...signs, required: false }, ...rest];
    const refused = await put(q, version);
    expect(refused.status).toBe(400);
    expect(issuesOf(refused.body)).toEqual(expect.arrayContaining([expect.stringContaining('must stay the first question'), expect.stringContaining('must stay required')]));
    await expectUnchanged(version);
  });

  it('refuses a condition on a question that does not exist or comes later', async () => {
    const q = await current();
    const version = q.meta.versionId;
    itemOf(q, 'duration').enableWhen = [{ question: 'no-such-question', operator: 'exists', answerBoolean: true }];
    const refused = await put(q, version);
    expect(refused.status).toBe(400);
    const issue = refused.body.issue.find((i: any) => i.diagnostics.includes('no-such-question'));
    expect(issue.expression).toEqual([expect.stringMatching(/^Questionnaire\.item\[\d+\]\.enableWhen\[0\]\.question$/), 'duration']);
    await expectUnchanged(version);
  });

  it('refuses removing an answer option a routing rule names, and the dry run names the rule', async () => {
    const q = await current();
    const version = q.meta.versionId;
    const reason = itemOf(q, 'reason');
    reason.answerOption = reason.answerOption.filter((o: any) => o.valueCoding.code !== 'chest');
    q.item = q.item.filter((i: any) => i.linkId !== 'chest-severe');
    const dry = await preview(q);
    expect(dry.body.valid).toBe(false);
    expect(dry.body.problems.some((p: any) => /^Routing rule ".+" .*"chest" to "reason"/.test(p.message))).toBe(true);
    expect(dry.body.findings).toContainEqual({ kind: 'option-removed', linkId: 'reason', code: 'chest' });
    expect(dry.body.findings.some((f: any) => f.kind === 'rule-affected' && f.linkId === 'reason')).toBe(true);
    expect((await put(q, version)).status).toBe(400);
    await expectUnchanged(version);
  });

  it('refuses a change saved over someone else’s (412), from anyone but an administrator (403), and input that is not a Questionnaire', async () => {
    const q = await current();
    const version = q.meta.versionId;
    itemOf(q, 'severity').required = true;
    const stale = await put(q, String(Number(version) - 1));
    expect(stale.status).toBe(412);
    for (const username of ['guidance', 'manager', 'resident']) {
      const token = (await server.login(username)).token;
      expect((await put(q, version, token)).status).toBe(403);
      expect((await preview(q, token)).status).toBe(403);
    }
    expect((await preview({ resourceType: 'Patient', id: ID })).status).toBe(400);
    expect((await preview({ ...q, id: 'other' })).status).toBe(400);
    expect((await preview({ ...q, item: 'not a list' })).status).toBe(400);
    await expectUnchanged(version);
  });

  it('keeps an old contact with the version it was answered with, whose question texts still read', async () => {
    const resident = await server.login('resident');
    const before = await current();
    const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
    expect(sent.status).toBe(201);
    expect(sent.body.questionnaire).toBe(`${before.url}|${before.version}`);

    // The contact-preference question is reworded into a new one: the old contact's answer still reads with its own version.
    const q = structuredClone(before);
    const index = q.item.findIndex((i: any) => i.linkId === 'contact-preference');
    q.item[index] = { ...q.item[index], linkId: 'how-to-reach', ...texts('Miten tavoitamme sinut?') };
    const saved = await put(q, before.meta.versionId);
    expect(saved.status).toBe(200);

    const guidance = (await server.login('guidance')).token;
    const old = await server.call('GET', `/fhir/R4/QuestionnaireResponse/${sent.body.id}`, { token: guidance, headers: { 'x-access-reason': 'Tarkistan vanhan yhteydenoton' } });
    expect(old.status).toBe(200);
    const [, answeredVersion] = old.body.questionnaire.split('|');
    const answeredWith = await server.call('GET', `${PATH}/_history/${answeredVersion}`, { token: guidance });
    expect(answeredWith.status).toBe(200);
    expect(itemOf(answeredWith.body, 'contact-preference').text).toBe(itemOf(before, 'contact-preference').text);
    expect(itemOf(await current(), 'contact-preference')).toBeUndefined();

    // A new contact is answered with the new version.
    const body = contactBody(resident.fhirUser, { ...BACK_PAIN, 'contact-preference': undefined, 'how-to-reach': 'phone' });
    const phone = itemOf(before, 'contact-preference').answerOption[0].valueCoding;
    body.item!.find((i) => i.linkId === 'how-to-reach')!.answer = [{ valueCoding: { system: phone.system, code: phone.code } }];
    const fresh = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body });
    expect(fresh.status).toBe(201);
    expect(fresh.body.questionnaire).toBe(`${before.url}|${saved.body.version}`);
  });
  it('takes a contact answered with the version the resident opened after an administrator saved a new required question, with the danger-sign screen and word scan still applied', async () => {
    const resident = await server.login('resident');
    const opened = await current();
    const answeredWith = `${opened.url}|${opened.version}`;
    const q = structuredClone(opened);
    q.item.push({ linkId: 'allergies', type: 'boolean', required: true, ...texts('Onko sinulla allergioita?') });
    const saved = await put(q, opened.meta.versionId);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    // Answers to the version opened (an earlier test may have reworded the contact preference as "how-to-reach").
    const answersTo = (answers: Record<string, unknown>) => {
      const body = contactBody(resident.fhirUser, answers as never);
      const preference = body.item!.find((i) => i.linkId === 'contact-preference');
      if (preference && !itemOf(opened, 'contact-preference')) preference.linkId = 'how-to-reach';
      return body;
    };
    const send = (answers: Record<string, unknown>, questionnaire = answeredWith) =>
      server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: { ...answersTo(answers), questionnaire } });
    const taskOf = async (sent: { status: number; body: any; headers: Headers }) => {
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      return (await server.call('GET', `/fhir/R4/${sent.headers.get('x-ovi-task')}`, { token: resident.token })).body;
    };
    const urgencyOf = (task: any) => task.input.find((i: any) => i.type.coding[0].code === 'urgency').valueCode;

    const sent = await send(BACK_PAIN);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.questionnaire).toBe(answeredWith);
    expect(sent.headers.get('x-ovi-task')).toMatch(/^Task\//);
    expect(urgencyOf(await taskOf(sent))).toBeDefined();

    // Whatever the version, a danger sign and danger words in the text raise the contact.
    const sign = await taskOf(await send({ ...BACK_PAIN, 'danger-signs': ['chest'] }));
    expect(urgencyOf(sign)).toBe('emergent');
    const words = await taskOf(await send({ ...BACK_PAIN, description: 'Äidin toinen puoli kasvoista roikkuu ja puhe sammaltaa.' }));
    expect(urgencyOf(words)).toBe('emergent');

    // The current version still asks its new question, and a version never saved is refused.
    const withoutNew = await send(BACK_PAIN, opened.url);
    expect(withoutNew.status).toBe(400);
    expect(JSON.stringify(withoutNew.body)).toContain('allergies');
    const unknown = await send(BACK_PAIN, `${opened.url}|999`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.issue[0].diagnostics).toContain('Unknown questionnaire version');
  });
});
