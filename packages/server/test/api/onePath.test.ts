import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './oviTestServer';
import { BACKENDS, BACK_PAIN, CHEST_SEVERE, contactBody, startOn } from './backends';

const input = (task: any, code: string) => task.input.find((i: any) => i.type.coding[0].code === code);

describe.each(BACKENDS)('one-contact path on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startOn(backend);
  });
  afterAll(async () => server?.close());

  it('lists the active contact questionnaire', async () => {
    const { token } = await server.login('resident');
    const r = await server.call('GET', '/fhir/R4/Questionnaire?status=active', { token });
    expect(r.status).toBe(200);
    expect(r.body.entry.map((e: any) => e.resource.url)).toContain('https://fhir.ovi.fi/Questionnaire/contact-request');
  });

  it('turns a resident contact into a guidance Task, resolves it, and shows the reply', async () => {
    const resident = await server.login('resident');
    const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
    expect(sent.status).toBe(201);
    const taskRef = sent.headers.get('x-ovi-task');
    expect(taskRef).toMatch(/^Task\//);

    const task = (await server.call('GET', `/fhir/R4/${taskRef}`, { token: resident.token })).body;
    expect(task.status).toBe('ready');
    expect(task.for.reference).toBe(resident.fhirUser);
    expect(task.focus.reference).toBe(`QuestionnaireResponse/${sent.body.id}`);
    expect(input(task, 'urgency').valueCode).toBe('non-urgent');
    expect(task.performerType[0].coding[0].code).toBe('physiotherapist');
    expect(input(task, 'channel').valueCode).toBe('web-form');
    // The region's 7-day promise is stricter than the law's limit: staff work to it.
    const workTo = Date.parse(task.restriction.period.end);
    const legal = Date.parse(input(task, 'legal-deadline').valueDateTime);
    expect(workTo).toBeLessThanOrEqual(legal);
    expect(workTo - Date.now()).toBeLessThanOrEqual(8 * 24 * 3600 * 1000); // end of the 7th day, Helsinki time
    expect(JSON.parse(input(task, 'rule').valueString).ruleId).toBeTruthy();

    const guidance = await server.login('guidance');
    const queue = await server.call('GET', '/api/guidance/queue', { token: guidance.token });
    expect(queue.status).toBe(200);
    const item = queue.body.items.find((i: any) => `Task/${i.taskId}` === taskRef);
    expect(item.patient.name).toBeTruthy();
    expect(item.minutesLeft).toBeGreaterThan(0);

    const resolved = await server.call('POST', `/fhir/R4/${taskRef}/$resolve`, {
      token: guidance.token,
      body: { resourceType: 'Parameters', parameter: [{ name: 'outcome', valueCode: 'self-care' }, { name: 'note', valueString: 'Kokeile näitä liikkeitä.' }] },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('completed');
    expect(resolved.body.businessStatus.coding[0].code).toBe('self-care');

    const again = await server.call('POST', `/fhir/R4/${taskRef}/$resolve`, {
      token: guidance.token,
      body: { resourceType: 'Parameters', parameter: [{ name: 'outcome', valueCode: 'solved' }, { name: 'note', valueString: 'x' }] },
    });
    expect(again.status).toBe(409);
    expect(again.body.resourceType).toBe('OperationOutcome');

    const replies = await server.call('GET', `/fhir/R4/Communication?subject=${resident.fhirUser}`, { token: resident.token });
    expect(replies.status).toBe(200);
    const reply = replies.body.entry.map((e: any) => e.resource).find((c: any) => c.basedOn[0].reference === taskRef);
    expect(reply.payload[0].contentString).toBe('Kokeile näitä liikkeitä.');

    const mine = await server.call('GET', `/fhir/R4/Task?patient=${resident.fhirUser}&_sort=-_lastUpdated`, { token: resident.token });
    expect(mine.body.entry[0].resource.id).toBe(taskRef?.split('/')[1]);

    const accessLog = await server.call('GET', `/fhir/R4/AuditEvent?patient=${resident.fhirUser}&_count=100`, { token: resident.token });
    expect(accessLog.status).toBe(200);
    const who = accessLog.body.entry.map((e: any) => e.resource.agent[0].who.reference);
    expect(who).toContain(guidance.fhirUser);
  });

  it('shows emergency advice at once for an emergent contact', async () => {
    const resident = await server.login('resident');
    const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, CHEST_SEVERE) });
    expect(sent.status).toBe(201);
    const task = (await server.call('GET', `/fhir/R4/${sent.headers.get('x-ovi-task')}`, { token: resident.token })).body;
    expect(input(task, 'urgency').valueCode).toBe('emergent');
    expect(task.priority).toBe('stat');
  });

  it('routes a contact to a team, which receives a Task with the same deadline', async () => {
    const resident = await server.login('resident');
    const guidance = await server.login('guidance');
    const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
    const taskRef = sent.headers.get('x-ovi-task');
    const teams = await server.call('GET', '/fhir/R4/CareTeam?status=active', { token: guidance.token });
    const team = teams.body.entry[0].resource;
    const resolved = await server.call('POST', `/fhir/R4/${taskRef}/$resolve`, {
      token: guidance.token,
      body: {
        resourceType: 'Parameters',
        parameter: [
          { name: 'outcome', valueCode: 'routed' },
          { name: 'note', valueString: 'Fysioterapeutti soittaa sinulle.' },
          { name: 'routeTo', valueReference: { reference: `CareTeam/${team.id}` } },
        ],
      },
    });
    expect(resolved.status).toBe(200);
    const routedRef = resolved.body.output.find((o: any) => o.type.coding[0].code === 'routed-task').valueReference.reference;
    const routed = (await server.call('GET', `/fhir/R4/${routedRef}`, { token: guidance.token })).body;
    expect(routed.owner.reference).toBe(`CareTeam/${team.id}`);
    expect(routed.restriction.period.end).toBe(resolved.body.restriction.period.end);
    expect(routed.status).toBe('ready');
  });

  it('lets a guidance nurse record a phone contact, keeping the channel', async () => {
    const guidance = await server.login('guidance');
    const resident = await server.login('resident');
    const patientId = resident.fhirUser.split('/')[1];
    const patient = (await server.ovi.services.store.read('Patient', patientId ?? '')) as any;
    const pic = patient.identifier.find((i: any) => i.system === 'urn:oid:1.2.246.21').value;
    const found = await server.call('GET', `/fhir/R4/Patient?identifier=urn:oid:1.2.246.21|${pic}`, { token: guidance.token });
    expect(found.body.total).toBe(1);
    const noChannel = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: guidance.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
    expect(noChannel.status).toBe(400);
    const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', {
      token: guidance.token,
      body: contactBody(resident.fhirUser, BACK_PAIN, { extension: [{ url: 'https://fhir.ovi.fi/StructureDefinition/contact-channel', valueCode: 'phone' }] }),
    });
    expect(sent.status).toBe(201);
    const task = (await server.call('GET', `/fhir/R4/${sent.headers.get('x-ovi-task')}`, { token: guidance.token })).body;
    expect(input(task, 'channel').valueCode).toBe('phone');
  });

  it('gives managers figures with small numbers suppressed, not people', async () => {
    const manager = await server.login('manager');
    const stats = await server.call('GET', '/api/guidance/stats', { token: manager.token });
    expect(stats.status).toBe(200);
    expect(stats.body.contacts).toBeGreaterThanOrEqual(5);
    for (const value of Object.values(stats.body.byOutcome)) expect(value === null || (value as number) >= 5).toBe(true);
    const queue = await server.call('GET', '/api/guidance/queue', { token: manager.token });
    expect(queue.status).toBe(403);
  });
});
