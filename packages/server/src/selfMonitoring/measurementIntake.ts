import { randomUUID } from 'node:crypto';
import type { Observation, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import {
  MEASUREMENT_CONTEXT_EXTENSION,
  evaluateMeasurement,
  measurementObservation,
  measurementProblems,
  readMeasurement,
  type Finding,
  type MeasurementProblem,
} from '@ovi/domain';
import type { CreateHook, RequestContext } from '../fhir/fhirService';
import type { Database, SqlExecutor } from '../db/database';
import type { ResourceStore, Stored } from '../storage/resourceStore';
import type { SettingsStore } from '../settings/settingsStore';
import { hasRole } from '../auth/userContext';
import { invalidResource } from '../fhir/outcomes';
import { now as clockNow } from '../time/clock';
import { monitoringSettings } from './monitoringSettings';
import { clientPlans, targetsOf } from './clientPlans';
import { raiseMonitoringWork, stationTeam } from './workItems';

export interface MeasurementPrepared {
  patient: string;
  finding: Finding;
  team?: string;
  settings: Awaited<ReturnType<typeof monitoringSettings>>;
}

/** Response headers that tell a device app (and the web app) what the value means now. */
export function findingHeaders(finding: Finding): Record<string, string> {
  return {
    ...(finding.severity ? { 'X-Ovi-Finding': finding.severity } : {}),
    ...(finding.advice.length > 0 ? { 'X-Ovi-Advice': finding.advice.join(',') } : {}),
  };
}

export function problemsOutcome(problems: MeasurementProblem[], prefix = 'Observation'): ReturnType<typeof invalidResource> {
  const issues: OperationOutcomeIssue[] = problems.map((p) => ({ severity: 'error', code: 'invalid', details: { text: p.message }, diagnostics: p.message, expression: [`${prefix}.${p.field}`] }));
  return invalidResource(issues);
}

/**
 * A resident's Observation is a home measurement: it is checked (code, unit, plausibility),
 * completed to the Kanta PHR profile of its kind (profile, identifier, performer, issued,
 * language, text), judged against the danger limits and the client's targets, and a value
 * outside them joins the client's one work item in the same transaction. Professionals'
 * Observations (e.g. a need assessment) pass as they are.
 */
export class MeasurementIntake implements CreateHook {
  constructor(
    private readonly db: Database,
    private readonly store: ResourceStore,
    private readonly settings: SettingsStore,
  ) {}

  async prepare(ctx: RequestContext, resource: Resource): Promise<{ resource: Resource; prepared?: MeasurementPrepared }> {
    if (!hasRole(ctx.user, 'resident')) return { resource };
    const incoming = resource as Observation;
    const patient = incoming.subject?.reference ?? ctx.user.fhirUser;
    const { measurement, units, problems } = readMeasurement(incoming);
    const now = clockNow();
    if (measurement) problems.push(...measurementProblems(measurement, now, units).filter((p) => !(p.field === 'at' && problems.some((q) => q.field === 'effectiveDateTime'))));
    if (problems.length > 0 || !measurement) throw problemsOutcome(problems);
    const [settings, plans] = await Promise.all([monitoringSettings(this.settings), clientPlans(this.db, patient)]);
    const finding = evaluateMeasurement(measurement, targetsOf(plans, measurement.kind), settings);
    const team = plans.find((p) => p.kind === measurement.kind)?.team ?? plans[0]?.team ?? (finding.severity ? await stationTeam(this.store, patient) : undefined);
    const built = measurementObservation(measurement, {
      patient,
      issued: now.toISOString(),
      identifier: randomUUID(),
      language: incoming.language ?? 'fi',
      ...(finding.interpretation ? { interpretation: finding.interpretation } : {}),
    });
    // What the sender added beyond the profile's own (e.g. fiphr-ext-creatingapplication) is kept.
    const extension = [...(built.extension ?? []), ...(incoming.extension ?? []).filter((e) => e.url !== MEASUREMENT_CONTEXT_EXTENSION)];
    const observation: Observation = {
      ...built,
      ...(extension.length > 0 ? { extension } : {}),
      ...(incoming.identifier?.length ? { identifier: incoming.identifier } : {}),
      performer: [{ reference: ctx.user.fhirUser }],
      ...(incoming.meta?.security ? { meta: { ...built.meta, security: incoming.meta.security } } : {}),
    };
    return { resource: observation, prepared: { patient, finding, ...(team ? { team } : {}), settings } };
  }

  async afterCreate(_ctx: RequestContext, stored: Stored, tx: SqlExecutor, prepared: unknown): Promise<Record<string, string>> {
    const p = prepared as MeasurementPrepared | undefined;
    if (!p?.finding.severity) return p ? findingHeaders(p.finding) : {};
    await raiseMonitoringWork(tx, this.store, {
      patient: p.patient,
      ...(p.team ? { team: p.team } : {}),
      findings: [{ severity: p.finding.severity, observation: `Observation/${stored.id}` }],
      now: clockNow(),
      settings: p.settings,
    });
    return findingHeaders(p.finding);
  }
}
