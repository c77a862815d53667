import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Patient } from '@medplum/fhirtypes';
import { createOvi, type Ovi } from '../../src/app';
import { restoreFromFile } from '../../src/backup/backupReader';
import { backupToFile, writeBackup, type BackupSummary } from '../../src/backup/backupWriter';
import { BACKUP_TABLES, BackupError, NOT_BACKED_UP, currentSchemaVersion, schemaDifferences } from '../../src/backup/tables';
import type { Database } from '../../src/db/database';
import { openDatabase } from '../../src/db/openDatabase';
import { BACK_PAIN, contactBody } from '../api/backends';
import { BACKENDS, createPostgresDatabase, freshDatabase, snapshot, tableCounts, type Backend } from './databases';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const postgresUrl = inject('postgresUrl');

/** A resource whose content a JavaScript round trip would change: decimals, big numbers, odd text. */
const EDGE_CONTENT = String.raw`{"resourceType": "Basic", "id": "backup-edge", "code": {"text": "reuna"}, "extension": [
  {"url": "urn:ovi:test:decimal", "valueDecimal": 1.50},
  {"url": "urn:ovi:test:big", "valueDecimal": 12345678901234567890123.000},
  {"url": "urn:ovi:test:small", "valueDecimal": 1e-7},
  {"url": "urn:ovi:test:text", "valueString": "äö€ 😀 \u2028 rivi\nvaihto \"lainaus\" kenoviiva\\ {a,b} NULL"}]}`;
const EDGE_ROLES = ['professional', 'a,b', '{braces}', 'q"uote', 'back\\slash', 'NULL', '', 'rivi\nvaihto'];

interface Source {
  backend: Backend;
  ovi: Ovi;
  file: string;
  summary: BackupSummary;
  rows: Record<string, string[]>;
  residentId: string;
  close(): Promise<void>;
}

let dir: string;
const sources = {} as Record<Backend, Source>;

/** The demo region, a contact sent over HTTP, a new Patient version, and rows a naive backup would mangle. */
async function seededSource(backend: Backend): Promise<Source> {
  const database = backend === 'postgres' ? await createPostgresDatabase(postgresUrl) : undefined;
  const ovi = await createOvi({ port: 0, host: '127.0.0.1', databaseUrl: database?.url, dataDir: undefined, seedDemo: true, logLevel: 'silent', bodyLimit: 1 << 20, reminderIntervalMinutes: 0 });
  const { db, store } = ovi.services;
  const login = await ovi.app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'resident', password: 'demo' } });
  expect(login.statusCode).toBe(200);
  const { access_token: token, fhirUser } = login.json() as { access_token: string; fhirUser: string };
  const sent = await ovi.app.inject({
    method: 'POST',
    url: '/fhir/R4/QuestionnaireResponse',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
    payload: JSON.stringify(contactBody(fhirUser, BACK_PAIN)),
  });
  expect(sent.statusCode).toBe(201);
  const residentId = fhirUser.split('/')[1] ?? '';
  await store.update<Patient>('Patient', residentId, (current) => ({ ...current, telecom: [...(current.telecom ?? []), { system: 'email' as const, value: 'varmuuskopio@example.invalid' }] }));

  await db.query(
    `INSERT INTO resource (resource_type, id, version_id, last_updated, content) VALUES ('Basic', 'backup-edge', 2, '2024-02-29T23:59:59.123456Z', $1::text::jsonb)`,
    [EDGE_CONTENT],
  );
  await db.query(
    `INSERT INTO resource_history (resource_type, id, version_id, last_updated, content)
     VALUES ('Basic', 'backup-edge', 1, '2024-02-28T00:00:00.000001Z', '{"resourceType": "Basic", "id": "backup-edge"}'),
            ('Basic', 'backup-edge', 2, '2024-02-29T23:59:59.123456Z', $1::text::jsonb)`,
    [EDGE_CONTENT],
  );
  // The index tables have no key: identical rows are possible and must survive.
  await db.query(`INSERT INTO search_token (resource_type, resource_id, param, system, value) VALUES ('Basic', 'backup-edge', 'code', NULL, 'reuna'), ('Basic', 'backup-edge', 'code', NULL, 'reuna')`);
  await db.query(`INSERT INTO search_date (resource_type, resource_id, param, low, high) VALUES ('Basic', 'backup-edge', 'date', '-infinity', 'infinity')`);
  await db.query(
    `INSERT INTO app_user (username, password_hash, roles, fhir_user, display_name, failed_attempts, locked_until, token_generation, disabled_at)
     VALUES ('backup-edge', 'scrypt$x', $1::text[], 'Practitioner/backup-edge', 'Åsa "Testi" Öberg', 3, '2031-01-02T03:04:05.678901Z', 7, '2030-05-06T07:08:09.123456Z')`,
    [EDGE_ROLES],
  );
  await db.query(`INSERT INTO notification_sent (appointment_id, kind) VALUES ('backup-edge', 'reminder')`);
  // A file with every byte value (NUL too) must come back bit for bit.
  await db.query(`INSERT INTO message_attachment (id, content_type, size, data, uploaded_by, communication_id) VALUES ('backup-edge', 'image/png', 256, $1, 'Patient/backup-edge', NULL)`, [
    Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  ]);
  await db.query(
    `INSERT INTO wait_list_entry (appointment_id, patient_id, joined_by, visit_type, profession, location, current_start, not_before, not_after, weekdays_only, joined_at)
     VALUES ('backup-edge', 'backup-edge', 'Patient/backup-edge', 'physio-visit', NULL, 'Location/x', '2030-05-06T07:08:09.123456Z', '09:00', NULL, true, '2024-02-29T23:59:59.123456Z')`,
  );
  await db.query(
    `INSERT INTO wait_list_offer (id, appointment_id, slot_id, patient_id, joined_by, offered_at, expires_at, status, notified_at, decided_at)
     VALUES ('backup-edge', 'backup-edge', 'x', 'backup-edge', 'Patient/backup-edge', '2024-02-29T23:59:59.123456Z', '2030-05-06T07:08:09.123456Z', 'open', NULL, NULL)`,
  );
  await db.query(
    `INSERT INTO chat_session (id, service, task_id, patient, anonymous, token_hash, state, urgency_rank, created_at, taken_by, taken_by_name, taken_at, closed_at)
     VALUES ('backup-edge', 'health-guidance', 'backup-edge', 'Patient/backup-edge', false, 'ab12', 'closed', 0, '2024-02-29T23:59:59.123456Z', 'Practitioner/x', 'Åsa "Testi" Öberg', '2024-03-01T00:00:00.000001Z', NULL)`,
  );
  await db.query(`INSERT INTO configuration_gap (service, urgency, age_band, occurrences) VALUES ('backup-edge', 'non-urgent', '30–34', 2)`);
  await db.query(
    `INSERT INTO feedback_invitation (id, visit, patient, context, created_at, expires_at, token_hash, email_state, answered)
     VALUES ('backup-edge', 'Appointment/backup-edge', 'Patient/backup-edge', '{"kind": "visit", "month": "2024-02", "unitName": "Åsa \\"Testi\\""}', '2024-02-29T23:59:59.123456Z', '2024-03-14T23:59:59.123456Z', 'ab12', 'sent', true)`,
  );
  await db.query(
    `INSERT INTO feedback_handling (response_id, handled_at, handled_by, reply_text, replied_at, replied_by)
     VALUES ('backup-edge', '2024-02-29T23:59:59.123456Z', 'backup-edge', 'Kiitos palautteesta.\nRivi ✓', NULL, NULL)`,
  );
  await db.query(
    `INSERT INTO app_setting_history (name, version, value, updated_at, updated_by)
     VALUES ('backup-edge', 1, $1::text::jsonb, '2024-02-29T23:59:59.123456Z', NULL), ('backup-edge', 2, '{"kenoviiva": "\\\\", "rivi": "a\\nb ✓"}', '2030-05-06T07:08:09.123456Z', 'Åsa "Testi" Öberg')`,
    [EDGE_CONTENT],
  );

  await db.query(
    `INSERT INTO smart_app (client_id, name, redirect_uris, origins, registered_at, registered_by)
     VALUES ('backup-edge', 'Päiväkirja "Åsa"', ARRAY['https://app.example/cb?x=1,2', 'http://127.0.0.1:9/{cb}'], ARRAY[]::text[], '2024-02-29T23:59:59.123456Z', 'admin')`,
  );
  const file = join(dir, `${backend}.ovi.gz`);
  const summary = await backupToFile(db, file);
  return {
    backend,
    ovi,
    file,
    summary,
    rows: await snapshot(db),
    residentId,
    close: async () => {
      await ovi.close();
      await database?.drop();
    },
  };
}

function expectSameRows(actual: Record<string, string[]>, expected: Record<string, string[]>): void {
  for (const table of BACKUP_TABLES) {
    expect(actual[table.name]?.length, `${table.name} row count`).toBe(expected[table.name]?.length);
    expect(actual[table.name], `${table.name} rows`).toEqual(expected[table.name]);
  }
}

const allZero = Object.fromEntries(BACKUP_TABLES.map((t) => [t.name, 0]));

/** Decompresses a backup, changes its lines, and writes the result as a new file. */
function rewritten(file: string, name: string, change: (lines: string[]) => string[], compress = true): string {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  const text = change(lines).join('\n');
  const out = join(dir, name);
  writeFileSync(out, compress ? gzipSync(text) : text);
  return out;
}

function backupLines(file: string): string[] {
  return gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter(Boolean);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ovi-backup-test-'));
  const [pglite, postgres] = await Promise.all([seededSource('pglite'), seededSource('postgres')]);
  sources.pglite = pglite;
  sources.postgres = postgres;
}, 180_000);

afterAll(async () => {
  await Promise.all(Object.values(sources).map((s) => s.close()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the backup table list', () => {
  it.each(BACKENDS)('covers every table and column of the migrated schema on %s', async (backend) => {
    const target = await freshDatabase(backend, postgresUrl);
    try {
      // Fails when a migration adds a table or column that src/backup/tables.ts does not know.
      expect(await schemaDifferences(target.db)).toEqual([]);
      const tables = await target.db.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> ALL($1::text[]) ORDER BY table_name",
        [[...NOT_BACKED_UP]],
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(BACKUP_TABLES.map((t) => t.name).sort());
    } finally {
      await target.close();
    }
  });

  it('refuses to back up a table it does not know', async () => {
    const target = await freshDatabase('pglite', postgresUrl);
    try {
      await target.db.query('CREATE TABLE unexpected_table (id int PRIMARY KEY)');
      await target.db.query('ALTER TABLE app_user ADD COLUMN unexpected_column text');
      const error = await writeBackup(target.db, new Writable({ write: (_c, _e, done) => done() })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupError);
      expect((error as Error).message).toMatch(/table unexpected_table is not in the backup/);
      expect((error as Error).message).toMatch(/column app_user.unexpected_column is not in the backup/);
    } finally {
      await target.close();
    }
  });
});

describe('a backup', () => {
  it.each(BACKENDS)('of %s has the header, every table and an end line with the counts', async (backend) => {
    const source = sources[backend];
    const lines = backupLines(source.file);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      format: 'ovi-backup',
      version: 1,
      schemaVersion: await currentSchemaVersion(source.ovi.services.db),
      createdAt: source.summary.createdAt,
      database: backend,
    });
    expect(JSON.parse(lines.at(-1) ?? '')).toEqual({ end: true, counts: source.summary.counts });
    expect(source.summary.counts).toEqual(await tableCounts(source.ovi.services.db));
    for (const table of BACKUP_TABLES) expect(source.summary.counts[table.name], table.name).toBeGreaterThan(0);
    expect(lines).toHaveLength(source.summary.rows + 2);
    // jsonb is carried as stored, not through a JavaScript number.
    const edge = lines.find((l) => l.startsWith('{"table":"resource","row":') && l.includes('"backup-edge"'));
    expect(edge).toContain('"valueDecimal": 1.50');
    expect(edge).toContain('"valueDecimal": 12345678901234567890123.000');
    expect(edge).toContain('"last_updated": "2024-02-29T23:59:59.123456+00:00"');
  });

  it.each(BACKENDS)('of %s reads the same rows with any page size (keyset pages, owners split across pages)', async (backend) => {
    const source = sources[backend];
    const file = join(dir, `${backend}-small-pages.ovi.gz`);
    const summary = await backupToFile(source.ovi.services.db, file, { pageSize: 7 });
    expect(summary.counts).toEqual(source.summary.counts);
    expect(backupLines(file).slice(1).sort()).toEqual(backupLines(source.file).slice(1).sort());
  });

  it('is one consistent snapshot while PostgreSQL keeps taking writes', async () => {
    const target = await freshDatabase('postgres', postgresUrl);
    try {
      await restoreFromFile(target.db, sources.postgres.file);
      let release: () => void = () => undefined;
      let firstWrite: () => void = () => undefined;
      const started = new Promise<void>((resolve) => (firstWrite = resolve));
      const chunks: Buffer[] = [];
      let held = false;
      const output = new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          if (held) return done();
          held = true;
          release = done; // hold the backup here until the concurrent writes are committed
          firstWrite();
        },
      });
      const backup = writeBackup(target.db, output, { pageSize: 100 });
      await started;
      // Through other pool connections, while the backup's transaction is open.
      await target.db.query(`INSERT INTO resource (resource_type, id, version_id, last_updated, content) VALUES ('Zzz', 'later', 1, now(), '{}')`);
      await target.db.query(`INSERT INTO search_token (resource_type, resource_id, param, system, value) VALUES ('Zzz', 'later', 'x', NULL, 'y')`);
      await target.db.query(`DELETE FROM slot_availability WHERE slot_id IN (SELECT slot_id FROM slot_availability ORDER BY slot_id DESC LIMIT 10)`);
      await target.db.query(`UPDATE app_setting SET version = version + 100`);
      release();
      const summary = await backup;
      expect(summary.counts).toEqual(sources.postgres.summary.counts);
      const file = join(dir, 'during-writes.ovi.gz');
      writeFileSync(file, Buffer.concat(chunks));
      const check = await freshDatabase('pglite', postgresUrl);
      try {
        await restoreFromFile(check.db, file);
        expectSameRows(await snapshot(check.db), sources.postgres.rows);
      } finally {
        await check.close();
      }
    } finally {
      await target.close();
    }
  });
});

describe('restore', () => {
  const pairs: Array<[Backend, Backend]> = [
    ['pglite', 'postgres'],
    ['postgres', 'pglite'],
    ['pglite', 'pglite'],
    ['postgres', 'postgres'],
  ];

  it.each(pairs)('puts a %s backup into an empty %s database row for row', async (from, to) => {
    const source = sources[from];
    const target = await freshDatabase(to, postgresUrl);
    try {
      const summary = await restoreFromFile(target.db, source.file);
      expect(summary.counts).toEqual(source.summary.counts);
      expect(summary.rows).toBe(source.summary.rows);
      expect(summary.createdAt).toBe(source.summary.createdAt);
      expectSameRows(await snapshot(target.db), source.rows);

      // Spelled out: every resource's content and version, and the history behind it.
      const resources = `SELECT resource_type, id, version_id, content::text AS content FROM resource ORDER BY resource_type, id`;
      const history = `SELECT resource_type, id, version_id, content::text AS content FROM resource_history ORDER BY resource_type, id, version_id`;
      const sortRows = (rows: Array<Record<string, unknown>>) => rows.map((r) => JSON.stringify(r)).sort();
      expect(sortRows((await target.db.query(resources)).rows)).toEqual(sortRows((await source.ovi.services.db.query(resources)).rows));
      expect(sortRows((await target.db.query(history)).rows)).toEqual(sortRows((await source.ovi.services.db.query(history)).rows));
      const edge = await target.db.query<{ version_id: number; content: string; last_updated: string }>(
        `SELECT version_id, content::text AS content, to_char(last_updated AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS last_updated FROM resource WHERE id = 'backup-edge'`,
      );
      expect(edge.rows[0]?.version_id).toBe(2);
      expect(edge.rows[0]?.last_updated).toBe('2024-02-29 23:59:59.123456');
      expect(edge.rows[0]?.content).toContain('"valueDecimal": 1.50');
      const user = await target.db.query<{ roles: string[] | string; locked: string }>(
        `SELECT array_to_json(roles)::text AS roles, to_char(locked_until AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS locked FROM app_user WHERE username = 'backup-edge'`,
      );
      expect(JSON.parse(String(user.rows[0]?.roles))).toEqual(EDGE_ROLES);
      expect(user.rows[0]?.locked).toBe('2031-01-02 03:04:05.678901');
      const patient = await target.db.query<{ version_id: number; n: number }>(
        `SELECT r.version_id, (SELECT count(*)::int FROM resource_history h WHERE h.resource_type = r.resource_type AND h.id = r.id) AS n FROM resource r WHERE resource_type = 'Patient' AND id = $1`,
        [source.residentId],
      );
      expect(patient.rows[0]).toEqual({ version_id: 2, n: 2 });
    } finally {
      await target.close();
    }
  });

  it('gives a working Ovi: the restored accounts log in and read their data', async () => {
    const target = await freshDatabase('postgres', postgresUrl);
    try {
      await restoreFromFile(target.db, sources.pglite.file);
      const ovi = await createOvi({ port: 0, host: '127.0.0.1', databaseUrl: target.url, dataDir: undefined, seedDemo: true, logLevel: 'silent', bodyLimit: 1 << 20, reminderIntervalMinutes: 0 });
      try {
        const login = await ovi.app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'resident', password: 'demo' } });
        expect(login.statusCode).toBe(200);
        const { access_token: token } = login.json() as { access_token: string };
        const patient = await ovi.app.inject({ method: 'GET', url: `/fhir/R4/Patient/${sources.pglite.residentId}`, headers: { authorization: `Bearer ${token}` } });
        expect(patient.statusCode).toBe(200);
        expect(patient.json().meta.versionId).toBe('2');
        expect(JSON.stringify(patient.json().telecom)).toContain('varmuuskopio@example.invalid');
      } finally {
        await ovi.close();
      }
    } finally {
      await target.close();
    }
  });

  it.each(BACKENDS)('refuses a database that is not empty (%s), changing nothing', async (backend) => {
    const source = sources[backend];
    const before = await tableCounts(source.ovi.services.db);
    const error = await restoreFromFile(source.ovi.services.db, sources.pglite.file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect(error).toMatchObject({ exitCode: 2, message: expect.stringMatching(/refusing to restore: the database is not empty \(rows in resource, /) });
    expect(await tableCounts(source.ovi.services.db)).toEqual(before);

    // Any table with rows counts, not only resource.
    const target = await freshDatabase(backend, postgresUrl);
    try {
      await target.db.query(`INSERT INTO app_setting (name, version, value, updated_at) VALUES ('x', 1, '{}', now())`);
      await expect(restoreFromFile(target.db, sources.pglite.file)).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/not empty \(rows in app_setting\)/) });
    } finally {
      await target.close();
    }
  });

  it('refuses a file with a tampered or foreign header, restoring nothing', async () => {
    const target = await freshDatabase('pglite', postgresUrl);
    try {
      const file = sources.pglite.file;
      const header = JSON.parse(backupLines(file)[0] ?? '') as Record<string, unknown>;
      const withHeader = (name: string, changed: unknown) => rewritten(file, name, ([, ...rest]) => [typeof changed === 'string' ? changed : JSON.stringify(changed), ...rest]);
      const cases: Array<[string, RegExp]> = [
        [withHeader('format.gz', { ...header, format: 'pg_dump' }), /not an Ovi backup: the header's format is "pg_dump"/],
        [withHeader('version.gz', { ...header, version: 2 }), /unsupported backup format version 2/],
        [withHeader('schema.gz', { ...header, schemaVersion: Number(header.schemaVersion) + 1 }), /schema version \d+ but this database has \d+/],
        [withHeader('noschema.gz', { ...header, schemaVersion: undefined }), /no schemaVersion/],
        [withHeader('garbage.gz', 'hello'), /not an Ovi backup: the first line is not a JSON header/],
        [rewritten(file, 'plain.json', (lines) => lines, false), /not an Ovi backup: the file is not gzip-compressed/],
      ];
      for (const [tampered, message] of cases) {
        const error = await restoreFromFile(target.db, tampered).catch((e: unknown) => e);
        expect(error, tampered).toBeInstanceOf(BackupError);
        expect(error, tampered).toMatchObject({ exitCode: 2, message: expect.stringMatching(message) });
      }
      expect(await tableCounts(target.db)).toEqual(allZero);
    } finally {
      await target.close();
    }
  });

  it.each(BACKENDS)('rolls a truncated or damaged file back completely on %s', async (backend) => {
    const target = await freshDatabase(backend, postgresUrl);
    try {
      const file = sources.postgres.file;
      const bytes = readFileSync(file);
      const cut = join(dir, `${backend}-cut.gz`);
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      const lineCount = backupLines(file).length;
      const cases: Array<[string, RegExp]> = [
        [cut, /the backup file is truncated \(unexpected end of file\); nothing was restored/],
        [rewritten(file, `${backend}-lines.gz`, (lines) => lines.slice(0, Math.floor(lineCount * 0.8))), /incomplete: its end line is missing/],
        [rewritten(file, `${backend}-nolast.gz`, (lines) => lines.filter((_, i) => i !== lineCount - 2)), /incomplete: slot_availability has \d+ rows, the end line says \d+/],
        [
          rewritten(file, `${backend}-baddate.gz`, (lines) => lines.map((l, i) => (i === lineCount - 3 ? l.replace(/"start_at": "[^"]*"/, '"start_at": "eilen"') : l))),
          /slot_availability rows do not fit the database .*nothing was restored/,
        ],
        [
          rewritten(file, `${backend}-nocolumn.gz`, (lines) => lines.map((l, i) => (i === lineCount - 3 ? l.replace(/"status": "[^"]*", /, '') : l))),
          /damaged at line \d+: the slot_availability row lacks status/,
        ],
        [rewritten(file, `${backend}-json.gz`, (lines) => lines.map((l, i) => (i === 5 ? l.slice(0, 40) : l))), /damaged at line 6: it is not valid JSON/],
      ];
      for (const [damaged, message] of cases) {
        let batches = 0;
        const error = await restoreFromFile(target.db, damaged, { onBatch: () => (batches += 1) }).catch((e: unknown) => e);
        expect(error, damaged).toBeInstanceOf(BackupError);
        expect(error, damaged).toMatchObject({ exitCode: 1, message: expect.stringMatching(message) });
        if (!damaged.endsWith('-json.gz')) expect(batches, `${damaged}: rows were inserted before the failure`).toBeGreaterThan(3);
        expect(await tableCounts(target.db), damaged).toEqual(allZero);
      }
      // Nothing was left behind (rows, locks): the intact file restores into the same database.
      await restoreFromFile(target.db, file);
      expectSameRows(await snapshot(target.db), sources.postgres.rows);
    } finally {
      await target.close();
    }
  });
});

describe('the ovi command', () => {
  const cli = join(repoRoot, 'packages/server/src/cli.ts');
  const run = (args: string[], env: Record<string, string>) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) });
      });
    });

  it('backs up one PGlite data folder and restores it into another', { timeout: 180_000 }, async () => {
    const from = join(dir, 'cli-from');
    const to = join(dir, 'cli-to');
    const file = join(dir, 'cli.ovi.gz');
    const seed: Database = await openDatabase({ dataDir: from });
    await restoreFromFile(seed, sources.pglite.file);
    await seed.close();

    const backup = await run(['backup', file], { OVI_DATA_DIR: from });
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(new RegExp(`^ovi backup: ${sources.pglite.summary.rows} rows \\(resource ${sources.pglite.summary.counts.resource}, resource_history \\d+, .*\\), schema \\d+, from embedded database .*cli-from to .*cli\\.ovi\\.gz \\([\\d.]+ MB\\) in [\\d.]+ s\\n$`));

    const restore = await run(['restore', file], { OVI_DATA_DIR: to });
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(new RegExp(`^ovi restore: ${sources.pglite.summary.rows} rows \\(resource ${sources.pglite.summary.counts.resource}, .*slot_availability \\d+\\), schema \\d+, backup of .*, from .*cli\\.ovi\\.gz into embedded database .*cli-to in [\\d.]+ s\\n$`));

    const again = await run(['restore', file], { OVI_DATA_DIR: to });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^ovi restore failed: refusing to restore: the database is not empty/);
    expect(again.stderr).not.toMatch(/\n\s+at /); // no stack trace without DEBUG

    const usage = await run(['backup'], {});
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^usage: ovi backup <file>/);

    const noDatabase = await run(['backup', join(dir, 'x.gz')], { OVI_DATA_DIR: join(dir, 'no-such-folder') });
    expect(noDatabase.code).toBe(2);
    expect(noDatabase.stderr).toMatch(/^ovi backup failed: there is no embedded database in .*no-such-folder/);

    const restored = await openDatabase({ dataDir: to });
    try {
      expectSameRows(await snapshot(restored), sources.pglite.rows);
    } finally {
      await restored.close();
    }
  });
});
