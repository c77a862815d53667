/**
 * Consultations across clients, for the professional's inbox (asked of them, their roles, teams
 * or services) and outbox (asked by them). A FHIR search names one client; these lists cross
 * clients, so they are read here through the search index (`search_token`), newest work first.
 * Who may see which item is decided by the caller (consultation/consultationBoxes.ts).
 */
import type { Task } from '@medplum/fhirtypes';
import type { SqlExecutor } from '../db/database';

export type ConsultationBox = 'inbox' | 'outbox';
export type ConsultationState = 'open' | 'answered' | 'all';

const CLOSED = `('completed', 'cancelled', 'failed', 'rejected', 'entered-in-error')`;

export interface ConsultationRow {
  task: Task;
  /** The client's name and birth date, as the queue shows them. */
  patient?: { name?: Array<{ text?: string; given?: string[]; family?: string; use?: string }>; birthDate?: string };
  /** The name of the one asked: a Practitioner, a team, a service, a role's practitioner. */
  ownerName?: string;
}

/** The set of Tasks of a box: by owner (`refs`: the user's own owner references) or by requester. */
function boxCondition(box: ConsultationBox): string {
  return box === 'inbox'
    ? `r.id IN (SELECT o.resource_id FROM search_token o WHERE o.resource_type = 'Task' AND o.param = 'owner' AND o.value = ANY($1::text[]))`
    : `r.id IN (SELECT o.resource_id FROM search_token o WHERE o.resource_type = 'Task' AND o.param = 'requester' AND o.value = ($1::text[])[1])`;
}

function stateCondition(state: ConsultationState): string {
  if (state === 'open') return `r.content->>'status' NOT IN ${CLOSED}`;
  if (state === 'answered') return `r.content->>'status' = 'completed'`;
  return 'true';
}

/**
 * One box's consultations, open ones first (earliest due date first), then the closed ones,
 * latest answered first; at most `limit`. `refs` is the user's owner references for the inbox,
 * `[fhirUser]` for the outbox.
 */
export async function consultationRows(db: SqlExecutor, box: ConsultationBox, state: ConsultationState, refs: string[], code: string, limit: number): Promise<ConsultationRow[]> {
  const r = await db.query<{ task: Task; patient: ConsultationRow['patient'] | null; owner_name: string | null }>(
    `SELECT r.content AS task,
            CASE WHEN p.id IS NOT NULL THEN jsonb_strip_nulls(jsonb_build_object('name', p.content -> 'name', 'birthDate', p.content -> 'birthDate')) END AS patient,
            CASE WHEN jsonb_typeof(o.content -> 'name') = 'array' THEN COALESCE(o.content -> 'name' -> 0 ->> 'text', concat_ws(' ', o.content -> 'name' -> 0 -> 'given' ->> 0, o.content -> 'name' -> 0 ->> 'family'))
                 ELSE COALESCE(o.content ->> 'name', o.content -> 'practitioner' ->> 'display') END AS owner_name
       FROM resource r
       LEFT JOIN resource p ON p.resource_type = 'Patient' AND p.id = substring(r.content -> 'for' ->> 'reference' FROM '^Patient/(.+)$')
       LEFT JOIN resource o ON o.resource_type = split_part(r.content -> 'owner' ->> 'reference', '/', 1) AND o.id = split_part(r.content -> 'owner' ->> 'reference', '/', 2)
      WHERE r.resource_type = 'Task' AND r.content #>> '{code,coding,0,code}' = $2
        AND ${boxCondition(box)}
        AND ${stateCondition(state)}
      ORDER BY (r.content->>'status' NOT IN ${CLOSED}) DESC,
               CASE WHEN r.content->>'status' NOT IN ${CLOSED} THEN r.content #>> '{restriction,period,end}' END ASC,
               COALESCE(r.content #>> '{executionPeriod,end}', r.content ->> 'authoredOn') DESC,
               r.id
      LIMIT $3`,
    [refs, code, limit],
  );
  return r.rows.map((row) => ({ task: row.task, ...(row.patient ? { patient: row.patient } : {}), ...(row.owner_name ? { ownerName: row.owner_name } : {}) }));
}

/** How many open consultations wait in the inbox, and how many of one's own questions wait for an answer. */
export async function consultationCounts(db: SqlExecutor, ownerRefs: string[], fhirUser: string, code: string): Promise<{ inbox: number; outbox: number }> {
  const r = await db.query<{ inbox: string | number; outbox: string | number }>(
    `SELECT (SELECT count(*) FROM resource r WHERE r.resource_type = 'Task' AND r.content #>> '{code,coding,0,code}' = $3
               AND r.content->>'status' NOT IN ${CLOSED} AND ${boxCondition('inbox')}) AS inbox,
            (SELECT count(*) FROM resource r WHERE r.resource_type = 'Task' AND r.content #>> '{code,coding,0,code}' = $3
               AND r.content->>'status' NOT IN ${CLOSED}
               AND r.id IN (SELECT o.resource_id FROM search_token o WHERE o.resource_type = 'Task' AND o.param = 'requester' AND o.value = $2)) AS outbox`,
    [ownerRefs, fhirUser, code],
  );
  return { inbox: Number(r.rows[0]?.inbox ?? 0), outbox: Number(r.rows[0]?.outbox ?? 0) };
}
