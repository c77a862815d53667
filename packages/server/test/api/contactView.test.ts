import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '@medplum/fhirtypes';
import type { TestServer } from './oviTestServer';
import { BACKENDS, BACK_PAIN, contactBody, countNonAudit, startOn } from './backends';
import { defaultReplyTemplates } from '@ovi/domain/src/replyTemplates';
import { inRegister } from '../../src/access/registerLabels';

const MONEY = { reason: 'money-housing', duration: 'months', severity: 5, description: 'Vuokra on noussut enkä selviä laskuista.', 'contact-preference': 'phone' };
const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });
const HANDOVER = 'Asiakas kuulee huonosti: soita ennen klo 10 ja puhu hitaasti.';

type Session = { token: string; fhirUser: string };

describe.each(BACKENDS)("the nurse's contact view on %s", (backend) => {
  let server: TestServer;
  let resident: Session;
  let guidance: Session;
  let physio: Session;
  let social: Session;

  const idOf = (ref: string) => ref.split('/')[1] ?? '';
  const overview = (session: Session, patient: string, headers?: Record<string, string>) =>
    server.call('GET', `/api/clients/${idOf(patient)}/overview`, { token: session.token, ...(headers ? { headers } : {}) });
  const send = async (session: Session, subject: string, answers: Record<string, unknown>) => {
    const r = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: session.token, body: contactBody(subject, answers as never) });
    expect(r.status).toBe(201);
    return r.headers.get('x-ovi-task') ?? '';
  };
  const resolve = (session: Session, taskRef: string, ...parameter: unknown[]) => server.call('POST', `/fhir/R4/${taskRef}/$resolve`, { token: session.token, body: params(...parameter) });
  /** The AuditEvents a user has left naming a client (success or refusal). */
  const auditsOf = async (user: string, patient: string) => {
    const r = await server.ovi.services.db.query<{ content: any }>(
      `SELECT content FROM resource WHERE resource_type = 'AuditEvent' AND content->'agent'->0->'who'->>'reference' = $1
         AND content->'entity' @> $2::jsonb`,
      [user, JSON.stringify([{ what: { reference: patient } }])],
    );
    return r.rows.map((row) => row.content);
  };

  beforeAll(async () => {
    server = await startOn(backend);
    resident = await server.login('resident');
    guidance = await server.login('guidance');
    physio = await server.login('physio');
    social = await server.login('social');
  });
  afterAll(async () => server?.close());

  describe('the client overview', () => {
    let contactRef: string;
    beforeAll(async () => {
      contactRef = await send(resident, resident.fhirUser, BACK_PAIN);
      // Two visits of the last year and one older: the overview shows the year, newest first, with status.
      const visit = (daysFromNow: number, status: Appointment['status']): Appointment =>
        inRegister(
          {
            resourceType: 'Appointment',
            status,
            start: new Date(Date.now() + daysFromNow * 86_400_000).toISOString(),
            end: new Date(Date.now() + daysFromNow * 86_400_000 + 1_800_000).toISOString(),
            participant: [
              { actor: { reference: resident.fhirUser, display: 'Aino Nieminen' }, status: 'accepted' },
              { actor: { reference: 'Practitioner/pr-mikko-rautio', display: 'Mikko Rautio' }, status: 'accepted' },
            ],
          },
          'health',
        );
      for (const a of [visit(-40, 'fulfilled'), visit(-10, 'cancelled'), visit(-400, 'fulfilled')]) await server.ovi.services.store.create(a);
    });

    it('gives phone, language, open matters, contacts and visits in one call, newest first', async () => {
      const r = await overview(guidance, resident.fhirUser);
      expect(r.status).toBe(200);
      const patient = (await server.ovi.services.store.read('Patient', idOf(resident.fhirUser))) as any;
      expect(r.body.patient.reference).toBe(resident.fhirUser);
      expect(r.body.patient.name).toBe('Aino Nieminen');
      expect(r.body.patient.phones.map((p: any) => p.value)).toEqual(patient.telecom.filter((t: any) => t.system === 'phone').map((t: any) => t.value));
      expect(r.body.patient.phones.length).toBeGreaterThan(0);
      expect(r.body.patient.language).toBe('fi');
      expect(r.body.guardians).toEqual([]);
      const open = r.body.openMatters.find((m: any) => m.task === contactRef);
      expect(open).toMatchObject({ kind: 'contact', status: 'ready', open: true, urgency: 'non-urgent', channel: 'web-form' });
      expect(r.body.contacts.map((m: any) => m.task)).toContain(contactRef);
      const times = r.body.contacts.map((m: any) => Date.parse(m.authoredOn));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      expect(r.body.appointments.map((a: any) => a.status)).toEqual(['cancelled', 'fulfilled']);
      expect(r.body.appointments[0].practitioner.name).toBe('Mikko Rautio');
      expect(Date.parse(r.body.since)).toBeLessThan(Date.now() - 360 * 86_400_000);
    });

    it('is audited: the patient read and each search name the client', async () => {
      const before = await auditsOf(guidance.fhirUser, resident.fhirUser);
      expect((await overview(guidance, resident.fhirUser)).status).toBe(200);
      const after = await auditsOf(guidance.fhirUser, resident.fhirUser);
      const added = after.filter((a) => !before.some((b) => b.id === a.id));
      const described = added.flatMap((a: any) => a.entity.map((e: any) => e.description ?? e.what?.reference ?? ''));
      expect(described).toEqual(expect.arrayContaining([resident.fhirUser, expect.stringMatching(/^Task\?/), expect.stringMatching(/^Appointment\?/)]));
      expect(added.every((a: any) => a.outcome === '0')).toBe(true);
    });

    it('refuses a professional without a care relationship (403, audited), and opens with a recorded reason (flagged)', async () => {
      const stranger = await server.ovi.services.db.query<{ id: string }>(
        `SELECT r.id FROM resource r WHERE r.resource_type = 'Patient' AND NOT EXISTS (
           SELECT 1 FROM search_token t WHERE t.resource_type IN ('Task', 'Appointment', 'CareTeam') AND t.param = 'patient' AND t.value = 'Patient/' || r.id)
         ORDER BY r.id LIMIT 1`,
      );
      const patient = `Patient/${stranger.rows[0]?.id}`;
      const refused = await overview(physio, patient);
      expect(refused.status).toBe(403);
      expect(refused.body.resourceType).toBe('OperationOutcome');
      expect((await auditsOf(physio.fhirUser, patient)).some((a) => a.outcome === '4')).toBe(true);

      const reasoned = await overview(physio, patient, { 'x-access-reason': encodeURIComponent('Asiakas soitti') });
      expect(reasoned.status).toBe(200);
      const flagged = (await auditsOf(physio.fhirUser, patient)).filter((a) => a.outcome === '0');
      expect(flagged.length).toBeGreaterThan(0);
      expect(flagged.every((a: any) => a.purposeOfEvent?.[0]?.coding?.[0]?.code === 'recorded-reason')).toBe(true);
    });

    it('is for professionals only: residents, managers and admins get 403', async () => {
      for (const username of ['resident', 'manager', 'admin']) {
        const session = await server.login(username);
        expect((await overview(session, resident.fhirUser)).status, username).toBe(403);
      }
      expect((await auditsOf(resident.fhirUser, resident.fhirUser)).some((a) => a.outcome === '4' && a.outcomeDesc?.includes('overview'))).toBe(true);
      expect((await server.call('GET', '/api/clients/not%20an%20id/overview', { token: guidance.token })).status).toBe(400);
    });

    it("leaves out the other register's records, as searches do", async () => {
      const money = await send(resident, resident.fhirUser, MONEY);
      const routed = await resolve(
        guidance,
        money,
        { name: 'outcome', valueCode: 'routed' },
        { name: 'note', valueString: 'Sosiaaliohjaaja soittaa sinulle.' },
        { name: 'routeTo', valueReference: { reference: 'HealthcareService/svc-social-guidance' } },
      );
      expect(routed.status).toBe(200);
      const work = routed.body.output.find((o: any) => o.type.coding[0].code === 'routed-task').valueReference.reference;
      // The social instructor (Suosikki only) works with the client now, in the social-welfare register.
      const seen = await overview(social, resident.fhirUser);
      expect(seen.status).toBe(200);
      const tasks = [...seen.body.contacts, ...seen.body.openMatters].map((m: any) => m.task);
      expect(tasks).toEqual(expect.arrayContaining([money, work]));
      expect(tasks).not.toContain(contactRef);
      expect(seen.body.appointments).toEqual([]);
      // The health-care professional sees the health records, not the social-welfare ones.
      const health = await overview(guidance, resident.fhirUser);
      const healthTasks = [...health.body.contacts, ...health.body.openMatters].map((m: any) => m.task);
      expect(healthTasks).toContain(contactRef);
      expect(healthTasks).not.toContain(work);
    });

    it("shows a child's guardians with their phone numbers", async () => {
      const parent = await server.login('parent');
      const children = await server.call('GET', '/api/me/children', { token: parent.token });
      const child = children.body.children[0].reference as string;
      await send(parent, child, BACK_PAIN);
      const r = await overview(guidance, child);
      expect(r.status).toBe(200);
      expect(r.body.patient.age).toBeLessThan(18);
      const parentPatient = (await server.ovi.services.store.read('Patient', idOf(parent.fhirUser))) as any;
      const guardian = r.body.guardians.find((g: any) => g.name === parentPatient.name[0].text);
      expect(guardian).toBeTruthy();
      expect(guardian.reference).toMatch(/^RelatedPerson\//);
      expect(guardian.relationship).toContain('MTH');
      expect(guardian.phones.map((p: any) => p.value)).toEqual(parentPatient.telecom.filter((t: any) => t.system === 'phone').map((t: any) => t.value));
      // An adult has none.
      expect((await overview(guidance, resident.fhirUser)).body.guardians).toEqual([]);
    });
  });

  describe('the hand-over note', () => {
    it('travels on the routed Task to the receiving team, never to the resident', async () => {
      const contact = await send(resident, resident.fhirUser, BACK_PAIN);
      const note = 'Fysioterapeutti soittaa sinulle tällä viikolla.';
      const r = await resolve(
        guidance,
        contact,
        { name: 'outcome', valueCode: 'routed' },
        { name: 'note', valueString: note },
        { name: 'routeTo', valueReference: { reference: 'CareTeam/team-kokkola' } },
        { name: 'handover', valueString: `  ${HANDOVER}  ` },
      );
      expect(r.status).toBe(200);
      expect(JSON.stringify(r.body)).not.toContain(HANDOVER);
      const workRef = r.body.output.find((o: any) => o.type.coding[0].code === 'routed-task').valueReference.reference;

      // On the routed Task, for staff: the note, trimmed; the owner as routed.
      const work = (await server.call('GET', `/fhir/R4/${workRef}`, { token: physio.token })).body;
      expect(work.owner).toEqual({ reference: 'CareTeam/team-kokkola' });
      expect(work.input.filter((i: any) => i.type.coding[0].code === 'handover')).toEqual([
        { type: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/task-parameter', code: 'handover' }] }, valueString: HANDOVER },
      ]);
      // In the receiving team's contact view, with who wrote it.
      const view = await overview(physio, resident.fhirUser);
      expect(view.status).toBe(200);
      const matter = view.body.openMatters.find((m: any) => m.task === workRef);
      expect(matter.kind).toBe('routed-work');
      expect(matter.basedOn).toBe(contact);
      expect(matter.handover).toEqual({ text: HANDOVER, by: { reference: guidance.fhirUser, name: 'Hanna Hoitaja' } });

      // Never to the resident: not in the reply, not in their Tasks, not in the routed Task's history.
      const replies = await server.call('GET', `/fhir/R4/Communication?subject=${resident.fhirUser}&_count=100`, { token: resident.token });
      const reply = replies.body.entry.map((e: any) => e.resource).find((c: any) => c.basedOn[0].reference === contact);
      expect(reply.payload).toEqual([{ contentString: note }]);
      expect(JSON.stringify(replies.body)).not.toContain(HANDOVER);
      const read = await server.call('GET', `/fhir/R4/${workRef}`, { token: resident.token });
      expect(read.status).toBe(200);
      expect(JSON.stringify(read.body)).not.toContain(HANDOVER);
      const mine = await server.call('GET', `/fhir/R4/Task?patient=${resident.fhirUser}&_count=100`, { token: resident.token });
      expect(mine.body.entry.map((e: any) => e.resource.id)).toContain(idOf(workRef));
      expect(JSON.stringify(mine.body)).not.toContain(HANDOVER);
      const history = await server.call('GET', `/fhir/R4/${workRef}/_history`, { token: resident.token });
      expect(history.status).toBe(200);
      expect(JSON.stringify(history.body)).not.toContain(HANDOVER);
      const version = await server.call('GET', `/fhir/R4/${workRef}/_history/1`, { token: resident.token });
      expect(version.status).toBe(200);
      expect(JSON.stringify(version.body)).not.toContain(HANDOVER);
    });

    it('is routed on by the team with a new note; the earlier one stays on the earlier work', async () => {
      const contact = await send(resident, resident.fhirUser, BACK_PAIN);
      const first = await resolve(
        guidance,
        contact,
        { name: 'outcome', valueCode: 'routed' },
        { name: 'note', valueString: 'Tiimi ottaa yhteyttä.' },
        { name: 'routeTo', valueReference: { reference: 'CareTeam/team-kokkola' } },
        { name: 'handover', valueString: 'Ensimmäinen viesti' },
      );
      const workRef = first.body.output.find((o: any) => o.type.coding[0].code === 'routed-task').valueReference.reference;
      const physician = await server.login('physician');
      const again = await resolve(
        physician,
        workRef,
        { name: 'outcome', valueCode: 'routed' },
        { name: 'note', valueString: 'Fysioterapeutti ottaa yhteyttä.' },
        { name: 'routeTo', valueReference: { reference: 'HealthcareService/svc-physiotherapy' } },
      );
      expect(again.status).toBe(200);
      const nextRef = again.body.output.find((o: any) => o.type.coding[0].code === 'routed-task').valueReference.reference;
      const next = (await server.call('GET', `/fhir/R4/${nextRef}`, { token: physician.token })).body;
      expect(next.input.some((i: any) => i.type.coding[0].code === 'handover')).toBe(false);
      const earlier = (await server.call('GET', `/fhir/R4/${workRef}`, { token: physician.token })).body;
      expect(earlier.input.find((i: any) => i.type.coding[0].code === 'handover').valueString).toBe('Ensimmäinen viesti');
    });

    it('refuses a note that is too long, not a valueString, or not for routing (400), and nothing changes', async () => {
      const contact = await send(resident, resident.fhirUser, BACK_PAIN);
      const routeTo = { name: 'routeTo', valueReference: { reference: 'CareTeam/team-kokkola' } };
      const before = await countNonAudit(server);
      const bad = [
        [{ name: 'outcome', valueCode: 'routed' }, { name: 'note', valueString: 'x' }, routeTo, { name: 'handover', valueString: 'x'.repeat(2001) }],
        [{ name: 'outcome', valueCode: 'routed' }, { name: 'note', valueString: 'x' }, routeTo, { name: 'handover', valueCode: 'call' }],
        [{ name: 'outcome', valueCode: 'solved' }, { name: 'note', valueString: 'x' }, { name: 'handover', valueString: 'Huomio' }],
        // A client cannot slip a note past the checks on the routeTo reference either.
        [
          { name: 'outcome', valueCode: 'routed' },
          { name: 'note', valueString: 'x' },
          { name: 'routeTo', valueReference: { reference: 'CareTeam/team-kokkola', extension: [{ url: 'https://fhir.ovi.fi/StructureDefinition/handover-carrier', valueString: 'x'.repeat(3000) }] } },
          { name: 'handover', valueString: 'y'.repeat(2001) },
        ],
      ];
      for (const parameters of bad) {
        const r = await resolve(guidance, contact, ...parameters);
        expect(r.status, JSON.stringify(parameters).slice(0, 120)).toBe(400);
        expect(r.body.issue[0].expression).toEqual(['Parameters.parameter.handover']);
      }
      expect(await countNonAudit(server)).toBe(before);
      const task = (await server.call('GET', `/fhir/R4/${contact}`, { token: guidance.token })).body;
      expect(task.status).toBe('ready');
      // A smuggled carrier without a real note is dropped: the owner is the plain reference.
      const ok = await resolve(guidance, contact, { name: 'outcome', valueCode: 'routed' }, { name: 'note', valueString: 'x' }, {
        name: 'routeTo',
        valueReference: { reference: 'CareTeam/team-kokkola', extension: [{ url: 'https://fhir.ovi.fi/StructureDefinition/handover-carrier', valueString: 'salaa' }] },
      });
      expect(ok.status).toBe(200);
      const workRef = ok.body.output.find((o: any) => o.type.coding[0].code === 'routed-task').valueReference.reference;
      const work = (await server.call('GET', `/fhir/R4/${workRef}`, { token: guidance.token })).body;
      expect(work.owner).toEqual({ reference: 'CareTeam/team-kokkola' });
      expect(JSON.stringify(work)).not.toContain('salaa');
    });
  });

  it('says a mistyped identity code has a wrong last character, not that nobody was found', async () => {
    const patient = (await server.ovi.services.store.read('Patient', idOf(resident.fhirUser))) as any;
    const pic: string = patient.identifier.find((i: any) => i.system === 'urn:oid:1.2.246.21').value;
    const wrong = `${pic.slice(0, 10)}${pic.endsWith('A') ? 'B' : 'A'}`;
    const r = await server.call('GET', `/fhir/R4/Patient?identifier=urn:oid:1.2.246.21|${wrong}`, { token: guidance.token });
    expect(r.status).toBe(400);
    expect(r.body.issue[0].details.text).toContain('the last character does not match');
    expect(r.body.issue[0].expression).toEqual(['identifier']);
    const found = await server.call('GET', `/fhir/R4/Patient?identifier=urn:oid:1.2.246.21|${pic}`, { token: guidance.token });
    expect(found.body.total).toBe(1);
  });

  describe('reply templates', () => {
    const valid = {
      templates: [
        {
          id: 'solved-called',
          outcome: 'solved',
          title: { fi: 'Soitettu', sv: 'Ringt', en: 'Called' },
          text: { fi: 'Kiitos, asia on hoidettu.', sv: 'Tack, ärendet är skött.', en: 'Thank you, the matter is dealt with.' },
        },
      ],
    };

    it('gives staff and admins the templates, the defaults until some are saved', async () => {
      for (const session of [guidance, physio, await server.login('admin')]) {
        const r = await server.call('GET', '/api/reply-templates', { token: session.token });
        expect(r.status).toBe(200);
        expect(r.body.version).toBe(0);
        expect(r.body.templates).toEqual(defaultReplyTemplates.templates);
      }
      for (const username of ['resident', 'manager']) {
        const session = await server.login(username);
        expect((await server.call('GET', '/api/reply-templates', { token: session.token })).status, username).toBe(403);
      }
      expect((await server.call('GET', '/api/reply-templates')).status).toBe(401);
    });

    it('lets only administrators change them; bad input is 400 and nothing changes', async () => {
      const admin = await server.login('admin');
      const put = (token: string, body: unknown) => server.call('PUT', '/api/admin/reply-templates', { token, body, headers: { 'content-type': 'application/json' } });
      expect((await put(guidance.token, valid)).status).toBe(403);
      expect((await put(resident.token, valid)).status).toBe(403);
      const invalid: Array<[unknown, string]> = [
        [{ templates: [{ ...valid.templates[0], outcome: 'maybe' }] }, 'templates[0].outcome'],
        [{ templates: [{ ...valid.templates[0], text: { fi: 'Kiitos', en: 'Thanks' } }] }, 'templates[0].text.sv'],
        [{ templates: [{ ...valid.templates[0], text: { ...valid.templates[0]!.text, en: 'x'.repeat(2001) } }] }, 'templates[0].text.en'],
        [{ templates: [valid.templates[0], valid.templates[0]] }, 'templates[1].id'],
        [{ templates: 'none' }, 'templates'],
      ];
      for (const [body, where] of invalid) {
        const r = await put(admin.token, body);
        expect(r.status, where).toBe(400);
        expect(r.body.issue.flatMap((i: any) => i.expression ?? []), where).toContain(where);
      }
      const unchanged = await server.call('GET', '/api/reply-templates', { token: guidance.token });
      expect(unchanged.body).toEqual({ templates: defaultReplyTemplates.templates, version: 0 });

      const saved = await put(admin.token, { ...valid, version: 0 });
      expect(saved.status).toBe(200);
      expect(saved.body.version).toBe(1);
      const read = await server.call('GET', '/api/reply-templates', { token: guidance.token });
      expect(read.body).toEqual({ ...valid, version: 1 });
      expect((await put(admin.token, { templates: [] })).body.version).toBe(2);
      expect((await server.call('GET', '/api/reply-templates', { token: physio.token })).body.templates).toEqual([]);
    });
  });
});
