import type { Communication, Patient, Task } from '@medplum/fhirtypes';
import { TASK_CODES } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';

export interface OpenNotice {
  task: Task;
  message?: Communication;
  patient?: Pick<Patient, 'name' | 'birthDate'>;
}

/**
 * The open notices owned by any of `owners` (the reader's own services and teams), in queue
 * order (most urgent, then the earliest deadline, then the oldest), each with its notice text
 * and its client's name, from the work queue's projection (migration 008) in one statement.
 */
export async function openNotices(db: SqlExecutor, owners: string[], limit: number): Promise<OpenNotice[]> {
  if (owners.length === 0) return [];
  const r = await db.query<{ task: Task; message: Communication | null; patient: Pick<Patient, 'name' | 'birthDate'> | null }>(
    `SELECT t.content AS task, m.content AS message,
            CASE WHEN p.id IS NOT NULL THEN jsonb_strip_nulls(jsonb_build_object('name', p.content -> 'name', 'birthDate', p.content -> 'birthDate')) END AS patient
       FROM work_item w
       JOIN resource t ON t.resource_type = 'Task' AND t.id = w.task_id
       LEFT JOIN resource m ON m.resource_type = 'Communication' AND 'Communication/' || m.id = t.content #>> '{focus,reference}'
       LEFT JOIN resource p ON p.resource_type = 'Patient' AND p.id = w.patient_id
      WHERE w.kind = $1 AND w.owner = ANY($2::text[])
      ORDER BY w.urgency_rank, w.deadline, w.authored, w.task_id
      LIMIT $3`,
    [TASK_CODES.socialNotice, owners, limit],
  );
  return r.rows.map((row) => ({ task: row.task, ...(row.message ? { message: row.message } : {}), ...(row.patient ? { patient: row.patient } : {}) }));
}
