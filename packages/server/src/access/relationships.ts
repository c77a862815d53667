import type { Patient, RelatedPerson, Task } from '@medplum/fhirtypes';
import type { SqlExecutor } from '../db/database';
import { TASK_CODES } from '@ovi/domain';
import type { UserContext } from '../auth/userContext';
import { hasRole } from '../auth/userContext';

/**
 * Care and service relationships between a professional and a client, read from the search
 * index: a Task for the client owned by them, their team or their service (or any open
 * client-guidance Task for guidance staff), a CareTeam or an Appointment with both.
 */
export async function hasCareRelationship(db: SqlExecutor, user: UserContext, patient: string): Promise<boolean> {
  // One round trip: the user's owner references (self, teams, services) are a CTE.
  const r = await db.query(
    `WITH owners AS (${OWNER_REFERENCES_SQL})
     SELECT 1 FROM search_token t
      WHERE t.resource_type = 'Task' AND t.param = 'patient' AND t.value = $1
        AND t.resource_id IN (
          SELECT o.resource_id FROM search_token o WHERE o.resource_type = 'Task' AND (
               (o.param = 'owner' AND o.value IN (SELECT ref FROM owners))
            OR (o.param = 'requester' AND o.value = $2)
            OR ($3 AND o.param = 'code' AND o.value = $4)))
     UNION ALL
     SELECT 1 FROM search_token t
      WHERE t.resource_type IN ('CareTeam', 'Appointment') AND t.param = 'patient' AND t.value = $1
        AND EXISTS (SELECT 1 FROM search_token m WHERE m.resource_type = t.resource_type AND m.resource_id = t.resource_id
                      AND m.param IN ('participant', 'practitioner', 'actor') AND m.value = $2)
     LIMIT 1`,
    [patient, user.fhirUser, hasRole(user, 'guidance'), TASK_CODES.clientGuidance],
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
