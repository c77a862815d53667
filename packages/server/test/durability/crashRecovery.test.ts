import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { BACK_PAIN, contactBody } from '../api/backends';
import { startOviProcess, type OviProcess } from '../support/oviProcess';
import { allZero, checkStore, freshDatabase, inParallel, pgQuery, sleep, type Query } from './storeChecks';

/**
 * Ovi (main.ts, a real process) is SIGKILLed in the middle of a write load and restarted on the
 * same data. Every write it acknowledged (201/200) must be there afterwards, and nothing
 * half-written may be visible: every contact has its Task, every resource its history.
 */
type Backend = 'pglite' | 'postgres';

const RESIDENT_CLIENTS = 4;
const ADMIN_CLIENTS = 2;
const KILL_AFTER_MS = 1_500;
const MAX_REQUESTS_PER_CLIENT = 5_000;
const LOAD_HARD_LIMIT_MS = 20_000;

interface Load {
  /** Acknowledged contacts: QuestionnaireResponse id → `Task/<id>` from X-Ovi-Task. */
  contacts: Map<string, string>;
  /** Acknowledged Organization writes: id → the last acknowledged version and its name. */
  organizations: Map<string, { version: number; name: string }>;
  /** Answers that should not happen under load (anything but 201/200, or no answer before the kill). */
  unexpected: string[];
  /** Requests that got no answer because the process was killed under them. */
  cutOff: number;
}

async function pages(server: OviProcess, token: string, path: string): Promise<any[]> {
  const resources: any[] = [];
  for (let page = 0; page < 50; page++) {
    const r = await server.call('GET', `${path}&_count=100&_offset=${page * 100}`, { token });
    if (r.status !== 200) throw new Error(`GET ${path} page ${page}: ${r.status} ${JSON.stringify(r.body)}`);
    const entries = (r.body.entry ?? []).map((e: any) => e.resource);
    resources.push(...entries);
    if (entries.length < 100) {
      if (resources.length !== r.body.total) throw new Error(`GET ${path}: collected ${resources.length} but total says ${r.body.total}`);
      return resources;
    }
  }
  throw new Error(`GET ${path}: more than 50 pages`);
}

describe.each<Backend>(['pglite', 'postgres'])('SIGKILL in the middle of a write load, on %s', (backend) => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it('keeps every acknowledged write, and nothing half-written is visible after the restart', async () => {
    let where: { dataDir?: string; databaseUrl?: string };
    let sql: Query | undefined;
    if (backend === 'pglite') {
      const dataDir = await mkdtemp(join(tmpdir(), 'ovi-crash-pglite-'));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      where = { dataDir };
    } else {
      const database = await freshDatabase(inject('postgresUrl'), 'ovi_crash');
      cleanups.push(() => database.drop());
      where = { databaseUrl: database.url };
      sql = pgQuery(database.url);
    }

    const first = await startOviProcess({ ...where, name: `ovi-${backend}-1` });
    cleanups.push(() => first.kill('SIGKILL'));
    const resident = await first.login('resident');
    const admin = await first.login('admin');

    // The load: residents send contacts, admins create Organizations and update each once.
    const load: Load = { contacts: new Map(), organizations: new Map(), unexpected: [], cutOff: 0 };
    let killSent = false;
    const loadStarted = Date.now();
    const keepGoing = (i: number) => !killSent && i < MAX_REQUESTS_PER_CLIENT && Date.now() - loadStarted < LOAD_HARD_LIMIT_MS;
    const noAnswer = (what: string, error?: string) => {
      if (killSent) load.cutOff++;
      else load.unexpected.push(`${what}: no answer before the kill (${error})`);
    };

    const residentClient = async () => {
      for (let i = 0; keepGoing(i); i++) {
        const r = await first.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN), timeoutMs: 10_000 });
        if (r.status === 201) load.contacts.set(r.body.id, r.headers.get('x-ovi-task') ?? '');
        else if (r.status === 0) return noAnswer('POST QuestionnaireResponse', r.error);
        else load.unexpected.push(`POST QuestionnaireResponse: ${r.status} ${JSON.stringify(r.body)}`);
      }
    };
    const adminClient = async (client: number) => {
      for (let i = 0; keepGoing(i); i++) {
        const name = `Kestävyys ${backend} ${client}-${i}`;
        const created = await first.call('POST', '/fhir/R4/Organization', { token: admin.token, body: { resourceType: 'Organization', name, active: true }, timeoutMs: 10_000 });
        if (created.status === 0) return noAnswer('POST Organization', created.error);
        if (created.status !== 201) {
          load.unexpected.push(`POST Organization: ${created.status} ${JSON.stringify(created.body)}`);
          continue;
        }
        load.organizations.set(created.body.id, { version: 1, name });
        if (!keepGoing(i)) return;
        const renamed = `${name} v2`;
        const updated = await first.call('PUT', `/fhir/R4/Organization/${created.body.id}`, {
          token: admin.token,
          body: { ...created.body, name: renamed },
          headers: { 'if-match': 'W/"1"' },
          timeoutMs: 10_000,
        });
        if (updated.status === 200) load.organizations.set(created.body.id, { version: 2, name: renamed });
        else if (updated.status === 0) return noAnswer('PUT Organization', updated.error);
        else load.unexpected.push(`PUT Organization: ${updated.status} ${JSON.stringify(updated.body)}`);
      }
    };
    const clients = Promise.all([
      ...Array.from({ length: RESIDENT_CLIENTS }, () => residentClient()),
      ...Array.from({ length: ADMIN_CLIENTS }, (_, c) => adminClient(c)),
    ]);

    // Kill once the load has run KILL_AFTER_MS and written something of each kind.
    while (Date.now() - loadStarted < 15_000 && (Date.now() - loadStarted < KILL_AFTER_MS || load.contacts.size < 10 || load.organizations.size < 3)) await sleep(10);
    killSent = true;
    const killedAfterMs = Date.now() - loadStarted;
    await first.kill('SIGKILL');
    await clients;
    console.log(
      `[crash ${backend}] SIGKILL after ${killedAfterMs} ms: ${load.contacts.size} contacts and ${load.organizations.size} Organizations acknowledged ` +
        `(${[...load.organizations.values()].filter((o) => o.version === 2).length} updated), ${load.cutOff} requests cut off`,
    );
    expect(first.exit?.signal).toBe('SIGKILL');
    expect(load.unexpected, load.unexpected.slice(0, 10).join('\n')).toEqual([]);
    expect(load.contacts.size).toBeGreaterThanOrEqual(10);
    expect(load.organizations.size).toBeGreaterThanOrEqual(3);
    expect(load.cutOff, 'the kill should land while requests are in flight').toBeGreaterThan(0);

    // Restart on the same data. (If the database cannot be reopened, this throws with the server's output.)
    const restartStarted = Date.now();
    const second = await startOviProcess({ ...where, name: `ovi-${backend}-2`, readyTimeoutMs: 60_000 });
    cleanups.push(() => second.stop());
    console.log(`[crash ${backend}] restarted and ready in ${Date.now() - restartStarted} ms`);

    // Tokens issued before the crash still work: the signing key was stored, not kept in memory.
    expect((await second.call('GET', '/auth/me', { token: resident.token })).status).toBe(200);

    // Every acknowledged contact is there with its Task.
    const missingContacts = (
      await inParallel([...load.contacts], 8, async ([qrId, taskRef]) => {
        const qr = await second.call('GET', `/fhir/R4/QuestionnaireResponse/${qrId}`, { token: resident.token });
        const task = await second.call('GET', `/fhir/R4/${taskRef}`, { token: resident.token });
        const problems: string[] = [];
        if (qr.status !== 200) problems.push(`QuestionnaireResponse/${qrId}: ${qr.status}`);
        if (task.status !== 200) problems.push(`${taskRef}: ${task.status}`);
        else if (task.body.focus?.reference !== `QuestionnaireResponse/${qrId}` || task.body.for?.reference !== resident.fhirUser) problems.push(`${taskRef}: focus ${task.body.focus?.reference}, for ${task.body.for?.reference}`);
        return problems;
      })
    ).flat();
    expect(missingContacts, missingContacts.slice(0, 10).join('\n')).toEqual([]);

    // Every acknowledged Organization write is there, at least at the acknowledged version.
    const missingOrganizations = (
      await inParallel([...load.organizations], 8, async ([id, acked]) => {
        const current = await second.call('GET', `/fhir/R4/Organization/${id}`, { token: admin.token });
        if (current.status !== 200) return [`Organization/${id}: ${current.status}`];
        if (Number(current.body.meta.versionId) < acked.version) return [`Organization/${id}: version ${current.body.meta.versionId}, acknowledged ${acked.version}`];
        const version = await second.call('GET', `/fhir/R4/Organization/${id}/_history/${acked.version}`, { token: admin.token });
        if (version.status !== 200 || version.body.name !== acked.name) return [`Organization/${id}/_history/${acked.version}: ${version.status} ${version.body?.name}`];
        return [];
      })
    ).flat();
    expect(missingOrganizations, missingOrganizations.slice(0, 10).join('\n')).toEqual([]);

    // Through the API as the resident: every Task's focus exists, every contact has its Task,
    // and the searches find every acknowledged one (the search index was written with them).
    const tasks = await pages(second, resident.token, `/fhir/R4/Task?patient=${resident.fhirUser}`);
    const responses = await pages(second, resident.token, `/fhir/R4/QuestionnaireResponse?subject=${resident.fhirUser}`);
    const responseIds = new Set(responses.map((r) => r.id as string));
    const taskIds = new Set(tasks.map((t) => `Task/${t.id}`));
    const focused = new Set(tasks.map((t) => t.focus?.reference).filter((ref): ref is string => !!ref?.startsWith('QuestionnaireResponse/')));
    const brokenFocus = (
      await inParallel([...focused].filter((ref) => !load.contacts.has(ref.replace('QuestionnaireResponse/', ''))), 8, async (ref) => {
        const r = await second.call('GET', `/fhir/R4/${ref}`, { token: resident.token });
        return r.status === 200 ? [] : [`${ref}: ${r.status}`];
      })
    ).flat();
    expect(brokenFocus, 'Tasks whose contact is missing').toEqual([]);
    expect([...focused].filter((ref) => !responseIds.has(ref.replace('QuestionnaireResponse/', ''))), 'Tasks whose contact the search does not find').toEqual([]);
    expect([...responseIds].filter((id) => !focused.has(`QuestionnaireResponse/${id}`)), 'contacts without a Task').toEqual([]);
    expect([...load.contacts.keys()].filter((id) => !responseIds.has(id)), 'acknowledged contacts the search does not find').toEqual([]);
    expect([...load.contacts.values()].filter((ref) => !taskIds.has(ref)), 'acknowledged Tasks the search does not find').toEqual([]);
    const found = await pages(second, admin.token, `/fhir/R4/Organization?name=${encodeURIComponent(`Kestävyys ${backend}`)}`);
    const foundIds = new Set(found.map((o) => o.id as string));
    expect([...load.organizations.keys()].filter((id) => !foundIds.has(id)), 'acknowledged Organizations the search does not find').toEqual([]);

    // The restarted server takes writes again.
    const after = await second.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
    expect(after.status, JSON.stringify(after.body)).toBe(201);

    // In the tables: rows, history, index and Tasks agree.
    if (sql) {
      const counts = await checkStore(sql);
      expect(counts).toEqual(allZero(counts));
    } else {
      // PGlite serves one process: stop the server cleanly, then open its folder here.
      await second.stop();
      expect(second.exit?.code, second.output()).toBe(0);
      const db = await PGlite.create(where.dataDir);
      try {
        const counts = await checkStore((text, values) => db.query(text, values as unknown[]));
        expect(counts).toEqual(allZero(counts));
      } finally {
        await db.close();
      }
    }
  }, 110_000);
});

describe('SIGKILL during the first start, while the demo region is being loaded (PostgreSQL)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it('the restarted server has the whole demo region, not the half written before the kill', async () => {
    const database = await freshDatabase(inject('postgresUrl'), 'ovi_seedcrash');
    cleanups.push(() => database.drop());
    const sql = pgQuery(database.url);
    const first = await startOviProcess({ databaseUrl: database.url, name: 'ovi-seed-1', waitUntilReady: false });
    cleanups.push(() => first.kill('SIGKILL'));

    // Kill as soon as the region's resources are committed but before the demo contacts are in.
    const state = async () => {
      try {
        const r = await sql(
          "SELECT (SELECT count(*)::int FROM resource) AS resources, (SELECT count(*)::int FROM resource WHERE resource_type = 'QuestionnaireResponse') AS contacts, (SELECT count(*)::int FROM app_user) AS accounts",
        );
        return r.rows[0] as { resources: number; contacts: number; accounts: number };
      } catch {
        return { resources: 0, contacts: 0, accounts: 0 }; // not migrated yet
      }
    };
    const deadline = Date.now() + 60_000;
    let atKill = await state();
    while (atKill.resources === 0 && !first.exit && Date.now() < deadline) {
      await sleep(20);
      atKill = await state();
    }
    await first.kill('SIGKILL');
    atKill = await state();
    console.log(`[seed crash] killed with ${atKill.resources} resources, ${atKill.accounts} accounts, ${atKill.contacts} demo contacts stored`);
    expect(atKill.resources, 'the kill should land after the region was committed').toBeGreaterThan(0);
    expect(atKill.contacts, 'the kill should land before the demo contacts were stored').toBe(0);

    const second = await startOviProcess({ databaseUrl: database.url, name: 'ovi-seed-2', readyTimeoutMs: 60_000 });
    cleanups.push(() => second.stop());
    // Every demo account of the README logs in, the queue holds the demo contacts, and times are offered.
    const failed: string[] = [];
    for (const username of ['resident', 'guidance', 'physician', 'physio', 'social', 'manager', 'admin']) {
      const r = await second.call('POST', '/auth/login', { body: { username, password: 'demo' }, headers: { 'content-type': 'application/json' } });
      if (r.status !== 200) failed.push(`login ${username}: ${r.status}`);
    }
    expect(failed, failed.join('\n')).toEqual([]);
    const guidance = await second.login('guidance');
    const queue = await second.call('GET', '/api/guidance/queue', { token: guidance.token });
    expect(queue.status).toBe(200);
    expect(queue.body.items.length, 'demo contacts in the guidance queue').toBeGreaterThan(0);
    const schedules = await sql("SELECT count(*)::int AS n FROM resource WHERE resource_type = 'Schedule'");
    const templates = await sql("SELECT count(*)::int AS n FROM app_setting WHERE name LIKE 'schedule-template%'");
    expect(schedules.rows[0].n, 'a Schedule for every professional with a template').toBeGreaterThanOrEqual(Math.max(1, templates.rows[0].n));
    const counts = await checkStore(sql);
    expect(counts).toEqual(allZero(counts));
  }, 100_000);
});
