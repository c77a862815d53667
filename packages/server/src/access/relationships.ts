import type { Patient, RelatedPerson, Task } from '@medplum/fhirtypes';
import type { SqlExecutor } from '../db/database';
import { TASK_CODES } from '@ovi/domain';
import type { UserContext } from '../auth/userContext';
import { hasRole } from '../auth/userContext';

/** How long access lasts after the work that gave it ends: a setting an administrator may change. */
export const ACCESS_LIFETIMES_SETTING = 'access-lifetimes';
export interface AccessLifetimes {
  /** Days after a Task closes during which its owners still see the client (follow-up). */
  taskFollowUpDays: number;
  /** Days after an Appointment during which its participants still see the client. */
  appointmentDays: number;
}
export const DEFAULT_ACCESS_LIFETIMES: AccessLifetimes = { taskFollowUpDays: 30, appointmentDays: 30 };

/** A resource written by someone who had no relationship, on a recorded reason: it never makes one. */
const NOT_BY_REASON = (alias: string) => `NOT COALESCE(${alias}.content->'meta'->'tag' @> '[{"code":"recorded-reason"}]'::jsonb, false)`;
const CLOSED_TASK = `('completed', 'cancelled', 'failed', 'rejected', 'entered-in-error')`;

/**
 * Live care and service relationships between a professional and a client: a Task for the
 * client owned by them, their team or their service, or requested by them (for guidance
 * staff any client-guidance Task), while it is open and for the follow-up period after it
 * closes; an Appointment with both until the set days after it (a visit the client did not come to,
 * `noshow`, too: the professional follows it up; a cancelled one never); a CareTeam of the client while
 * it is active and the professional's participation has not ended. Nothing written on a
 * recorded reason counts. `$5` is the care clock's now.
 */
export async function hasCareRelationship(db: SqlExecutor, user: UserContext, patient: string, at: Date): Promise<boolean> {
  const r = await db.query(
    `WITH owners AS (${OWNER_REFERENCES_SQL}),
     life AS (
       SELECT COALESCE((SELECT (value->>'taskFollowUpDays')::int FROM app_setting WHERE name = '${ACCESS_LIFETIMES_SETTING}'), ${DEFAULT_ACCESS_LIFETIMES.taskFollowUpDays}) AS task_days,
              COALESCE((SELECT (value->>'appointmentDays')::int FROM app_setting WHERE name = '${ACCESS_LIFETIMES_SETTING}'), ${DEFAULT_ACCESS_LIFETIMES.appointmentDays}) AS appointment_days)
     SELECT 1 FROM search_token t
       JOIN resource r ON r.resource_type = 'Task' AND r.id = t.resource_id
      WHERE t.resource_type = 'Task' AND t.param = 'patient' AND t.value = $1
        AND ${NOT_BY_REASON('r')}
        AND (r.content->>'status' NOT IN ${CLOSED_TASK}
             OR COALESCE((r.content#>>'{executionPeriod,end}')::timestamptz, r.last_updated) >= $5::timestamptz - make_interval(days => (SELECT task_days FROM life)))
        AND t.resource_id IN (
          SELECT o.resource_id FROM search_token o WHERE o.resource_type = 'Task' AND (
               (o.param = 'owner' AND o.value IN (SELECT ref FROM owners))
            OR (o.param = 'requester' AND o.value = $2)
            OR ($3 AND o.param = 'code' AND o.value = $4)))
     UNION ALL
     SELECT 1 FROM search_token t
       JOIN resource r ON r.resource_type = 'Appointment' AND r.id = t.resource_id
      WHERE t.resource_type = 'Appointment' AND t.param = 'patient' AND t.value = $1
        AND ${NOT_BY_REASON('r')}
        AND r.content->>'status' NOT IN ('cancelled', 'entered-in-error')
        AND COALESCE((r.content->>'end')::timestamptz, (r.content->>'start')::timestamptz) >= $5::timestamptz - make_interval(days => (SELECT appointment_days FROM life))
        AND EXISTS (SELECT 1 FROM search_token m WHERE m.resource_type = 'Appointment' AND m.resource_id = t.resource_id
                      AND m.param IN ('practitioner', 'actor') AND m.value = $2)
     UNION ALL
     SELECT 1 FROM search_token t
       JOIN resource r ON r.resource_type = 'CareTeam' AND r.id = t.resource_id
      WHERE t.resource_type = 'CareTeam' AND t.param = 'patient' AND t.value = $1
        AND ${NOT_BY_REASON('r')}
        AND r.content->>'status' = 'active'
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(COALESCE(r.content->'participant', '[]'::jsonb)) p
                     WHERE p->'member'->>'reference' = $2
                       -- a shared plan's member from outside the region sees the plan's goals and own actions only (decision 031)
                       AND NOT COALESCE(p->'role' @> '[{"coding":[{"code":"outside-region"}]}]'::jsonb, false)
                       AND (p#>>'{period,end}' IS NULL OR (p#>>'{period,end}')::timestamptz > $5::timestamptz))
     LIMIT 1`,
    [patient, user.fhirUser, hasRole(user, 'guidance'), TASK_CODES.clientGuidance, at.toISOString()],
  );
  return r.rows.length > 0;
}

/** Self, one's PractitionerRoles, the CareTeams one is a member of, and the services of one's PractitionerRoles ($2 = the user). */
const OWNER_REFERENCES_SQL = `
  SELECT $2::text AS ref
  UNION SELECT 'PractitionerRole/' || resource_id FROM search_token WHERE resource_type = 'PractitionerRole' AND param = 'practitioner' AND value = $2
  UNION SELECT 'CareTeam/' || resource_id FROM search_token WHERE resource_type = 'CareTeam' AND param = 'participant' AND value = $2
  UNION SELECT s.value FROM search_token p JOIN search_token s
      ON s.resource_type = 'PractitionerRole' AND s.resource_id = p.resource_id AND s.param = 'service'
   WHERE p.resource_type = 'PractitionerRole' AND p.param = 'practitioner' AND p.value = $2`;

/** The references a Task may be owned by for this user to see it: self, own roles, own teams, own services. */
export async function ownerReferences(db: SqlExecutor, user: UserContext): Promise<string[]> {
  const r = await db.query<{ ref: string }>(`SELECT ref FROM (${OWNER_REFERENCES_SQL.replaceAll('$2', '$1')}) o`, [user.fhirUser]);
  return r.rows.map((row) => row.ref);
}

/** A Task status that counts as open work (the queue's projection, work_item of migration 008, holds exactly these). */
export const OPEN_WORK_STATUSES = ['ready', 'in-progress', 'requested', 'received', 'accepted'] as const;

export interface WorkFilters {
  /** 0 emergent … 3 self-care. */
  urgencyRank?: number;
  channel?: string;
  profession?: string;
  /** Work owned by this team, service or person (one of the user's own). */
  owner?: string;
  /** Contacts someone has claimed (`$claim`): this reference's, or (`null`) nobody's. */
  claimedBy?: string | null;
}

/** What the queue shows of a client. */
export type WorkClient = Pick<Patient, 'name' | 'birthDate'>;

export interface WorkPage {
  /** The page in queue order; `task` is left out where the caller already holds that version. */
  items: Array<{ taskId: string; versionId: string; task?: Task; patient?: WorkClient }>;
  /** Every open Task of the user's work that passes the filters. */
  total: number;
  /** The teams and services whose work the user sees (the owner filter's choices). */
  teams: Array<{ reference: string; name?: string }>;
}

/**
 * One page of the user's open work: open Tasks owned by them, their teams or their services,
 * and for guidance staff every client-guidance Task; most urgent first, then the earliest
 * deadline, then the oldest contact (then the id, so pages never overlap), each with its
 * client's name and birth date, with the total that passes the filters. Paged, filtered and
 * counted in one statement over work_item (migration 008): each part is read from its index in
 * queue order, a page reading its own rows (and those of the pages before it), never the whole
 * queue; the total is a sum over work_count (migration 017), kept by the same triggers' statement. The Tasks shown are read in a second statement, only those whose version the caller
 * does not already hold (`held`).
 */
export async function openWork(
  db: SqlExecutor,
  user: UserContext,
  filters: WorkFilters,
  page: { offset: number; limit: number },
  held: (taskId: string, versionId: string) => boolean = () => false,
): Promise<WorkPage> {
  const params: unknown[] = [user.fhirUser];
  const param = (value: unknown) => `$${params.push(value)}`;
  const conditions: string[] = [];
  if (filters.urgencyRank !== undefined) conditions.push(`w.urgency_rank = ${param(filters.urgencyRank)}::smallint`);
  if (filters.channel !== undefined) conditions.push(`w.channel = ${param(filters.channel)}`);
  if (filters.profession !== undefined) conditions.push(`w.profession = ${param(filters.profession)}`);
  if (filters.claimedBy === null) conditions.push('w.claimant IS NULL');
  else if (filters.claimedBy !== undefined) conditions.push(`w.claimant = ${param(filters.claimedBy)}`);
  const guidance = hasRole(user, 'guidance');
  // Guidance staff see the whole client-guidance queue; everyone sees the work owned by them,
  // their teams or their services (for guidance staff, the rest of it). An owner filter keeps
  // only that owner's work, and only when the owner is one of the user's own. (The owners as an
  // array, so the owner is the leading condition of the owner index's scan.)
  const owned = 'w.owner = ANY(ARRAY(SELECT ref FROM owners))';
  const guidanceKind = `w.kind = '${TASK_CODES.clientGuidance}'`;
  const parts = filters.owner !== undefined
    ? [`${owned} AND w.owner = ${param(filters.owner)}`]
    : [...(guidance ? [guidanceKind] : []), `${owned}${guidance ? ` AND w.kind IS DISTINCT FROM '${TASK_CODES.clientGuidance}'` : ''}`];
  const where = (part: string) => [part, ...conditions].join(' AND ');
  const reach = param(page.offset + page.limit);
  const limit = param(page.limit);
  const offset = param(page.offset);
  const r = await db.query<{ total: string | number; count_rows: string | number; teams: WorkPage['teams'] | null; task_id: string | null; version_id: number | null; patient: WorkClient | null }>(
    `WITH owners AS (${OWNER_REFERENCES_SQL.replaceAll('$2', '$1')}),
     page AS (
       SELECT u.* FROM (
         ${parts.map((part) => `(SELECT w.task_id, w.version_id, w.patient_id, w.urgency_rank, w.deadline, w.authored FROM work_item w WHERE ${where(part)} ORDER BY w.urgency_rank, w.deadline, w.authored, w.task_id LIMIT ${reach})`).join('\n         UNION ALL ')}) u
       ORDER BY u.urgency_rank, u.deadline, u.authored, u.task_id LIMIT ${limit} OFFSET ${offset}),
     head AS (
       SELECT ${parts.map((part) => `(SELECT COALESCE(sum(w.n), 0) FROM work_count w WHERE ${where(part)})`).join(' + ')} AS total,
              (SELECT count(*) FROM work_count) AS count_rows,
              (SELECT json_agg(json_build_object('reference', o.ref, 'name', t.content ->> 'name') ORDER BY o.ref) FROM owners o
                 LEFT JOIN resource t ON t.resource_type = split_part(o.ref, '/', 1) AND t.id = split_part(o.ref, '/', 2)
                WHERE o.ref <> $1 AND o.ref NOT LIKE 'PractitionerRole/%') AS teams)
     SELECT h.total, h.count_rows, h.teams, pg.task_id, pg.version_id,
            CASE WHEN p.id IS NOT NULL THEN jsonb_strip_nulls(jsonb_build_object('name', p.content -> 'name', 'birthDate', p.content -> 'birthDate')) END AS patient
       FROM head h
       LEFT JOIN page pg ON true
       LEFT JOIN resource p ON p.resource_type = 'Patient' AND p.id = pg.patient_id
      ORDER BY pg.urgency_rank, pg.deadline, pg.authored, pg.task_id`,
    params,
  );
  const rows = r.rows.flatMap((row) => (row.task_id ? [{ taskId: row.task_id, versionId: String(row.version_id), patient: row.patient ?? undefined }] : []));
  // The Tasks shown, without what the queue never shows (the notes to the resident).
  const wanted = rows.filter((row) => !held(row.taskId, row.versionId)).map((row) => row.taskId);
  const tasks = new Map<string, Task>();
  if (wanted.length > 0) {
    const t = await db.query<{ id: string; task: Task }>(`SELECT id, content - 'note' - 'text' AS task FROM resource WHERE resource_type = 'Task' AND id = ANY($1::text[])`, [wanted]);
    for (const row of t.rows) tasks.set(row.id, row.task);
  }
  const first = r.rows[0];
  if (Number(first?.count_rows ?? 0) > FOLD_AFTER_ROWS) foldWorkCounts(db);
  return {
    items: rows.map((row) => {
      const task = tasks.get(row.taskId);
      return { taskId: row.taskId, versionId: task?.meta?.versionId ?? row.versionId, ...(task ? { task } : {}), ...(row.patient ? { patient: row.patient } : {}) };
    }),
    total: Number(first?.total ?? 0),
    teams: first?.teams ?? [],
  };
}

/** Rows of work_count past which a queue read folds them (migration 017): the totals stay a sum of a few rows. */
const FOLD_AFTER_ROWS = 500;
/** Where many claimed contacts keep more combinations than that, a process folds at most this often. */
const FOLD_INTERVAL_MS = 10_000;
const FOLD_LOCK = 4242017;
let folding = false;
let foldedAt = 0;

/**
 * Folds work_count's +1/-1 rows into one row per combination, after the read that found them
 * (not awaited: the read has its total already). One fold at a time in this process, at most one
 * per FOLD_INTERVAL_MS, and across processes through an advisory lock that a fold skips when
 * another holds it.
 */
function foldWorkCounts(db: SqlExecutor): void {
  if (folding || Date.now() - foldedAt < FOLD_INTERVAL_MS) return;
  folding = true;
  foldedAt = Date.now();
  db.query(`WITH l AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(${FOLD_LOCK}) AS locked) SELECT ovi_work_count_fold() FROM l WHERE l.locked`)
    .catch(() => undefined) // the next read tries again
    .finally(() => {
      folding = false;
    });
}

/**
 * The RelatedPerson records a resident's Patient links to, each with the Patient it is about
 * (optionally only those about `childId`). Whether a link is a live guardianship is decided
 * by the caller (`guardians.ts`): role, activity and the child's age.
 */
export async function guardianLinks(db: SqlExecutor, residentId: string, childId?: string): Promise<Array<{ rp: RelatedPerson; child: Patient }>> {
  const r = await db.query<{ rp: RelatedPerson; child: Patient }>(
    `SELECT rp.content AS rp, c.content AS child
       FROM resource p
       CROSS JOIN LATERAL jsonb_array_elements(COALESCE(p.content->'link', '[]'::jsonb)) l
       JOIN resource rp ON rp.resource_type = 'RelatedPerson' AND 'RelatedPerson/' || rp.id = l->'other'->>'reference'
       JOIN resource c ON c.resource_type = 'Patient' AND 'Patient/' || c.id = rp.content->'patient'->>'reference'
      WHERE p.resource_type = 'Patient' AND p.id = $1 AND ($2::text IS NULL OR c.id = $2)`,
    [residentId, childId ?? null],
  );
  return r.rows;
}

/**
 * Whether a record is part of an open contact in the client-guidance queue: the contact's Task,
 * the contact itself, or its assessment. Guidance staff see these whatever the register,
 * while the contact waits for them.
 */
export async function inOpenGuidance(db: SqlExecutor, reference: string): Promise<boolean> {
  const r = await db.query(
    `SELECT 1 FROM resource r
      WHERE r.resource_type = 'Task' AND r.content#>>'{code,coding,0,code}' = $2 AND r.content->>'status' NOT IN ${CLOSED_TASK}
        AND ('Task/' || r.id = $1
             OR r.id IN (SELECT f.resource_id FROM search_token f WHERE f.resource_type = 'Task' AND f.param = 'focus' AND f.value = $1)
             OR r.id IN (SELECT substring(o.content->'focus'->0->>'reference' FROM '^Task/(.+)$') FROM resource o
                          WHERE o.resource_type = 'Observation' AND 'Observation/' || o.id = $1))
      LIMIT 1`,
    [reference, TASK_CODES.clientGuidance],
  );
  return r.rows.length > 0;
}

/**
 * Whether every one of the clients has an active consent to share their data across the
 * health and social-welfare registers (`Consent` with category register-sharing, a permit
 * provision, and a period that has not ended).
 */
export async function consentsToSharing(db: SqlExecutor, patients: string[], categorySystem: string, at: Date): Promise<boolean> {
  if (patients.length === 0) return false;
  const r = await db.query<{ patient: string }>(
    `SELECT DISTINCT t.value AS patient FROM search_token t
       JOIN resource r ON r.resource_type = 'Consent' AND r.id = t.resource_id
      WHERE t.resource_type = 'Consent' AND t.param = 'patient' AND t.value = ANY($1::text[])
        AND r.content->>'status' = 'active'
        AND r.content->'category' @> jsonb_build_array(jsonb_build_object('coding', jsonb_build_array(jsonb_build_object('system', $2::text, 'code', 'register-sharing'))))
        AND COALESCE(r.content#>>'{provision,type}', 'permit') = 'permit'
        -- a consent naming organisations opens the registers to them only (a shared plan's, decision 031)
        AND r.content#>'{provision,actor}' IS NULL AND r.content#>'{provision,securityLabel}' IS NULL
        AND (r.content#>>'{provision,period,end}' IS NULL OR (r.content#>>'{provision,period,end}')::timestamptz > $3::timestamptz)
        AND (r.content#>>'{provision,period,start}' IS NULL OR (r.content#>>'{provision,period,start}')::timestamptz <= $3::timestamptz)`,
    [patients, categorySystem, at.toISOString()],
  );
  return new Set(r.rows.map((row) => row.patient)).size === new Set(patients).size;
}
