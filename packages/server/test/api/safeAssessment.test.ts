/**
 * Safe need assessment from outside: danger signs first, nobody left waiting out of hours,
 * the professional's assessment on record, a child's matter on the child, configuration that
 * cannot fail a contact. The clock is a Sunday evening in Helsinki (OVI_CLOCK), when the
 * guidance queue (Mon–Fri 8–16) is closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './oviTestServer';
import { BACKENDS, BACK_PAIN, contactBody, startOn } from './backends';

const SUNDAY_EVENING = new Date('2026-11-29T19:30:00+02:00');
const MONDAY_OPENING = '2026-11-30T06:00:00.000Z'; // Mon 30.11. 08:00 Helsinki

const input = (task: any, code: string) => task.input.find((i: any) => i.type.coding[0].code === code);
const inputs = (task: any, code: string) => task.input.filter((i: any) => i.type.coding[0].code === code);
const noteKinds = (task: any) => (task.note ?? []).map((n: any) => n.extension?.[0]?.valueCode);
const translation = (note: any, lang: string) =>
  note._text.extension.find((e: any) => e.extension.some((x: any) => x.url === 'lang' && x.valueCode === lang)).extension.find((x: any) => x.url === 'content').valueString;
const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });

const SUICIDE_PLAN = {
  'danger-signs': ['suicide-plan'],
  reason: 'low-mood',
  'self-harm': true,
  duration: 'weeks',
  severity: 10,
  description: 'En jaksa enää. Olen kerännyt pillereitä ja ajattelin ottaa ne tänä yönä.',
  'contact-preference': 'phone',
};
const MILD_CHEST = { reason: 'chest', 'chest-severe': false, duration: 'today', severity: 3, description: 'Rintaan pistää vähän kun hengitän syvään.', 'contact-preference': 'phone' };
const STROKE_IN_TEXT = {
  reason: 'other',
  duration: 'today',
  severity: 5,
  description: 'Äidin toinen puoli kasvoista roikkuu ja käsi ei tottele, puhe sammaltaa. Alkoi tunti sitten.',
  'contact-preference': 'phone',
};
const SELF_HARM_NO_PLAN = {
  reason: 'low-mood',
  'self-harm': true,
  duration: 'months',
  severity: 7,
  description: 'Välillä tulee ajatuksia ettei jaksaisi elää. Haluaisin jutella jonkun kanssa.',
  'contact-preference': 'phone',
};

describe.each(BACKENDS)('safe need assessment on %s', (backend) => {
  let server: TestServer;
  let resident: { token: string; fhirUser: string };
  const send = async (answers: Record<string, unknown>, as = resident, subject = as.fhirUser) => {
    const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: as.token, body: contactBody(subject, answers as never) });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const taskRef = sent.headers.get('x-ovi-task') ?? '';
    const task = (await server.call('GET', `/fhir/R4/${taskRef}`, { token: as.token })).body;
    return { response: sent.body, taskRef, task };
  };
  const assess = async (username: string, taskRef: string, ...parameter: unknown[]) =>
    server.call('POST', `/fhir/R4/${taskRef}/$assess`, { token: (await server.login(username)).token, body: params(...parameter), headers: { 'x-access-reason': 'Arvioin yhteydenoton' } });

  beforeAll(async () => {
    server = await startOn(backend, { clockStart: SUNDAY_EVENING });
    resident = await server.login('resident');
  });
  afterAll(async () => server?.close());

  it('runs on the chosen clock and says so', async () => {
    const health = await server.call('GET', '/healthz');
    expect(Date.parse(health.body.clock) - SUNDAY_EVENING.getTime()).toBeLessThan(10 * 60_000);
  });

  it('a suicidal contact with a plan, out of hours: emergent, 112 first, the crisis line beside it, and the closed queue said plainly', async () => {
    const { task } = await send(SUICIDE_PLAN);
    expect(input(task, 'urgency').valueCode).toBe('emergent');
    expect(task.priority).toBe('stat');
    expect(input(task, 'raised-by').valueCode).toBe('danger-sign');
    expect(inputs(task, 'danger-sign').map((i: any) => i.valueCode)).toEqual(['suicide-plan']);
    const kinds = noteKinds(task);
    expect(kinds[0]).toBe('call-112');
    expect(kinds).toContain('crisis-line');
    expect(kinds).toContain('out-of-hours');
    const crisis = task.note.find((n: any) => n.extension[0].valueCode === 'crisis-line');
    expect(crisis.text).toContain('09 2525 0111');
    expect(translation(crisis, 'sv')).toContain('09 2525 0112');
    expect(input(task, 'out-of-hours').valueBoolean).toBe(true);
  });

  it('mild chest pain on a Sunday evening: urgent, with 116117 and the emergency department, and when the queue opens', async () => {
    const { task } = await send({ ...MILD_CHEST, 'danger-signs': ['none'] });
    expect(input(task, 'urgency').valueCode).toBe('urgent');
    const kinds = noteKinds(task);
    expect(kinds).toEqual(expect.arrayContaining(['out-of-hours', 'on-call-helpline', 'emergency-department']));
    expect(kinds).not.toContain('call-112');
    expect(task.note.find((n: any) => n.extension[0].valueCode === 'on-call-helpline').text).toContain('116117');
    expect(input(task, 'queue-opens').valueDateTime).toBe(MONDAY_OPENING);
    // The rule's own advice reaches the resident too, in every language.
    const rule = task.note.find((n: any) => n.extension[0].valueCode === 'rule');
    expect(translation(rule, 'en')).toMatch(/same day/i);
  });

  it('stroke signs written under "something else" are caught in the text and shown to the professional', async () => {
    const { task, taskRef } = await send(STROKE_IN_TEXT);
    expect(['emergent', 'urgent']).toContain(input(task, 'urgency').valueCode);
    expect(input(task, 'urgency').valueCode).toBe('emergent');
    expect(input(task, 'raised-by').valueCode).toBe('free-text');
    expect(input(task, 'rule-urgency').valueCode).toBe('non-urgent');
    const guidance = await server.login('guidance');
    const queue = (await server.call('GET', '/api/guidance/queue', { token: guidance.token })).body.items;
    const item = queue.find((i: any) => `Task/${i.taskId}` === taskRef);
    expect(item.dangerWords.length).toBeGreaterThan(0);
    expect(item.dangerWords.map((w: any) => w.matched).join(' ')).toMatch(/sammalt|toinen puoli|roikku/);
    expect(item.outOfHours).toBe(true);
    expect(typeof item.assessmentMinutesLeft).toBe('number');
    // Emergent first: the queue never hides it below milder work.
    expect(queue[0].urgency).toBe('emergent');
  });

  it('thoughts of self-harm without a plan: urgent, never only "we will call", the crisis line beside the promise', async () => {
    const { task } = await send(SELF_HARM_NO_PLAN);
    expect(input(task, 'urgency').valueCode).toBe('urgent');
    expect(noteKinds(task)).toContain('crisis-line');
    expect(noteKinds(task)).not.toContain('call-112');
  });

  it('a danger sign and "none" together are refused and nothing is stored', async () => {
    const before = (await server.call('GET', `/fhir/R4/Task?patient=${resident.fhirUser}&_count=100`, { token: resident.token })).body.total;
    const r = await server.call('POST', '/fhir/R4/QuestionnaireResponse', {
      token: resident.token,
      body: contactBody(resident.fhirUser, { ...BACK_PAIN, 'danger-signs': ['none', 'chest'] } as never),
    });
    expect(r.status).toBe(400);
    expect(r.body.resourceType).toBe('OperationOutcome');
    const after = (await server.call('GET', `/fhir/R4/Task?patient=${resident.fhirUser}&_count=100`, { token: resident.token })).body.total;
    expect(after).toBe(before);
  });

  it('a social instructor cannot assess or close a health matter (403, nothing changes); a physician can assess', async () => {
    const { taskRef, task } = await send({ ...MILD_CHEST, 'danger-signs': ['none'] });
    const refused = await assess('social', taskRef, { name: 'urgency', valueCode: 'self-care' });
    expect(refused.status).toBe(403);
    expect(refused.body.issue[0].diagnostics).toMatch(/Terhikki/);
    const social = await server.login('social');
    const closed = await server.call('POST', `/fhir/R4/${taskRef}/$resolve`, {
      token: social.token,
      headers: { 'x-access-reason': 'Arvioin yhteydenoton' },
      body: params({ name: 'outcome', valueCode: 'self-care' }, { name: 'note', valueString: 'Lepää.' }),
    });
    expect(closed.status).toBe(403);
    const guidance = await server.login('guidance');
    const unchanged = (await server.call('GET', `/fhir/R4/${taskRef}`, { token: guidance.token })).body;
    expect(unchanged.meta.versionId).toBe(task.meta.versionId);
    expect(unchanged.status).toBe('ready');

    const assessed = await assess('physician', taskRef, { name: 'urgency', valueCode: 'urgent' }, { name: 'profession', valueCode: 'physician' });
    expect(assessed.status, JSON.stringify(assessed.body)).toBe(200);
    expect(input(assessed.body, 'assessed-by').valueReference.reference).toBe('Practitioner/pr-mikko-rautio');
  });

  it("a nurse's assessment overrides the rule, the difference stays visible, and routed work carries it", async () => {
    const guidance = await server.login('guidance');
    const { taskRef, task } = await send({ ...BACK_PAIN, 'danger-signs': ['none'] });
    expect(input(task, 'urgency').valueCode).toBe('non-urgent');
    const assessed = await server.call('POST', `/fhir/R4/${taskRef}/$assess`, {
      token: guidance.token,
      body: params(
        { name: 'urgency', valueCode: 'urgent' },
        { name: 'service', valueCode: 'primary-care' },
        { name: 'profession', valueCode: 'physician' },
        { name: 'note', valueString: 'Puhelimessa kuumetta ja säteilevä kipu: lääkärille tänään.' },
      ),
    });
    expect(assessed.status, JSON.stringify(assessed.body)).toBe(200);
    const updated = assessed.body;
    expect(updated.priority).toBe('asap');
    expect(input(updated, 'urgency').valueCode).toBe('urgent');
    expect(updated.performerType[0].coding[0].code).toBe('physician');
    // Urgent care is due the day a professional finds the need.
    expect(Date.parse(updated.restriction.period.end)).toBeLessThanOrEqual(Date.parse('2026-11-29T22:00:00.000Z'));
    const observationRef = input(updated, 'assessment').valueReference.reference;
    const observation = (await server.call('GET', `/fhir/R4/${observationRef}`, { token: guidance.token })).body;
    expect(observation.valueCodeableConcept.coding[0].code).toBe('urgent');
    expect(observation.performer[0].reference).toBe('Practitioner/pr-hanna-hoitaja');
    const part = (code: string) => observation.component.find((c: any) => c.code.coding[0].code === code);
    expect(part('suggested-urgency').valueCodeableConcept.coding[0].code).toBe('non-urgent');
    expect(part('differs-from-suggestion').valueBoolean).toBe(true);
    expect(observation.derivedFrom[0].reference).toBe(task.focus.reference);

    const routed = await server.call('POST', `/fhir/R4/${taskRef}/$resolve`, {
      token: guidance.token,
      body: params({ name: 'outcome', valueCode: 'routed' }, { name: 'note', valueString: 'Lääkäri soittaa tänään.' }, { name: 'routeTo', valueReference: { reference: 'CareTeam/team-kokkola' } }),
    });
    expect(routed.status).toBe(200);
    const routedRef = routed.body.output.find((o: any) => o.type.coding[0].code === 'routed-task').valueReference.reference;
    const work = (await server.call('GET', `/fhir/R4/${routedRef}`, { token: guidance.token })).body;
    expect(work.priority).toBe('asap');
    expect(input(work, 'urgency').valueCode).toBe('urgent');
    expect(work.restriction.period.end).toBe(updated.restriction.period.end);
  });

  it('closing an unassessed contact records the closer as its assessor', async () => {
    const guidance = await server.login('guidance');
    const { taskRef } = await send({ ...BACK_PAIN, 'danger-signs': ['none'] });
    const resolved = await server.call('POST', `/fhir/R4/${taskRef}/$resolve`, {
      token: guidance.token,
      body: params({ name: 'outcome', valueCode: 'self-care' }, { name: 'note', valueString: 'Kokeile näitä liikkeitä.' }),
    });
    expect(resolved.status).toBe(200);
    expect(input(resolved.body, 'assessment')).toBeTruthy();
    expect(input(resolved.body, 'assessed-by').valueReference.reference).toBe('Practitioner/pr-hanna-hoitaja');
  });

  it("a guardian's contact about their child lands on the child's record, with the guardian as author and the child's age deciding", async () => {
    const parent = await server.login('parent');
    const children = await server.call('GET', '/api/me/children', { token: parent.token });
    expect(children.status).toBe(200);
    expect(children.body.children.length).toBe(2);
    const child = children.body.children[0].reference;
    const { task, response } = await send({ ...BACK_PAIN, 'danger-signs': ['none'], description: 'Lapsen selkä on kipeä.' }, parent, child);
    expect(task.for.reference).toBe(child);
    expect(response.subject.reference).toBe(child);
    expect(response.author.reference).toMatch(/^RelatedPerson\//);
    // Under 23: the law's 14 days, not the adult's 3 months.
    const legal = Date.parse(input(task, 'legal-deadline').valueDateTime);
    expect(legal - SUNDAY_EVENING.getTime()).toBeLessThan(16 * 24 * 3600_000);
    // Another resident is not this child's guardian: as if the child did not exist.
    const stranger = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(child, BACK_PAIN) });
    expect(stranger.status).toBe(404);
    const peek = await server.call('GET', `/fhir/R4/Task?patient=${child}`, { token: resident.token });
    expect(peek.body.total ?? peek.body.entry?.length ?? 0).toBe(0);
    // The guardian sees the child's contact.
    const own = await server.call('GET', `/fhir/R4/Task?patient=${child}`, { token: parent.token });
    expect(own.body.entry.map((e: any) => e.resource.for.reference)).toContain(child);
  });

  it('$assess refuses bad input with a clear 4xx and changes nothing', async () => {
    const guidance = await server.login('guidance');
    const { taskRef, task } = await send({ ...BACK_PAIN, 'danger-signs': ['none'] });
    const bad: Array<[unknown, number]> = [
      [params(), 400],
      [params({ name: 'urgency', valueString: 'urgent' }), 400],
      [params({ name: 'urgency', valueCode: 'very-urgent' }), 400],
      [params({ name: 'urgency', valueCode: 'urgent' }, { name: 'service', valueCode: 'dermatology' }), 400],
      [params({ name: 'urgency', valueCode: 'urgent' }, { name: 'profession', valueCode: 'wizard' }), 400],
      [params({ name: 'urgency', valueCode: 'urgent' }, { name: 'note', valueString: 'x'.repeat(5000) }), 400],
      [params({ name: 'urgency', valueCode: 'urgent' }, { name: 'note', valueInteger: 3 }), 400],
      [params({ name: 'urgency', valueCode: 'urgent' }, { name: 'priority', valueCode: 'stat' }), 400],
      [{ urgency: 'urgent' }, 400],
      [[1, 2, 3], 400],
    ];
    for (const [body, status] of bad) {
      const r = await server.call('POST', `/fhir/R4/${taskRef}/$assess`, { token: guidance.token, body });
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(r.body.resourceType).toBe('OperationOutcome');
    }
    expect((await server.call('POST', '/fhir/R4/Task/no-such-task/$assess', { token: guidance.token, body: params({ name: 'urgency', valueCode: 'urgent' }) })).status).toBe(404);
    expect((await server.call('POST', `/fhir/R4/${taskRef}/$assess`, { token: resident.token, body: params({ name: 'urgency', valueCode: 'self-care' }) })).status).toBe(403);
    expect((await server.call('POST', `/fhir/R4/${taskRef}/$assess`, { body: params({ name: 'urgency', valueCode: 'self-care' }) })).status).toBe(401);
    const after = (await server.call('GET', `/fhir/R4/${taskRef}`, { token: guidance.token })).body;
    expect(after.meta.versionId).toBe(task.meta.versionId);

    await server.call('POST', `/fhir/R4/${taskRef}/$resolve`, { token: guidance.token, body: params({ name: 'outcome', valueCode: 'solved' }, { name: 'note', valueString: 'Hoidettu.' }) });
    const late = await server.call('POST', `/fhir/R4/${taskRef}/$assess`, { token: guidance.token, body: params({ name: 'urgency', valueCode: 'urgent' }) });
    expect(late.status).toBe(409);
  });

  it('configuration that could fail a contact is refused; a dry run shows what would change and stores nothing', async () => {
    const admin = await server.login('admin');
    const rules = (await server.call('GET', '/api/admin/routing-rules', { token: admin.token })).body;
    const { version } = rules;
    const set = rules;
    const toNowhere = structuredClone(set);
    toNowhere.rules[0].then.service = 'dermatology';
    const refused = await server.call('PUT', '/api/admin/routing-rules', { token: admin.token, body: toNowhere });
    expect(refused.status).toBe(400);
    expect(refused.body.issue[0].diagnostics).toMatch(/dermatology/);

    const unknownQuestion = structuredClone(set);
    unknownQuestion.rules[0].when = [{ linkId: 'no-such-question', equals: true }];
    expect((await server.call('PUT', '/api/admin/routing-rules', { token: admin.token, body: unknownQuestion })).status).toBe(400);

    const toNurse = structuredClone(set);
    for (const rule of toNurse.rules) if (rule.then.profession === 'physiotherapist') rule.then.profession = 'nurse';
    const preview = await server.call('PUT', '/api/admin/routing-rules?dryRun=true', { token: admin.token, body: toNurse });
    expect(preview.status).toBe(200);
    expect(preview.body.valid).toBe(true);
    expect(preview.body.dryRun.contacts).toBeGreaterThan(0);
    expect(preview.body.dryRun.moves.some((m: any) => m.before.profession === 'physiotherapist' && m.after.profession === 'nurse')).toBe(true);
    const badPreview = await server.call('PUT', '/api/admin/routing-rules?dryRun=true', { token: admin.token, body: toNowhere });
    expect(badPreview.status).toBe(200);
    expect(badPreview.body.valid).toBe(false);
    expect((await server.call('GET', '/api/admin/routing-rules', { token: admin.token })).body.version).toBe(version);

    const care = (await server.call('GET', '/api/admin/care-guarantee', { token: admin.token })).body;
    const careVersion = care.version;
    const careSet = care;
    const noPrimary = { ...careSet, rules: careSet.rules.filter((r: any) => r.service !== 'primary-care') };
    expect((await server.call('PUT', '/api/admin/care-guarantee', { token: admin.token, body: noPrimary })).status).toBe(400);
    expect((await server.call('GET', '/api/admin/care-guarantee', { token: admin.token })).body.version).toBe(careVersion);

    const screen = (await server.call('GET', '/api/admin/safety-screen', { token: admin.token })).body;
    const screenVersion = screen.version;
    const screenSet = screen;
    const strangeSign = structuredClone(screenSet);
    strangeSign.signs[0].code = 'not-in-the-questionnaire';
    expect((await server.call('PUT', '/api/admin/safety-screen', { token: admin.token, body: strangeSign })).status).toBe(400);
    expect((await server.call('PUT', '/api/admin/safety-screen', { token: (await server.login('guidance')).token, body: screenSet })).status).toBe(403);
    expect((await server.call('GET', '/api/admin/safety-screen', { token: admin.token })).body.version).toBe(screenVersion);
  });

  it('a contact never fails because of configuration: the strictest limit applies and the gap is logged', async () => {
    // A stored set from before the checks existed: no rules for primary care at all.
    await server.ovi.services.db.query(
      `UPDATE app_setting SET value = jsonb_set(value, '{rules}', (SELECT jsonb_agg(r) FROM jsonb_array_elements(value->'rules') r WHERE r->>'service' <> 'primary-care'))
        WHERE name = 'care-guarantee'`,
    );
    const { task } = await send({ ...BACK_PAIN, 'danger-signs': ['none'] });
    expect(Date.parse(task.restriction.period.end)).toBeGreaterThan(SUNDAY_EVENING.getTime());
    const admin = await server.login('admin');
    const gaps = await server.call('GET', '/api/admin/configuration-gaps', { token: admin.token });
    expect(gaps.status).toBe(200);
    expect(gaps.body.gaps.some((g: any) => g.service === 'primary-care' && g.urgency === 'non-urgent')).toBe(true);
    expect((await server.call('GET', '/api/admin/configuration-gaps', { token: resident.token })).status).toBe(403);
  });

  it('the danger-sign advice is there before login, and managers see the same-day assessment share', async () => {
    const advice = await server.call('GET', '/api/guidance/danger-signs');
    expect(advice.status).toBe(200);
    const plan = advice.body.signs.find((s: any) => s.code === 'suicide-plan');
    expect(plan.notes.map((n: any) => n.kind)).toEqual(expect.arrayContaining(['call-112', 'crisis-line']));
    const manager = await server.login('manager');
    const stats = await server.call('GET', '/api/guidance/stats', { token: manager.token });
    expect(stats.status).toBe(200);
    expect(stats.body).toHaveProperty('assessedSameDayShare');
  });
});
