/**
 * The active CareTeams that make a client's own team (as booking ranks times and home
 * measurements find their team): the client's own (`subject`) and those of the client's own
 * units (`managingOrganization` among the given references). Read in SQL for the one client,
 * instead of listing every active team of the region and filtering in the server: a page of
 * 1 000 teams silently left out the rest once a region had more.
 */
import type { CareTeam } from '@medplum/fhirtypes';
import type { SqlExecutor } from '../db/database';

export async function activeTeamsOf(db: SqlExecutor, patient: string, units: readonly string[]): Promise<CareTeam[]> {
  const r = await db.query<{ content: CareTeam }>(
    `SELECT content FROM resource
      WHERE resource_type = 'CareTeam' AND content ->> 'status' = 'active'
        AND (content #>> '{subject,reference}' = $1
             OR EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(content -> 'managingOrganization') = 'array' THEN content -> 'managingOrganization' ELSE '[]' END) o
                         WHERE o ->> 'reference' = ANY($2::text[])))
      ORDER BY id`,
    [patient, [...units]],
  );
  return r.rows.map((row) => row.content);
}
