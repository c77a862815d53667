/**
 * Hostile-input fuzzing of the whole HTTP API on both back-ends.
 *
 * Thousands of generated malformed requests (broken JSON, wrong content types, wrong field
 * types in otherwise valid resources, invalid references, injection attempts in searches, odd
 * methods, paths and headers, forged tokens, every role and none) must give:
 * no 5xx, a JSON OperationOutcome for every refusal, no accepted write, searches with injected
 * values that find nothing, a healthy server afterwards and not one stored resource changed.
 *
 * Request n is a pure function of (seed, n): PGlite gets n = 0 … N-1, PostgreSQL N … 2N-1.
 * Environment: OVI_FUZZ_REQUESTS (N, per back-end, default 10 000), OVI_FUZZ_SEED (default
 * 20260611), OVI_FUZZ_ONLY (comma-separated request numbers to replay, with the same N and seed),
 * OVI_FUZZ_REPORT (a file to which every offending request is appended, not just the first few).
 */
import { appendFileSync } from 'node:fs';
import { validateResource } from '@medplum/core';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../api/oviTestServer';
import { BACKENDS, BACK_PAIN, contactBody, countNonAudit, startOn } from '../api/backends';
import { HostileClient, report, reportAll, type FuzzResult } from './hostileClient';
import { ROLES, Rng, WRITE_TARGETS, generateRequest, type AuthVariant, type FuzzRequest, type FuzzWorld, type Role, type Session } from './requestGenerators';

const SEED = Number(process.env.OVI_FUZZ_SEED ?? 20260611);
const PER_BACKEND = Number(process.env.OVI_FUZZ_REQUESTS ?? 10_000);
const ONLY = process.env.OVI_FUZZ_ONLY ? process.env.OVI_FUZZ_ONLY.split(',').map(Number) : undefined;
const REPORT_FILE = process.env.OVI_FUZZ_REPORT;
const CONCURRENCY = 8;

const PHYSIO = { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/profession', code: 'physiotherapist' }] };
const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Everything stored that a request could change; AuditEvents are expected to grow. */
async function snapshot(server: TestServer) {
  const db = server.ovi.services.db;
  const one = async (sql: string) => String((await db.query<{ v: unknown }>(sql)).rows[0]?.v ?? '');
  return {
    count: await countNonAudit(server),
    resources: await one("SELECT md5(string_agg(resource_type || id || version_id::text, ',' ORDER BY resource_type, id)) AS v FROM resource WHERE resource_type <> 'AuditEvent'"),
    history: await one("SELECT count(*) AS v FROM resource_history WHERE resource_type <> 'AuditEvent'"),
    settings: await one("SELECT md5(string_agg(name || ':' || version::text, ',' ORDER BY name)) AS v FROM app_setting"),
    slots: await one("SELECT md5(string_agg(slot_id || status, ',' ORDER BY slot_id)) AS v FROM slot_availability"),
  };
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Authorization headers Ovi must refuse: forged, expired, other algorithms, malformed. */
async function rejectedAuth(server: TestServer, sessions: Record<Role, Session>): Promise<AuthVariant[]> {
  const stored = await server.ovi.services.db.query<{ value: unknown }>("SELECT value FROM app_setting WHERE name = 'token-signing-key'");
  const key = Buffer.from(String(stored.rows[0]?.value), 'base64');
  const now = Math.floor(Date.now() / 1000);
  const admin = sessions.admin;
  const claims = { roles: ['admin'], fhirUser: admin.fhirUser, name: 'Forged' };
  const sign = (alg: string, k: Uint8Array, build: (jwt: SignJWT) => SignJWT) => build(new SignJWT(claims).setProtectedHeader({ alg }).setSubject('admin')).sign(k);
  const resident = sessions.resident.token;
  const [head, , signature] = resident.split('.');
  const variants: Array<[string, string | string[]]> = [
    ['expired token (right key)', `Bearer ${await sign('HS256', key, (j) => j.setIssuer('ovi').setIssuedAt(now - 7200).setExpirationTime(now - 3600))}`],
    ['not-yet-valid token (right key)', `Bearer ${await sign('HS256', key, (j) => j.setIssuer('ovi').setIssuedAt(now).setNotBefore(now + 3600).setExpirationTime(now + 7200))}`],
    ['wrong issuer (right key)', `Bearer ${await sign('HS256', key, (j) => j.setIssuer('evil').setIssuedAt(now).setExpirationTime(now + 3600))}`],
    ['no issuer (right key)', `Bearer ${await sign('HS256', key, (j) => j.setIssuedAt(now).setExpirationTime(now + 3600))}`],
    ['HS512 (right key)', `Bearer ${await sign('HS512', key, (j) => j.setIssuer('ovi').setIssuedAt(now).setExpirationTime(now + 3600))}`],
    ['HS256 with another key', `Bearer ${await sign('HS256', new TextEncoder().encode('x'.repeat(32)), (j) => j.setIssuer('ovi').setIssuedAt(now).setExpirationTime(now + 3600))}`],
    ['alg none', `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...claims, sub: 'admin', iss: 'ovi', exp: now + 3600 })}.`],
    ['alg none, no signature part', `Bearer ${b64url({ alg: 'none' })}.${b64url({ ...claims, sub: 'admin', iss: 'ovi', exp: now + 3600 })}`],
    ['alg NONE', `Bearer ${b64url({ alg: 'NONE', typ: 'JWT' })}.${b64url({ ...claims, sub: 'admin', iss: 'ovi', exp: now + 3600 })}.`],
    ['RS256 header, garbage signature', `Bearer ${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ ...claims, sub: 'admin', iss: 'ovi', exp: now + 3600 })}.${Buffer.from('x'.repeat(256)).toString('base64url')}`],
    ['resident signature, admin payload', `Bearer ${head}.${b64url({ ...claims, sub: 'admin', iss: 'ovi', exp: now + 3600 })}.${signature}`],
    ['resident token, signature cut', `Bearer ${resident.slice(0, -4)}`],
    ['garbage', 'Bearer not-a-token'],
    ['three dots', 'Bearer a.b.c'],
    ['dots only', 'Bearer ...'],
    ['null', 'Bearer null'],
    ['JSON', 'Bearer {"roles":["admin"]}'],
    ['10 000 characters', `Bearer ${'x'.repeat(10_000)}`],
    ['latin-1 bytes', 'Bearer ääää'],
    ['Bearer without token', 'Bearer'],
    ['Bearer and spaces', 'Bearer    '],
    ['empty header', ''],
    ['Basic credentials', `Basic ${Buffer.from('resident:demo').toString('base64')}`],
    ['token without scheme', resident],
    ['Token scheme', `Token ${resident}`],
    ['token and trailing text', `Bearer ${resident} admin`],
    ['two tokens in one header', `Bearer ${resident}, Bearer ${resident}`],
    ['garbage first, then a real token', ['Bearer garbage', `Bearer ${resident}`]],
  ];
  return variants.map(([name, value]) => ({ name, value }));
}

/** The demo region plus a few records the fuzz aims at: a contact, a consultation, a booking. */
async function buildWorld(server: TestServer): Promise<FuzzWorld> {
  const sessions = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await server.login(r)] as const))) as Record<Role, Session>;
  const { resident, guidance, admin, physician } = sessions;
  const ok = async (method: string, path: string, token: string, body?: unknown) => {
    const r = await server.call(method, path, { token, body });
    if (r.status >= 300) throw new Error(`setup ${method} ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    return r;
  };
  const sent = await ok('POST', '/fhir/R4/QuestionnaireResponse', resident.token, contactBody(resident.fhirUser, BACK_PAIN));
  const queue = (await ok('GET', '/api/guidance/queue', guidance.token)).body.items as Array<{ taskId: string; patient: { id: string } }>;
  const others = queue.filter((i) => `Patient/${i.patient.id}` !== resident.fhirUser).slice(0, 6);
  const openTasks = await Promise.all(
    others.map(async (i) => {
      const task = (await ok('GET', `/fhir/R4/Task/${i.taskId}`, guidance.token)).body;
      return { id: i.taskId, patient: `Patient/${i.patient.id}`, response: String(task.focus.reference).split('/')[1] ?? '' };
    }),
  );
  const consultation = await ok('POST', '/fhir/R4/Task', guidance.token, {
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    code: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/task-code', code: 'consultation' }] },
    for: { reference: openTasks[0]?.patient },
    owner: { reference: physician.fhirUser },
    restriction: { period: { end: inDays(10) } },
    input: [{ type: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/task-parameter', code: 'question' }] }, valueString: 'Sopiiko fysioterapia?' }],
  });
  const found = await ok('POST', '/fhir/R4/Appointment/$find', guidance.token,
    params({ name: 'start', valueDateTime: inDays(2) }, { name: 'end', valueDateTime: inDays(21) }, { name: 'specialty', valueCodeableConcept: PHYSIO }, { name: 'patient', valueReference: { reference: resident.fhirUser } }, { name: 'count', valueInteger: 10 }));
  const proposals = (found.body.entry as Array<{ resource: any }>).map((e) => e.resource).filter((r) => r.resourceType === 'Appointment');
  if (proposals.length < 2) throw new Error('setup: $find proposed fewer than two times');
  const booked = await ok('POST', '/fhir/R4/Appointment/$book', guidance.token, params({ name: 'appointment', resource: proposals[0] }));
  const organizations = (await ok('GET', '/fhir/R4/Organization?_count=5&_sort=_id', admin.token)).body.entry.map((e: any) => e.resource);
  const careTeam = (await ok('GET', '/fhir/R4/CareTeam?status=active', guidance.token)).body.entry[0].resource.id;
  const templates = (await ok('GET', '/api/schedule-templates', admin.token)).body.templates;
  const world: FuzzWorld = {
    now: Date.now(),
    sessions,
    rejectedAuth: await rejectedAuth(server, sessions),
    ownPatient: resident.fhirUser,
    openTasks,
    residentTask: String(sent.headers.get('x-ovi-task')).split('/')[1] ?? '',
    residentResponse: sent.body.id,
    consultationTask: consultation.body.id,
    appointment: booked.body,
    proposal: proposals[1],
    organization: organizations.find((o: any) => o.id !== 'ovi-county') ?? organizations[0],
    careTeam: `CareTeam/${careTeam}`,
    slotIds: proposals.slice(1).map((p) => String(p.slot[0].reference).split('/')[1] ?? ''),
    questionnaireUrl: 'https://fhir.ovi.fi/Questionnaire/contact-request',
    routingRules: (await ok('GET', '/api/admin/routing-rules', admin.token)).body,
    careGuarantee: (await ok('GET', '/api/admin/care-guarantee', admin.token)).body,
    safetyScreen: (await ok('GET', '/api/admin/safety-screen', admin.token)).body,
    serviceHours: (await ok('GET', '/api/admin/service-hours', admin.token)).body,
    template: templates[0],
  };
  // The generators rely on these being refused: make sure they are, before sending any valid body with them.
  const client = new HostileClient(server.url, 1);
  try {
    for (const auth of world.rejectedAuth) {
      const r = await client.send({ n: -1, category: 'setup', note: auth.name, method: 'GET', path: '/auth/me', caller: auth.name, headers: { authorization: auth.value }, write: false });
      if (r.status !== 401) throw new Error(`setup: Authorization "${auth.name}" was not refused (${r.status})`);
    }
  } finally {
    client.close();
  }
  return world;
}

function* requestsFor(world: FuzzWorld, first: number, count: number): Generator<FuzzRequest> {
  if (ONLY) {
    for (const n of ONLY) if (n >= first && n < first + count) yield generateRequest(world, SEED, n);
    return;
  }
  for (let n = first; n < first + count; n++) yield generateRequest(world, SEED, n);
}

const isOperationOutcome = (r: FuzzResult) => {
  if (!/json/.test(r.response.contentType)) return false;
  try {
    const body = JSON.parse(r.response.text);
    return body?.resourceType === 'OperationOutcome' && Array.isArray(body.issue) && body.issue.length > 0;
  } catch {
    return false;
  }
};

/** What each result is checked for; only offenders are kept. */
const CHECKS = {
  serverError: { why: 'got a 5xx or no answer', offends: (r: FuzzResult) => r.response.error !== undefined || r.response.status === 0 || r.response.status >= 500 },
  notOutcome: { why: 'refused without an OperationOutcome', offends: (r: FuzzResult) => !r.response.error && (r.response.status < 200 || r.response.status >= 300) && !isOperationOutcome(r) },
  acceptedWrite: { why: 'was accepted as a write', offends: (r: FuzzResult) => r.request.write && r.response.status >= 200 && r.response.status < 300 },
  injectionFound: {
    why: 'found records with an injected value',
    offends: (r: FuzzResult) => {
      if (!r.request.expectEmpty || r.response.status !== 200) return false;
      try {
        const bundle = JSON.parse(r.response.text);
        return (bundle.entry ?? []).length > 0 || (bundle.total ?? 0) > 0;
      } catch {
        return true; // a search answered 200 without a Bundle
      }
    },
  },
} as const;
type Check = keyof typeof CHECKS;

describe.each(BACKENDS)('hostile requests on %s', (backend) => {
  let server: TestServer;
  let world: FuzzWorld;
  let before: Awaited<ReturnType<typeof snapshot>>;
  let sent = 0;
  const offenders: Record<Check, FuzzResult[]> = { serverError: [], notOutcome: [], acceptedWrite: [], injectionFound: [] };
  const tokenNames = new Map<string, string>();
  const first = BACKENDS.indexOf(backend) * PER_BACKEND;
  const expected = ONLY ? ONLY.filter((n) => n >= first && n < first + PER_BACKEND).length : PER_BACKEND;

  /** Asserts that no request offended; the message shows the first few precisely (all of them in OVI_FUZZ_REPORT). */
  function expectNone(check: Check, max?: number): void {
    expect(sent, 'not every generated request was sent').toBe(expected);
    const found = offenders[check].sort((a, b) => a.request.n - b.request.n);
    const { why } = CHECKS[check];
    if (REPORT_FILE && found.length > 0) appendFileSync(REPORT_FILE, `\n=== ${backend}: ${why}\n${reportAll(found, tokenNames, why)}\n`);
    expect(found.length, report(found, tokenNames, why, max)).toBe(0);
  }

  beforeAll(async () => {
    server = await startOn(backend);
    world = await buildWorld(server);
    for (const [role, session] of Object.entries(world.sessions)) tokenNames.set(session.token, role);
    before = await snapshot(server);
  });
  afterAll(async () => server?.close());

  it('breaks bodies that are valid R4 to begin with', () => {
    for (const target of WRITE_TARGETS.filter((t) => t.fhir)) {
      const body = target.body(world, new Rng(1));
      expect(() => validateResource(body), target.name).not.toThrow();
    }
  });

  it('generates the same request for the same seed and number', () => {
    for (let n = first; n < first + 300; n += 7) expect(generateRequest(world, SEED, n), `request ${n}`).toEqual(generateRequest(world, SEED, n));
  });

  it(`sends ${ONLY ? 'the chosen' : PER_BACKEND} generated malformed requests`, async () => {
    const client = new HostileClient(server.url, CONCURRENCY);
    const started = Date.now();
    const byCategory = new Map<string, Map<string, number>>();
    try {
      sent = await client.run(requestsFor(world, first, PER_BACKEND), CONCURRENCY, (result) => {
        for (const check of Object.keys(CHECKS) as Check[]) if (CHECKS[check].offends(result)) offenders[check].push(result);
        const counts = byCategory.get(result.request.category) ?? new Map<string, number>();
        const status = result.response.error ? 'none' : `${Math.floor(result.response.status / 100)}xx`;
        counts.set(status, (counts.get(status) ?? 0) + 1);
        byCategory.set(result.request.category, counts);
      });
    } finally {
      client.close();
    }
    // A 503 (the database out of reach for a moment) or no answer at all can come from the shared
    // machine rather than from the request: on CI another test file may stall the disk for tens of
    // seconds. Those requests are sent once more, one at a time, after the run, and checked like
    // any other; a request that still gets a 5xx or no answer stays an offender. A crash (500) is
    // never retried.
    const stalled = offenders.serverError.filter((r) => r.response.error !== undefined || r.response.status === 503);
    if (stalled.length > 0) {
      offenders.serverError = offenders.serverError.filter((r) => !stalled.includes(r));
      const again = new HostileClient(server.url, 1);
      try {
        await again.run(stalled.map((r) => r.request), 1, (result) => {
          for (const check of Object.keys(CHECKS) as Check[]) if (CHECKS[check].offends(result)) offenders[check].push(result);
        });
      } finally {
        again.close();
      }
      console.log(`[fuzz ${backend}] ${stalled.length} request(s) met a stalled database (503 or no answer) and were sent again`);
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `[fuzz ${backend}] ${sent} requests (n ${first}–${first + PER_BACKEND - 1}, seed ${SEED}) in ${seconds.toFixed(1)} s\n` +
        [...byCategory].map(([c, counts]) => `  ${c.padEnd(14)} ${[...counts].map(([s, k]) => `${s}: ${k}`).join(', ')}`).join('\n'),
    );
    expect(sent).toBe(expected);
  }, 300_000);

  it('answers every request, none with a 5xx', () => expectNone('serverError'));

  it('answers every refusal with a JSON OperationOutcome', () => expectNone('notOutcome'));

  it('accepts none of the malformed or unauthorised writes', () => expectNone('acceptedWrite', 20));

  it('finds nothing with injected search values', () => expectNone('injectionFound'));

  it('is still healthy', async () => {
    const health = await server.call('GET', '/healthz');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    const me = await server.call('GET', '/auth/me', { token: world.sessions.resident.token });
    expect(me.status).toBe(200);
  });

  it('changed no stored data', async () => {
    expect(await snapshot(server)).toEqual(before);
  });
});
