import type { Goal, Task } from '@medplum/fhirtypes';
import type { SqlExecutor } from '../db/database';
import { MEASUREMENT_FREQUENCY_EXTENSION, SYSTEMS } from '@ovi/domain';

/** The Task code of a client's home-measurement work item. */
export const SELF_MONITORING_TASK = 'self-monitoring';
const OPEN = `('ready', 'in-progress', 'requested', 'received', 'accepted')`;

/**
 * Serialises the work-item decisions of one client until the transaction ends: two values sent
 * at once (by two processes) must end in one work item, never two.
 */
export async function lockClientMonitoring(tx: SqlExecutor, patient: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('ovi-self-monitoring'), hashtext($1))`, [patient]);
}

/** The client's open home-measurement work item, if any. */
export async function openMonitoringTask(tx: SqlExecutor, patient: string): Promise<Task | undefined> {
  const r = await tx.query<{ content: Task }>(
    `SELECT r.content FROM search_token t JOIN resource r ON r.resource_type = 'Task' AND r.id = t.resource_id
      WHERE t.resource_type = 'Task' AND t.param = 'patient' AND t.value = $1
        AND r.content #>> '{code,coding,0,code}' = $2 AND r.content ->> 'status' IN ${OPEN}
      ORDER BY r.content ->> 'authoredOn' LIMIT 1`,
    [patient, SELF_MONITORING_TASK],
  );
  return r.rows[0]?.content;
}

/** The client's active home-measurement Goals. */
export async function activeMonitoringGoals(db: SqlExecutor, patient: string): Promise<Array<Goal & { id: string }>> {
  const r = await db.query<{ content: Goal & { id: string } }>(
    `SELECT r.content FROM search_token t JOIN resource r ON r.resource_type = 'Goal' AND r.id = t.resource_id
      WHERE t.resource_type = 'Goal' AND t.param = 'patient' AND t.value = $1 AND r.content ->> 'lifecycleStatus' = 'active'
      ORDER BY r.content ->> 'startDate', r.id`,
    [patient],
  );
  return r.rows.map((row) => row.content);
}

/** What the missing-measurement check needs of one client: their active Goals, latest measurements and missing alerts. */
export interface ExpectedClient {
  patient: string;
  /** Active Goals, oldest start first (a later plan of a kind replaces an earlier one). */
  goals: Array<Goal & { id: string }>;
  /** The latest measurement time per Observation code. */
  latest: Record<string, string>;
  /** When each kind was last raised as missing. */
  alerts: Record<string, string>;
}

/**
 * Every client expected to measure at a frequency (an active Goal with the frequency extension)
 * with everything the missing-measurement check reads, in one statement for the whole region
 * (the same reads as `activeMonitoringGoals`, `latestMeasurements` and `lastMissingAlerts`).
 */
export async function clientsToCheckForMissing(db: SqlExecutor): Promise<ExpectedClient[]> {
  const r = await db.query<{ patient: string; goals: Array<Goal & { id: string }>; latest: Record<string, string> | null; alerts: Record<string, string> | null }>(
    `WITH expected AS (
       SELECT content #>> '{subject,reference}' AS patient, jsonb_agg(content ORDER BY content ->> 'startDate', id) AS goals
         FROM resource
        WHERE resource_type = 'Goal' AND content ->> 'lifecycleStatus' = 'active'
        GROUP BY 1
       HAVING bool_or(content -> 'extension' @> jsonb_build_array(jsonb_build_object('url', $1::text)))
     ),
     latest AS (
       SELECT patient, jsonb_object_agg(code, at) AS latest FROM (
         SELECT t.value AS patient, o.content #>> '{code,coding,0,code}' AS code, max(ovi_instant(o.content ->> 'effectiveDateTime')) AS at
           FROM expected e
           JOIN search_token t ON t.resource_type = 'Observation' AND t.param = 'subject' AND t.value = e.patient
           JOIN resource o ON o.resource_type = 'Observation' AND o.id = t.resource_id
          WHERE o.content ->> 'status' = 'final'
          GROUP BY 1, 2) m
        WHERE code IS NOT NULL AND at IS NOT NULL
        GROUP BY patient
     ),
     alerts AS (
       SELECT patient, jsonb_object_agg(kind, at) AS alerts FROM (
         SELECT t.value AS patient, i ->> 'valueCode' AS kind, max(COALESCE(i -> 'extension' -> 0 ->> 'valueDateTime', r.content ->> 'authoredOn')) AS at
           FROM expected e
           JOIN search_token t ON t.resource_type = 'Task' AND t.param = 'patient' AND t.value = e.patient
           JOIN resource r ON r.resource_type = 'Task' AND r.id = t.resource_id
          CROSS JOIN LATERAL jsonb_array_elements(COALESCE(r.content -> 'input', '[]'::jsonb)) i
          WHERE r.content #>> '{code,coding,0,code}' = $2
            AND i -> 'type' -> 'coding' @> jsonb_build_array(jsonb_build_object('system', $3::text, 'code', 'missing'))
          GROUP BY 1, 2) a
        WHERE kind IS NOT NULL AND at IS NOT NULL
        GROUP BY patient
     )
     SELECT e.patient, e.goals, l.latest, a.alerts
       FROM expected e LEFT JOIN latest l USING (patient) LEFT JOIN alerts a USING (patient)
      WHERE e.patient IS NOT NULL
      ORDER BY e.patient`,
    [MEASUREMENT_FREQUENCY_EXTENSION, SELF_MONITORING_TASK, SYSTEMS.taskParameter],
  );
  const iso = (values: Record<string, string> | null) => Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, new Date(v).toISOString()]));
  return r.rows.map((row) => ({ patient: row.patient, goals: row.goals, latest: iso(row.latest), alerts: row.alerts ?? {} }));
}

/** Which of these home-measurement identifiers are already stored (a meter file sent twice). */
export async function storedMeasurementIdentifiers(db: SqlExecutor, values: string[]): Promise<Set<string>> {
  if (values.length === 0) return new Set();
  const r = await db.query<{ value: string }>(
    `SELECT value FROM search_token WHERE resource_type = 'Observation' AND param = 'identifier' AND value = ANY($1::text[])`,
    [values],
  );
  return new Set(r.rows.map((row) => row.value));
}

/**
 * Takes the turn to look for missing measurements when the last look is older than
 * `minutes`: true for exactly one caller, whichever process it runs in.
 */
export async function claimMissingSweep(db: SqlExecutor, now: Date, minutes: number): Promise<boolean> {
  const r = await db.query(
    `UPDATE self_monitoring_sweep SET swept_at = $1::timestamptz
      WHERE id = 1 AND (swept_at IS NULL OR swept_at <= $1::timestamptz - make_interval(mins => $2) OR swept_at > $1::timestamptz)
      RETURNING 1`,
    [now.toISOString(), minutes],
  );
  return r.rows.length > 0;
}

export interface MonitoringWorkRow {
  taskId: string;
  patient: string;
  name?: string;
  birthDate?: string;
  urgencyRank: number;
  deadline?: string;
}

/** The open home-measurement work items owned by these teams, services or people, most urgent and earliest first. */
export async function openMonitoringWork(db: SqlExecutor, owners: string[]): Promise<MonitoringWorkRow[]> {
  if (owners.length === 0) return [];
  const r = await db.query<{ task_id: string; patient_id: string; name: string | null; birth_date: string | null; urgency_rank: number; deadline: Date | string | null }>(
    `SELECT w.task_id, w.patient_id, p.content #>> '{name,0,text}' AS name, p.content ->> 'birthDate' AS birth_date, w.urgency_rank, w.deadline
       FROM work_item w LEFT JOIN resource p ON p.resource_type = 'Patient' AND p.id = w.patient_id
      WHERE w.kind = $1 AND w.owner = ANY($2::text[])
      ORDER BY w.urgency_rank, w.deadline, w.task_id LIMIT 200`,
    [SELF_MONITORING_TASK, owners],
  );
  return r.rows.map((row) => ({
    taskId: row.task_id,
    patient: `Patient/${row.patient_id}`,
    ...(row.name ? { name: row.name } : {}),
    ...(row.birth_date ? { birthDate: row.birth_date } : {}),
    urgencyRank: Number(row.urgency_rank),
    ...(row.deadline ? { deadline: new Date(row.deadline).toISOString() } : {}),
  }));
}
