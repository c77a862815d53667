import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResource } from '@medplum/core';
import type { TestServer } from './oviTestServer';
import { BACKENDS, countNonAudit, startOn } from './backends';
import { randomUUID } from 'node:crypto';
import { planGoal } from '@ovi/domain';
import { SettingsStore } from '../../src/settings/settingsStore';
import { lookForMissingMeasurements } from '../../src/selfMonitoring/missingMeasurements';

/** A Wednesday morning in Helsinki. */
const NOW = new Date('2026-11-25T09:00:00+02:00');
const at = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString();
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const q = (value: number, code: string) => ({ value, unit: code, system: UCUM, code });
const TEAM = 'CareTeam/team-kokkola';

/** What a device app sends: the code, the values and the time; Ovi completes the PHR profile. */
const deviceBloodPressure = (systolic: number, diastolic: number, hoursAgo = 1, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: LOINC, code: '85354-9' }] },
  effectiveDateTime: at(hoursAgo),
  component: [
    { code: { coding: [{ system: LOINC, code: '8480-6' }] }, valueQuantity: q(systolic, 'mm[Hg]') },
    { code: { coding: [{ system: LOINC, code: '8462-4' }] }, valueQuantity: q(diastolic, 'mm[Hg]') },
  ],
  ...extra,
});

describe.each(BACKENDS)('home self-monitoring on %s', (backend) => {
  let server: TestServer;
  let resident: { token: string; fhirUser: string };
  let parent: { token: string; fhirUser: string };
  let physician: { token: string; fhirUser: string };

  const openMonitoringTasks = async (patient: string) => {
    const r = await server.ovi.services.db.query<{ content: any }>(
      `SELECT content FROM resource WHERE resource_type = 'Task' AND content #>> '{code,coding,0,code}' = 'self-monitoring' AND content #>> '{for,reference}' = $1 AND content ->> 'status' = 'ready'`,
      [patient],
    );
    return r.rows.map((row) => row.content);
  };
  const observationsOf = async (token: string) => (await server.call('GET', '/api/self-monitoring/summary?days=30', { token })).body;

  beforeAll(async () => {
    server = await startOn(backend, { clockStart: NOW });
    resident = await server.login('resident');
    parent = await server.login('parent');
    physician = await server.login('physician');
  });
  afterAll(async () => server?.close());

  it('stores a device’s blood pressure as a Kanta PHR Observation that validates as R4', async () => {
    const r = await server.call('POST', '/fhir/R4/Observation', { token: resident.token, body: deviceBloodPressure(128, 82) });
    expect(r.status).toBe(201);
    const obs = r.body;
    expect(obs.meta.profile).toEqual(['http://phr.kanta.fi/StructureDefinition/fiphr-sd-bloodpressure']);
    expect(obs.code.coding[0]).toMatchObject({ system: LOINC, code: '85354-9' });
    expect(obs.component.map((c: any) => [c.code.coding[0].code, c.valueQuantity.code])).toEqual([['8480-6', 'mm[Hg]'], ['8462-4', 'mm[Hg]']]);
    expect(obs).toMatchObject({ status: 'final', performer: [{ reference: resident.fhirUser }], subject: { reference: resident.fhirUser }, language: 'fi' });
    // issued: when Ovi received it (the care clock started at NOW and runs on)
    expect(Date.parse(obs.issued)).toBeGreaterThanOrEqual(NOW.getTime());
    expect(Date.parse(obs.issued)).toBeLessThan(NOW.getTime() + 3_600_000);
    expect(obs.identifier[0].value).toBeTruthy();
    expect(obs.text.div).toContain('128/82');
    expect(obs.meta.security).toEqual([expect.objectContaining({ code: 'health' })]);
    expect(r.headers.get('x-ovi-finding')).toBeNull();
    expect(() => validateResource(obs)).not.toThrow();
  });

  it('refuses implausible values, wrong units and unknown codes with a 400 that says what is wrong, storing nothing', async () => {
    const before = await countNonAudit(server);
    const high = await server.call('POST', '/fhir/R4/Observation', { token: resident.token, body: deviceBloodPressure(400, 90) });
    expect(high.status).toBe(400);
    expect(high.body.issue[0].diagnostics).toMatch(/400 mm\[Hg\] is not possible/);
    expect(high.body.issue[0].expression).toEqual(['Observation.systolic']);
    const weight = await server.call('POST', '/api/self-monitoring/measurements', { token: resident.token, body: { kind: 'weight', values: { weight: 0 } }, headers: { 'content-type': 'application/json' } });
    expect(weight.status).toBe(400);
    expect(weight.body.issue[0].diagnostics).toMatch(/0 kg is not possible/);
    const glucose = { resourceType: 'Observation', status: 'final', code: { coding: [{ system: LOINC, code: '15074-8' }] }, effectiveDateTime: at(1), valueQuantity: q(110, 'mg/dL') };
    const unit = await server.call('POST', '/fhir/R4/Observation', { token: resident.token, body: glucose });
    expect(unit.status).toBe(400);
    expect(unit.body.issue[0].diagnostics).toMatch(/mmol\/L/);
    const temperature = { ...glucose, code: { coding: [{ system: LOINC, code: '8310-5' }] }, valueQuantity: q(37, 'Cel') };
    const code = await server.call('POST', '/fhir/R4/Observation', { token: resident.token, body: temperature });
    expect(code.status).toBe(400);
    expect(code.body.issue[0].diagnostics).toMatch(/not a home measurement/);
    const swapped = await server.call('POST', '/api/self-monitoring/measurements', { token: resident.token, body: { kind: 'blood-pressure', values: { systolic: 80, diastolic: 120 } }, headers: { 'content-type': 'application/json' } });
    expect(swapped.status).toBe(400);
    const text = await server.call('POST', '/api/self-monitoring/measurements', { token: resident.token, body: { kind: 'blood-pressure', values: { systolic: '140', diastolic: 90 } }, headers: { 'content-type': 'application/json' } });
    expect(text.status).toBe(400);
    const future = await server.call('POST', '/fhir/R4/Observation', { token: resident.token, body: deviceBloodPressure(130, 80, -48) });
    expect(future.status).toBe(400);
    expect(await countNonAudit(server)).toBe(before);
  });

  it('refuses another resident’s data, and targets from residents', async () => {
    const before = await countNonAudit(server);
    const read = await server.call('GET', `/api/self-monitoring/summary?patient=${resident.fhirUser}`, { token: parent.token });
    expect(read.status).toBe(404);
    const write = await server.call('POST', '/fhir/R4/Observation', { token: parent.token, body: deviceBloodPressure(130, 80, 1, { subject: { reference: resident.fhirUser } }) });
    expect(write.status).toBe(404);
    const goal = await server.call('PUT', '/api/self-monitoring/targets', { token: resident.token, body: { patient: resident.fhirUser, kind: 'blood-pressure', targets: [{ quantity: 'systolic', high: 200 }], team: TEAM }, headers: { 'content-type': 'application/json' } });
    expect(goal.status).toBe(403);
    const staffWithout = await server.call('GET', `/api/self-monitoring/summary?patient=${parent.fhirUser}`, { token: physician.token });
    expect(staffWithout.status).toBe(403);
    expect(await countNonAudit(server)).toBe(before);
  });

  it('tells the resident at once what to do after a dangerous value and opens an urgent work item for the station’s team', async () => {
    const r = await server.call('POST', '/api/self-monitoring/measurements', {
      token: resident.token,
      body: { kind: 'blood-pressure', at: at(0.1), values: { systolic: 186, diastolic: 104, pulse: 80 }, contexts: ['morning'] },
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(201);
    expect(r.body.finding).toEqual({ severity: 'danger', advice: ['contact-today'] });
    expect(r.body.observation.interpretation[0].coding[0].code).toBe('HH');
    const [task, ...others] = await openMonitoringTasks(resident.fhirUser);
    expect(others).toEqual([]);
    expect(task).toMatchObject({ owner: { reference: TEAM }, priority: 'asap' });
    // The danger deadline: eight hours from the finding.
    expect(Date.parse(task.restriction.period.end)).toBe(Date.parse(task.authoredOn) + 8 * 3_600_000);
    expect(task.input.filter((i: any) => i.type.coding[0].code === 'observation').map((i: any) => i.valueReference.reference)).toEqual([`Observation/${r.body.observation.id}`]);
    // The team sees it in its queue.
    const queue = await server.call('GET', '/api/guidance/queue?pageSize=100', { token: physician.token });
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: any) => i.taskId)).toContain(task.id);
    const work = await server.call('GET', '/api/self-monitoring/work', { token: physician.token });
    expect(work.status).toBe(200);
    expect(work.body.items).toEqual([expect.objectContaining({ taskId: task.id, patient: resident.fhirUser, name: 'Aino Nieminen', urgencyRank: 1 })]);
    expect((await server.call('GET', '/api/self-monitoring/work', { token: resident.token })).status).toBe(403);
  });

  it('lets the team set targets as a Goal, and several values outside them join the one open work item without lowering it', async () => {
    const bad = await server.call('PUT', '/api/self-monitoring/targets', { token: physician.token, body: { patient: resident.fhirUser, kind: 'blood-pressure', targets: [{ quantity: 'systolic', low: 150, high: 120 }], team: TEAM }, headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    const goal = await server.call('PUT', '/api/self-monitoring/targets', {
      token: physician.token,
      body: { patient: resident.fhirUser, kind: 'blood-pressure', targets: [{ quantity: 'systolic', high: 135 }, { quantity: 'diastolic', high: 85 }], everyDays: 7, team: TEAM },
      headers: { 'content-type': 'application/json' },
    });
    expect(goal.status).toBe(201);
    expect(goal.body.target[0]).toMatchObject({ measure: { coding: [{ system: LOINC, code: '8480-6' }] }, detailRange: { high: { value: 135, code: 'mm[Hg]' } } });
    expect(goal.body).toMatchObject({ lifecycleStatus: 'active', expressedBy: { reference: physician.fhirUser }, subject: { reference: resident.fhirUser } });
    expect(() => validateResource(goal.body)).not.toThrow();
    const [before] = await openMonitoringTasks(resident.fhirUser);
    for (const [s, d] of [[150, 88], [146, 90]] as const) {
      const r = await server.call('POST', '/fhir/R4/Observation', { token: resident.token, body: deviceBloodPressure(s, d, 0.05) });
      expect(r.status).toBe(201);
      expect(r.headers.get('x-ovi-finding')).toBe('outside-target');
      expect(r.headers.get('x-ovi-advice')).toBeNull();
      expect(r.body.interpretation[0].coding[0].code).toBe('H');
    }
    const tasks = await openMonitoringTasks(resident.fhirUser);
    expect(tasks).toHaveLength(1);
    expect(tasks[0].id).toBe(before.id);
    expect(tasks[0].input.filter((i: any) => i.type.coding[0].code === 'observation')).toHaveLength(3);
    expect(tasks[0].priority).toBe('asap');
    expect(tasks[0].restriction.period.end).toBe(before.restriction.period.end);
    // A second target of the same kind replaces the first.
    const again = await server.call('PUT', '/api/self-monitoring/targets', { token: physician.token, body: { patient: resident.fhirUser, kind: 'blood-pressure', targets: [{ quantity: 'systolic', high: 140 }], everyDays: 7, team: TEAM }, headers: { 'content-type': 'application/json' } });
    expect(again.status).toBe(201);
    const summary = await server.call('GET', `/api/self-monitoring/summary?patient=${resident.fhirUser}&days=30`, { token: physician.token });
    expect(summary.status).toBe(200);
    const bp = summary.body.kinds.find((k: any) => k.kind === 'blood-pressure');
    expect(bp.plan.targets).toEqual([{ quantity: 'systolic', high: 140 }]);
    expect(bp.measurements.length).toBeGreaterThanOrEqual(4);
    expect(bp.averages.systolic.timeOfDay.length).toBeGreaterThan(0);
  });

  it('previews a meter’s CSV with a per-row report, then stores the valid rows once, into the same work item', async () => {
    const csv = ['Date;Time;SYS;DIA;Pulse', '20.11.2026;7:30;132;84;66', '20.11.2026;21:00;400;90;70', 'yesterday;8:00;130;80;60', '21.11.2026;7:45;152;92;71', ''].join('\n');
    const before = await countNonAudit(server);
    const preview = await server.call('POST', '/api/self-monitoring/import?dryRun=true', { token: resident.token, raw: csv, headers: { 'content-type': 'text/csv' } });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, valid: 2, invalid: 2, duplicates: 0, stored: 0 });
    expect(preview.body.rows.map((r: any) => [r.line, r.status])).toEqual([[2, 'valid'], [3, 'invalid'], [4, 'invalid'], [5, 'valid']]);
    expect(preview.body.rows[1].problems[0].message).toMatch(/400 mm\[Hg\]/);
    expect(preview.body.rows[3].severity).toBe('outside-target');
    expect(await countNonAudit(server)).toBe(before);
    const stored = await server.call('POST', '/api/self-monitoring/import', { token: resident.token, raw: csv, headers: { 'content-type': 'text/csv' } });
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ dryRun: false, valid: 2, stored: 2 });
    const after = await countNonAudit(server);
    // Two Observations; the work item is updated, not added.
    expect(after).toBe(before + 2);
    const again = await server.call('POST', '/api/self-monitoring/import', { token: resident.token, raw: csv, headers: { 'content-type': 'text/csv' } });
    expect(again.body).toMatchObject({ valid: 0, duplicates: 2, stored: 0 });
    expect(await countNonAudit(server)).toBe(after);
    expect(await openMonitoringTasks(resident.fhirUser)).toHaveLength(1);
    const broken = await server.call('POST', '/api/self-monitoring/import', { token: resident.token, raw: 'when,what\n1,2', headers: { 'content-type': 'text/csv' } });
    expect(broken.status).toBe(400);
    const tooBig = await server.call('POST', '/api/self-monitoring/import', { token: resident.token, raw: `time,weight\n${'2026-11-20T07:00:00+02:00,80\n'.repeat(40_000)}`, headers: { 'content-type': 'text/csv' } });
    expect(tooBig.status).toBe(413);
    const staff = await server.call('POST', '/api/self-monitoring/import?dryRun=true', { token: physician.token, raw: csv, headers: { 'content-type': 'text/csv' } });
    expect(staff.status).toBe(403);
    expect(await countNonAudit(server)).toBe(after);
  });

  it('raises missing measurements once, found by the periodic look and shown in the team’s queue', async () => {
    const reason = { 'content-type': 'application/json', 'x-access-reason': 'Kotimittausten seuranta sovittu vastaanotolla' };
    const goal = await server.call('PUT', '/api/self-monitoring/targets', { token: physician.token, body: { patient: parent.fhirUser, kind: 'weight', targets: [{ quantity: 'weight', high: 90 }], everyDays: 7, team: TEAM }, headers: reason });
    expect(goal.status).toBe(201);
    // A target agreed three weeks ago: nothing measured since.
    await server.ovi.services.db.query(`UPDATE resource SET content = jsonb_set(content, '{startDate}', '"2026-11-01"') WHERE resource_type = 'Goal' AND id = $1`, [goal.body.id]);
    await server.ovi.services.db.query('UPDATE self_monitoring_sweep SET swept_at = NULL');
    expect(await openMonitoringTasks(parent.fhirUser)).toEqual([]);
    // Reading the queue does not look (a region-wide look inside a request slowed every reader).
    await server.call('GET', '/api/guidance/queue?pageSize=100', { token: physician.token });
    expect(await openMonitoringTasks(parent.fhirUser)).toEqual([]);
    // The job of whichever process claims the turn does.
    const settings = new SettingsStore(server.ovi.services.db);
    expect(await lookForMissingMeasurements(server.ovi.services.db, server.ovi.services.store, settings, NOW)).toBe(1);
    const queue = await server.call('GET', '/api/guidance/queue?pageSize=100', { token: physician.token });
    expect(queue.status).toBe(200);
    const [task, ...others] = await openMonitoringTasks(parent.fhirUser);
    expect(others).toEqual([]);
    expect(task.input.filter((i: any) => i.type.coding[0].code === 'missing').map((i: any) => i.valueCode)).toEqual(['weight']);
    expect(task.priority).toBe('routine');
    expect(queue.body.items.map((i: any) => i.taskId)).toContain(task.id);
    // Another process's turn at once finds the turn taken; a later turn adds nothing.
    expect(await lookForMissingMeasurements(server.ovi.services.db, server.ovi.services.store, settings, NOW)).toBe(0);
    await server.ovi.services.db.query('UPDATE self_monitoring_sweep SET swept_at = NULL');
    expect(await lookForMissingMeasurements(server.ovi.services.db, server.ovi.services.store, settings, NOW)).toBe(0);
    const [same] = await openMonitoringTasks(parent.fhirUser);
    expect(same.meta.versionId).toBe(task.meta.versionId);
  });

  it('looks at every client of the region in one read: each overdue client is raised once, one measured in time is not', async () => {
    const r = await server.ovi.services.db.query<{ id: string }>(
      `SELECT p.id FROM resource p WHERE p.resource_type = 'Patient'
          AND NOT EXISTS (SELECT 1 FROM resource g WHERE g.resource_type = 'Goal' AND g.content #>> '{subject,reference}' = 'Patient/' || p.id)
        ORDER BY p.id LIMIT 3`,
    );
    const [late, alsoLate, measured] = r.rows.map((row) => `Patient/${row.id}`) as [string, string, string];
    const goal = (patient: string) => ({ ...planGoal({ kind: 'weight', targets: [{ quantity: 'weight', high: 100 }], everyDays: 7, team: TEAM, start: '2026-10-01' }, patient, physician.fhirUser), id: randomUUID() });
    const weighed = { resourceType: 'Observation', id: randomUUID(), status: 'final', subject: { reference: measured }, code: { coding: [{ system: LOINC, code: '29463-7' }] }, effectiveDateTime: at(24), valueQuantity: q(80, 'kg') };
    await server.ovi.services.store.createMany([goal(late), goal(alsoLate), goal(measured), weighed] as any);
    const settings = new SettingsStore(server.ovi.services.db);
    await lookForMissingMeasurements(server.ovi.services.db, server.ovi.services.store, settings, NOW, { force: true });
    for (const patient of [late, alsoLate]) {
      const tasks = await openMonitoringTasks(patient);
      expect(tasks).toHaveLength(1);
      expect(tasks[0].input.filter((i: any) => i.type.coding[0].code === 'missing').map((i: any) => i.valueCode)).toEqual(['weight']);
    }
    expect(await openMonitoringTasks(measured)).toEqual([]);
    // Looking again at once raises nothing new: the alert counts as the latest sign of the kind.
    expect(await lookForMissingMeasurements(server.ovi.services.db, server.ovi.services.store, settings, NOW, { force: true })).toBe(0);
  });

  it('shows the resident their own measurements with averages', async () => {
    const mine = await observationsOf(resident.token);
    const bp = mine.kinds.find((k: any) => k.kind === 'blood-pressure');
    expect(bp.measurements[0].at >= bp.measurements.at(-1).at).toBe(true);
    expect(bp.averages.systolic.weekly.length).toBeGreaterThan(0);
  });

  it('lets an authorised representative record and read the measurements of the client they act for, and nobody else’s', async () => {
    const principals = await server.call('GET', '/api/me/principals', { token: resident.token });
    const irma = principals.body.principals.find((p: any) => p.kind === 'representative').reference as string;
    const r = await server.call('POST', '/api/self-monitoring/measurements', {
      token: resident.token,
      body: { patient: irma, kind: 'weight', at: at(0.5), values: { weight: 58.4 } },
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    // Irma's measurement, measured by her representative.
    expect(r.body.observation).toMatchObject({ subject: { reference: irma }, performer: [{ reference: resident.fhirUser }] });
    const hers = await server.call('GET', `/api/self-monitoring/summary?patient=${encodeURIComponent(irma)}`, { token: resident.token });
    expect(hers.status).toBe(200);
    expect(hers.body.kinds.find((k: any) => k.kind === 'weight').measurements.map((m: any) => m.values.weight)).toContain(58.4);
    // The representative's own summary stays their own.
    const own = (await server.call('GET', '/api/self-monitoring/summary', { token: resident.token })).body;
    expect(own.patient).toBe(resident.fhirUser);
    const before = await countNonAudit(server);
    for (const [token, patient] of [[parent.token, irma], [resident.token, parent.fhirUser]] as const) {
      const refused = await server.call('POST', '/api/self-monitoring/measurements', { token, body: { patient, kind: 'weight', at: at(0.5), values: { weight: 70 } }, headers: { 'content-type': 'application/json' } });
      expect(refused.status).toBe(404);
    }
    for (const patient of [42, 'Observation/x', '']) {
      const bad = await server.call('POST', '/api/self-monitoring/measurements', { token: resident.token, body: { patient, kind: 'weight', at: at(0.5), values: { weight: 70 } }, headers: { 'content-type': 'application/json' } });
      expect(bad.status, String(patient)).toBe(400);
    }
    expect(await countNonAudit(server)).toBe(before);
  });

  it('leaves a weight measured by a professional out of the home measurements', async () => {
    const clinic = { resourceType: 'Observation', id: randomUUID(), status: 'final', subject: { reference: resident.fhirUser }, performer: [{ reference: 'Practitioner/doc-kokkola' }], code: { coding: [{ system: LOINC, code: '29463-7' }] }, effectiveDateTime: at(2), valueQuantity: q(123.4, 'kg') };
    await server.ovi.services.store.createMany([clinic] as any);
    const mine = (await server.call('GET', '/api/self-monitoring/summary', { token: resident.token })).body;
    const weights = mine.kinds.find((k: any) => k.kind === 'weight')?.measurements ?? [];
    expect(weights.map((m: any) => m.id)).not.toContain(clinic.id);
  });
});
