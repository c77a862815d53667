import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { validateResource } from '@medplum/core';
import type { Patient } from '@medplum/fhirtypes';
import { SYSTEMS } from '@ovi/domain';
import { createOvi } from '../../src/app';
import { loadFhirDefinitions } from '../../src/fhir/definitions';
import { linkReferences, planSyntheaImport } from '../../src/import/syntheaMapping';
import { importSyntheaBundle } from '../../src/import/syntheaImport';
import { freshPostgresDatabase, type TestServer } from './oviTestServer';
import { BACKENDS, countNonAudit, startOn } from './backends';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..', '..');
const FIXTURE = join(here, '..', 'fixtures', 'synthea-tuula-virtanen.json');
const bundle = () => JSON.parse(readFileSync(FIXTURE, 'utf8'));
const AINO = 'Patient/p-aino-nieminen';

describe('the Synthea mapping', () => {
  beforeAll(() => loadFhirDefinitions());

  it('is an R4-valid transaction fixture of about fifteen entries', () => {
    const b = bundle();
    expect(b.entry.length).toBeGreaterThanOrEqual(15);
    expect(() => validateResource(b)).not.toThrow();
  });

  it('keeps the clinical records, visits first, maps prescriptions in use, and drops the rest with reasons', () => {
    const plan = planSyntheaImport(bundle(), AINO);
    expect(plan.entries.map((e) => e.resource.resourceType)).toEqual([
      'Encounter', 'Encounter', 'Condition', 'Condition', 'AllergyIntolerance', 'Procedure', 'MedicationStatement', 'MedicationStatement', 'Immunization', 'Observation', 'Observation',
    ]);
    expect(plan.dropped.map((d) => d.resourceType).sort()).toEqual(['Claim', 'MedicationRequest', 'Organization', 'Practitioner', 'Provenance']);
    expect(plan.dropped.find((d) => d.resourceType === 'MedicationRequest')?.reason).toMatch(/cancelled prescription was never in use/);
    const statements = plan.entries.filter((e) => e.resource.resourceType === 'MedicationStatement').map((e) => e.resource as any);
    expect(statements.map((s) => s.status)).toEqual(['active', 'stopped']);
    expect(statements[0].medicationCodeableConcept.coding[0]).toMatchObject({ system: 'http://www.whocc.no/atc', code: 'C09AA02' });
    // Ovi gives ids and labels: none travel from the source.
    expect(plan.entries.every((e) => e.resource.id === undefined && e.resource.meta === undefined)).toBe(true);
    expect(plan.patientSources).toContain('urn:uuid:5b2c5f4e-2d0a-4c7e-9a52-0b8a8f6e1a01');
  });

  it('points references at what the records became, and keeps others as display text only', () => {
    const plan = planSyntheaImport(bundle(), AINO);
    const encounter = plan.entries[0]?.resource;
    const { resource, unlinked } = linkReferences(encounter as any, (r) => (r.startsWith('urn:uuid:5b2c') ? AINO : undefined));
    expect((resource as any).subject).toEqual({ reference: AINO });
    expect((resource as any).participant[0].individual).toEqual({ display: 'Dr. Erkki Lahtinen' });
    expect((resource as any).serviceProvider).toEqual({ display: 'Keski-Pohjanmaan terveysasema' });
    expect(unlinked).toHaveLength(2);
  });

  it('refuses a bundle that is not one client’s records', () => {
    expect(() => planSyntheaImport({ resourceType: 'Patient' }, AINO)).toThrow(/Bundle/);
    expect(() => planSyntheaImport({ ...bundle(), type: 'searchset' }, AINO)).toThrow(/searchset/);
    const two = bundle();
    two.entry.push(two.entry[0]);
    expect(() => planSyntheaImport(two, AINO)).toThrow(/exactly one Patient/);
  });
});

describe.each(BACKENDS)('loading a Synthea-style bundle on %s', (backend) => {
  let server: TestServer;
  let resident: { token: string; fhirUser: string };
  let physician: { token: string; fhirUser: string };

  beforeAll(async () => {
    server = await startOn(backend);
    resident = await server.login('resident');
    physician = await server.login('physician');
  });
  afterAll(async () => server?.close());

  it('writes each record for the mapped client through the FHIR service, audited on the recorded reason', async () => {
    const user = await server.ovi.services.accounts.userByName('physician');
    const ctx = { user: user!, reason: 'Testiaineiston lataus', baseUrl: `${server.url}/fhir/R4` };
    const report = await importSyntheaBundle(server.ovi.services.fhir, ctx, bundle(), resident.fhirUser);
    expect(report.failed).toEqual([]);
    expect(report.created).toHaveLength(11);
    expect(report.dropped).toHaveLength(5);

    // The client sees their own records, each valid R4, linked to each other and to no one else.
    const read = async (type: string) => {
      const r = await server.call('GET', `/fhir/R4/${type}?_count=50`, { token: resident.token });
      expect(r.status, type).toBe(200);
      return r.body.entry.map((e: any) => e.resource);
    };
    const encounters = await read('Encounter');
    const conditions = await read('Condition');
    const procedures = await read('Procedure');
    const all = [...encounters, ...conditions, ...procedures, ...(await read('MedicationStatement')), ...(await read('AllergyIntolerance')), ...(await read('Immunization')), ...(await read('Observation'))];
    expect(all).toHaveLength(11);
    for (const r of all) {
      expect(() => validateResource(r), r.resourceType).not.toThrow();
      expect(JSON.stringify(r)).not.toContain('urn:uuid:');
      expect(JSON.stringify(r)).not.toContain('?identifier=');
      expect(r.meta.tag).toContainEqual(expect.objectContaining({ code: 'recorded-reason' }));
    }
    const hypertension = conditions.find((c: any) => c.code.coding.some((x: any) => x.code === 'I10'));
    const checkUp = encounters.find((e: any) => e.period.start.startsWith('2025-10-14'));
    expect(hypertension.encounter.reference).toBe(`Encounter/${checkUp.id}`);
    expect(procedures[0].reasonReference[0].reference).toBe(`Condition/${hypertension.id}`);
    expect(hypertension.subject).toEqual({ reference: resident.fhirUser });
    expect(hypertension.meta.security).toEqual([expect.objectContaining({ code: 'health' })]);
    // Found by what a professional asks: the active diagnoses, the allergies.
    const active = await server.call('GET', `/fhir/R4/Condition?subject=${resident.fhirUser}&clinical-status=active`, { token: physician.token, headers: { 'x-access-reason': 'Testiaineiston tarkistus' } });
    expect(active.body.entry.map((e: any) => e.resource.id)).toEqual([hypertension.id]);

    // Every write has its audit record, flagged with the reason.
    const audit = await server.ovi.services.db.query<{ content: any }>(
      `SELECT content FROM resource WHERE resource_type = 'AuditEvent' AND content->>'action' = 'C' AND content #>> '{agent,0,who,reference}' = $1`,
      [physician.fhirUser],
    );
    const written = new Set(report.created.map((c) => c.reference));
    const audited = audit.rows.filter((r) => r.content.entity?.some((e: any) => written.has(e.what?.reference)));
    expect(audited).toHaveLength(11);
    expect(audited.every((r) => r.content.purposeOfEvent?.[0]?.text === 'Testiaineiston lataus')).toBe(true);
  });

  it('reports an entry Ovi refuses and loads the rest, refusing everything for a professional who may not record diagnoses', async () => {
    const social = await server.ovi.services.accounts.userByName('social');
    const before = await countNonAudit(server);
    const ctx = { user: social!, reason: 'Kokeilu', baseUrl: `${server.url}/fhir/R4` };
    const report = await importSyntheaBundle(server.ovi.services.fhir, ctx, bundle(), resident.fhirUser);
    // A social instructor may record visits (in the social-welfare register) and nothing clinical.
    expect(report.created.map((c) => c.reference.split('/')[0])).toEqual(['Encounter', 'Encounter', 'Observation', 'Observation']);
    expect(report.failed.map((f) => [f.resourceType, f.status])).toEqual([
      ['Condition', 403], ['Condition', 403], ['AllergyIntolerance', 403], ['Procedure', 403], ['MedicationStatement', 403], ['MedicationStatement', 403], ['Immunization', 403],
    ]);
    expect(await countNonAudit(server)).toBe(before + 4);
  });
});

describe.each(BACKENDS)('npm run ovi -- import-synthea on %s', (backend) => {
  let dir: string;
  let env: Record<string, string>;
  let drop: (() => Promise<void>) | undefined;
  let identityCode: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ovi-import-'));
    const database = backend === 'postgres' ? await freshPostgresDatabase(inject('postgresUrl'), 'ovi_import') : undefined;
    drop = database?.drop;
    const where = database ? { databaseUrl: database.url } : { dataDir: join(dir, 'data') };
    const ovi = await createOvi({ port: 0, host: '127.0.0.1', ...where, seedDemo: true, logLevel: 'silent', bodyLimit: 1024 * 1024, reminderIntervalMinutes: 0 });
    const aino = await ovi.services.store.read<Patient>('Patient', 'p-aino-nieminen');
    identityCode = aino.identifier?.find((i) => i.system === SYSTEMS.personalIdentityCode)?.value ?? '';
    await ovi.close();
    env = database ? { DATABASE_URL: database.url } : { OVI_DATA_DIR: join(dir, 'data') };
  }, 180_000);
  afterAll(async () => {
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', join(repoRoot, 'packages/server/src/cli.ts'), ...args], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) });
      });
    });

  it('loads the bundle for the client named by identity code and says what it dropped', { timeout: 180_000 }, async () => {
    const done = await run(['import-synthea', FIXTURE, '--client', identityCode]);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('created for Patient/p-aino-nieminen: 11 (2 Encounter, 2 Condition, 1 AllergyIntolerance, 1 Procedure, 2 MedicationStatement, 1 Immunization, 2 Observation)');
    expect(done.stdout).toMatch(/dropped: 5/);
    expect(done.stdout).toMatch(/Claim urn:uuid:\S+: billing is not kept in Ovi/);
    expect(done.stdout).not.toContain(identityCode);
  });

  it('refuses bad usage and an unknown client, loading nothing', { timeout: 120_000 }, async () => {
    expect((await run(['import-synthea', FIXTURE])).code).toBe(2);
    expect((await run(['import-synthea', FIXTURE, '--client', identityCode, '--as', 'resident'])).code).toBe(2);
    const unknown = await run(['import-synthea', FIXTURE, '--client', '010101-123N']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No single client/);
  });
});
