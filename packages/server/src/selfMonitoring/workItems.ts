import type { Patient, Task, TaskInput } from '@medplum/fhirtypes';
import {
  OVI_FHIR_BASE,
  SYSTEMS,
  planWorkItem,
  taskPriorityFor,
  type MeasurementKind,
  type OpenWorkItem,
  type SelfMonitoringSettings,
  type Severity,
  type WorkUrgency,
} from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import type { ResourceStore } from '../storage/resourceStore';
import { lockClientMonitoring, openMonitoringTask, SELF_MONITORING_TASK } from '../storage/selfMonitoringReads';
import { inputValue, inputValues, taskInput, withoutInputs } from '../guidance/guidanceTask';
import { inRegister } from '../access/registerLabels';

/** When a reason was added to the work item (a missing kind is raised again only after a full period). */
const RAISED_AT = `${OVI_FHIR_BASE}/StructureDefinition/raised-at`;
const OWN_INPUTS = ['urgency', 'reason', 'observation', 'missing'];

export interface MonitoringFinding {
  severity: Severity;
  /** Observation/… for a value; none for missing measurements. */
  observation?: string;
  /** The kind missing, for a missing finding. */
  missing?: MeasurementKind;
}

function openState(task: Task): OpenWorkItem {
  return {
    urgency: (inputValue(task, 'urgency')?.valueCode as WorkUrgency | undefined) ?? 'non-urgent',
    deadline: task.restriction?.period?.end ?? task.authoredOn ?? '',
    observations: inputValues(task, 'observation').flatMap((i) => (i.valueReference?.reference ? [i.valueReference.reference] : [])),
    reasons: inputValues(task, 'reason').map((i) => i.valueCode as Severity),
  };
}

const DESCRIPTION: Record<Severity, string> = {
  danger: 'a dangerous home measurement',
  'outside-target': 'home measurements outside the target',
  missing: 'home measurements missing',
};

/**
 * Adds findings to the client's one open home-measurement work item, or opens it for the team
 * (Task code self-monitoring, owned by the team, the Observations as input, the deadline of
 * the most serious finding). Runs in the caller's transaction under a per-client lock, so
 * values stored at once by two processes still end in one work item. Without an open item and
 * without a team there is no one to give it to: nothing is written (the caller says so).
 */
export async function raiseMonitoringWork(
  tx: SqlExecutor,
  store: ResourceStore,
  args: { patient: string; team?: string; findings: MonitoringFinding[]; now: Date; settings: SelfMonitoringSettings },
): Promise<Task | undefined> {
  if (args.findings.length === 0) return undefined;
  await lockClientMonitoring(tx, args.patient);
  const open = await openMonitoringTask(tx, args.patient);
  if (!open && !args.team) return undefined;
  const change = planWorkItem(open ? openState(open) : undefined, args.findings, args.now, args.settings);
  if (!change) return undefined;
  const at = args.now.toISOString();
  const missing = args.findings.flatMap((f) => (f.missing ? [f.missing] : []));
  const keptMissing = open ? inputValues(open, 'missing').filter((i) => !missing.includes(i.valueCode as MeasurementKind)) : [];
  const inputs: TaskInput[] = [
    taskInput('urgency', { valueCode: change.urgency }),
    ...change.reasons.map((r) => taskInput('reason', { valueCode: r })),
    ...change.observations.map((o) => taskInput('observation', { valueReference: { reference: o } })),
    ...keptMissing,
    ...missing.map((kind) => ({ ...taskInput('missing', { valueCode: kind }), extension: [{ url: RAISED_AT, valueDateTime: at }] })),
  ];
  const worst = (['danger', 'outside-target', 'missing'] as Severity[]).find((s) => change.reasons.includes(s)) ?? 'outside-target';
  const task: Task = {
    ...(open ?? {}),
    resourceType: 'Task',
    status: open?.status ?? 'ready',
    intent: 'order',
    priority: taskPriorityFor(change.urgency),
    code: { coding: [{ system: SYSTEMS.taskCode, code: SELF_MONITORING_TASK, display: 'Home measurements' }] },
    description: `Home measurements: ${DESCRIPTION[worst]}`,
    for: { reference: args.patient },
    owner: open?.owner ?? { reference: args.team },
    authoredOn: open?.authoredOn ?? at,
    lastModified: at,
    restriction: { period: { end: change.deadline } },
    input: [...(open ? withoutInputs(open, OWN_INPUTS) : []), ...inputs],
  };
  if (open?.id) return store.update('Task', open.id, task, { tx });
  const { id: _none, meta: _meta, ...fresh } = task;
  return store.create(inRegister(fresh as Task, 'health'), { tx });
}

/**
 * The team a client's home measurements go to when no target names one: the active CareTeam
 * of the client's own health station (Patient.generalPractitioner), else none.
 */
export async function stationTeam(store: ResourceStore, patient: string): Promise<string | undefined> {
  const record = await store.readOptional<Patient>('Patient', patient.replace(/^Patient\//, ''));
  const stations = (record?.generalPractitioner ?? []).map((g) => g.reference ?? '').filter((r) => r.startsWith('Organization/'));
  if (stations.length === 0) return undefined;
  const teams = await store.activeTeamsOf(patient, stations);
  const team = teams.find((t) => !t.subject && (t.managingOrganization ?? []).some((o) => stations.includes(o.reference ?? '')));
  return team?.id ? `CareTeam/${team.id}` : undefined;
}
