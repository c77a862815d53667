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
 * closes; an Appointment with both until the set days after it; a CareTeam of the client while
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
        AND r.content->>'status' NOT IN ('cancelled', 'entered-in-error', 'noshow')
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
                       AND (p#>>'{period,end}' IS NULL OR (p#>>'{period,end}')::timestamptz > $5::timestamptz))
     LIMIT 1`,
    [patient, user.fhirUser, hasRole(user, 'guidance'), TASK_CODES.clientGuidance, at.toISOString()],
  );
  return r.rows.length > 0;
}

/** Self, the CareTeams one is a member of, and the services of one's PractitionerRoles ($2 = the user). */
const OWNER_REFERENCES_SQL = `
  SELECT $2::text AS ref
  UNION SELECT 'CareTeam/' || resource_id FROM search_token WHERE resource_type = 'CareTeam' AND param = 'participant' AND value = $2
  UNION SELECT s.value FROM search_token p JOIN search_token s
      ON s.resource_type = 'PractitionerRole' AND s.resource_id = p.resource_id AND s.param = 'service'
   WHERE p.resource_type = 'PractitionerRole' AND p.param = 'practitioner' AND p.value = $2`;

/** The references a Task may be owned by for this user to see it: self, own teams, own services. */
export async function ownerReferences(db: SqlExecutor, user: UserContext): Promise<string[]> {
  const r = await db.query<{ ref: string }>(`SELECT ref FROM (${OWNER_REFERENCES_SQL.replaceAll('$2', '$1')}) o`, [user.fhirUser]);
  return r.rows.map((row) => row.ref);
}

/**
 * The user's open work in one round trip: Tasks with one of `statuses` owned by them, their
 * teams or their services, or (guidance staff) any client-guidance Task; newest first, each
 * with its client's Patient resource (the work queue reads both on every refresh).
 */
export async function openWork(db: SqlExecutor, user: UserContext, statuses: string[], limit: number): Promise<Array<{ task: Task; patient?: Patient }>> {
  const r = await db.query<{ task: Task; patient: Patient | null }>(
    `WITH owners AS (${OWNER_REFERENCES_SQL}),
     open AS (
       SELECT r.id, r.content, r.last_updated FROM resource r
        WHERE r.resource_type = 'Task'
          AND r.id IN (SELECT x.resource_id FROM search_token x WHERE x.resource_type = 'Task' AND x.param = 'status' AND x.value = ANY($1::text[]))
          AND r.id IN (SELECT x.resource_id FROM search_token x WHERE x.resource_type = 'Task' AND (
                 (x.param = 'owner' AND x.value IN (SELECT ref FROM owners))
              OR ($3 AND x.param = 'code' AND x.value = $4)))
        ORDER BY r.last_updated DESC, r.id LIMIT $5)
     SELECT o.content AS task, p.content AS patient FROM open o
       LEFT JOIN resource p ON p.resource_type = 'Patient' AND p.id = substring(o.content->'for'->>'reference' FROM '^Patient/(.+)$')
      ORDER BY o.last_updated DESC, o.id`,
    [statuses, user.fhirUser, hasRole(user, 'guidance'), TASK_CODES.clientGuidance, limit],
  );
  return r.rows.map((row) => ({ task: row.task, ...(row.patient ? { patient: row.patient } : {}) }));
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
        AND (r.content#>>'{provision,period,end}' IS NULL OR (r.content#>>'{provision,period,end}')::timestamptz > $3::timestamptz)
        AND (r.content#>>'{provision,period,start}' IS NULL OR (r.content#>>'{provision,period,start}')::timestamptz <= $3::timestamptz)`,
    [patients, categorySystem, at.toISOString()],
  );
  return new Set(r.rows.map((row) => row.patient)).size === new Set(patients).size;
}
