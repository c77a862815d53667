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
  const owners = await ownerReferences(db, user);
  const r = await db.query(
    `SELECT 1 FROM search_token t
      WHERE t.resource_type = 'Task' AND t.param = 'patient' AND t.value = $1
        AND t.resource_id IN (
          SELECT o.resource_id FROM search_token o WHERE o.resource_type = 'Task' AND (
               (o.param = 'owner' AND o.value = ANY($2::text[]))
            OR (o.param = 'requester' AND o.value = $3)
            OR ($4 AND o.param = 'code' AND o.value = $5)))
     UNION ALL
     SELECT 1 FROM search_token t
      WHERE t.resource_type IN ('CareTeam', 'Appointment') AND t.param = 'patient' AND t.value = $1
        AND EXISTS (SELECT 1 FROM search_token m WHERE m.resource_type = t.resource_type AND m.resource_id = t.resource_id
                      AND m.param IN ('participant', 'practitioner', 'actor') AND m.value = $3)
     LIMIT 1`,
    [patient, owners, user.fhirUser, hasRole(user, 'guidance'), TASK_CODES.clientGuidance],
  );
  return r.rows.length > 0;
}

/** The references a Task may be owned by for this user to see it: self, own teams, own services. */
export async function ownerReferences(db: SqlExecutor, user: UserContext): Promise<string[]> {
  const r = await db.query<{ ref: string }>(
    `SELECT 'CareTeam/' || resource_id AS ref FROM search_token
      WHERE resource_type = 'CareTeam' AND param = 'participant' AND value = $1
     UNION
     SELECT s.value AS ref FROM search_token p JOIN search_token s
         ON s.resource_type = 'PractitionerRole' AND s.resource_id = p.resource_id AND s.param = 'service'
      WHERE p.resource_type = 'PractitionerRole' AND p.param = 'practitioner' AND p.value = $1`,
    [user.fhirUser],
  );
  return [user.fhirUser, ...r.rows.map((row) => row.ref)];
}
