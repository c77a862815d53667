import { createHash, randomUUID } from 'node:crypto';
import type { Observation } from '@medplum/fhirtypes';
import {
  evaluateMeasurement,
  measurementObservation,
  parseMeasurementCsv,
  type Measurement,
  type MeasurementAdvice,
  type MeasurementProblem,
  type Severity,
} from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import type { SettingsStore } from '../settings/settingsStore';
import { hasRole } from '../auth/userContext';
import { badRequest, forbidden } from '../fhir/outcomes';
import { inRegister } from '../access/registerLabels';
import { now as clockNow } from '../time/clock';
import { storedMeasurementIdentifiers } from '../storage/selfMonitoringReads';
import { monitoringSettings } from './monitoringSettings';
import { clientPlans, targetsOf } from './clientPlans';
import { raiseMonitoringWork, stationTeam } from './workItems';

export interface ImportRowReport {
  line: number;
  /** valid: stored (or would be, in a dry run); invalid: see problems; duplicate: already stored or earlier in the file. */
  status: 'valid' | 'invalid' | 'duplicate';
  problems: MeasurementProblem[];
  measurement?: Measurement;
  severity?: Severity;
}

export interface ImportReport {
  dryRun: boolean;
  rows: ImportRowReport[];
  valid: number;
  invalid: number;
  duplicates: number;
  /** Observations written (0 in a dry run). */
  stored: number;
  /** What to do now, from dangerous values of the last day. */
  advice: MeasurementAdvice[];
}

/** Dangerous values older than this are for the team, not advice to act now. */
const ADVICE_WINDOW_MS = 24 * 3_600_000;

/** The same measurement of the same client always gets the same identifier, so a file sent twice stores once. */
function fingerprint(patient: string, m: Measurement): string {
  const values = Object.entries(m.values).sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify([patient, m.kind, Date.parse(m.at), values])).digest('hex').slice(0, 32);
}

/**
 * A home meter's CSV export: every row checked and reported by line; without a dry run the
 * valid rows are stored in one transaction with their audit record and the client's one work
 * item (all of them, or none if anything fails). Rows already stored are reported, not stored again.
 */
export class MeasurementImport {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    private readonly settings: SettingsStore,
  ) {}

  async run(ctx: RequestContext, csv: string, dryRun: boolean): Promise<ImportReport> {
    if (!hasRole(ctx.user, 'resident')) throw forbidden('Residents import their own home measurements');
    const patient = ctx.user.fhirUser;
    const now = clockNow();
    const parsed = parseMeasurementCsv(csv, now);
    if (parsed.fileProblems.length > 0) throw badRequest(parsed.fileProblems.join('. '), ['body']);
    const [settings, plans] = await Promise.all([monitoringSettings(this.settings), clientPlans(this.db, patient)]);
    const ids = parsed.rows.map((r) => (r.measurement ? fingerprint(patient, r.measurement) : ''));
    const known = await storedMeasurementIdentifiers(this.db, ids.filter(Boolean));
    const seen = new Set<string>();
    const advice = new Set<MeasurementAdvice>();
    const toStore: Array<{ observation: Observation & { id: string }; severity?: Severity }> = [];
    const rows: ImportRowReport[] = parsed.rows.map((row, i) => {
      const id = ids[i] ?? '';
      if (!row.measurement) return { line: row.line, status: 'invalid', problems: row.problems };
      if (known.has(id) || seen.has(id)) return { line: row.line, status: 'duplicate', problems: [], measurement: row.measurement };
      seen.add(id);
      const finding = evaluateMeasurement(row.measurement, targetsOf(plans, row.measurement.kind), settings);
      if (finding.severity === 'danger' && now.getTime() - Date.parse(row.measurement.at) < ADVICE_WINDOW_MS) finding.advice.forEach((a) => advice.add(a));
      const observation = measurementObservation(row.measurement, { patient, issued: now.toISOString(), identifier: id, language: 'fi', ...(finding.interpretation ? { interpretation: finding.interpretation } : {}) });
      toStore.push({ observation: { ...inRegister(observation, 'health'), id: randomUUID() }, ...(finding.severity ? { severity: finding.severity } : {}) });
      return { line: row.line, status: 'valid', problems: [], measurement: row.measurement, ...(finding.severity ? { severity: finding.severity } : {}) };
    });
    const report: ImportReport = {
      dryRun,
      rows,
      valid: toStore.length,
      invalid: rows.filter((r) => r.status === 'invalid').length,
      duplicates: rows.filter((r) => r.status === 'duplicate').length,
      stored: 0,
      advice: [...advice],
    };
    if (dryRun || toStore.length === 0) return report;
    const findings = toStore.flatMap((s) => (s.severity ? [{ severity: s.severity, observation: `Observation/${s.observation.id}` }] : []));
    const team = findings.length > 0 ? (plans[0]?.team ?? (await stationTeam(this.fhir.store, patient))) : undefined;
    const audit = this.fhir.audit.event({ user: ctx.user, interaction: 'create', what: [`Observation?_import=${toStore.length}`], patients: [patient], success: true, ...(ctx.address ? { address: ctx.address } : {}) });
    await this.db.transaction(async (tx) => {
      await this.fhir.store.createMany([...toStore.map((s) => s.observation), audit], tx);
      await raiseMonitoringWork(tx, this.fhir.store, { patient, ...(team ? { team } : {}), findings, now, settings });
    });
    return { ...report, stored: toStore.length };
  }
}
