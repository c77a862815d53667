/** Reads behind the shared client plan (decision 031): consents, organisations, assessments, reviews, AVAIN recordings. */
import type { CarePlan, Observation } from '@medplum/fhirtypes';
import { CARE_PLAN, SYSTEMS } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';

const SHARED_PLAN = `r.content->'category' @> jsonb_build_array(jsonb_build_object('coding', jsonb_build_array(jsonb_build_object('system', '${CARE_PLAN.categorySystem}', 'code', '${CARE_PLAN.sharedCategory}'))))`;

/** The client's active shared plans, newest first. */
export async function sharedPlansOf(db: SqlExecutor, patient: string): Promise<Array<CarePlan & { id: string }>> {
  const r = await db.query<{ content: CarePlan & { id: string } }>(
    `SELECT r.content FROM search_token t JOIN resource r ON r.resource_type = 'CarePlan' AND r.id = t.resource_id
      WHERE t.resource_type = 'CarePlan' AND t.param = 'subject' AND t.value = $1 AND r.content->>'status' IN ('active', 'draft', 'on-hold')
        AND ${SHARED_PLAN}
      ORDER BY r.last_updated DESC, r.id`,
    [patient],
  );
  return r.rows.map((row) => row.content);
}

/** One active register-sharing consent of a client: to whom (organisations; none = everyone of the region) and which registers (none = both). */
export interface SharingConsent {
  actors: string[] | null;
  registers: string[] | null;
}

/**
 * The client's consents to share across registers in force at `at`, read on every request
 * (never cached): a withdrawn consent stops the next read (hazard H22).
 */
export async function sharingConsents(db: SqlExecutor, patient: string, at: Date): Promise<SharingConsent[]> {
  const r = await db.query<{ actors: string[] | null; registers: string[] | null }>(
    `SELECT (SELECT array_agg(a->'reference'->>'reference') FROM jsonb_array_elements(r.content#>'{provision,actor}') a) AS actors,
            (SELECT array_agg(l->>'code') FROM jsonb_array_elements(r.content#>'{provision,securityLabel}') l WHERE l->>'system' = $3) AS registers
       FROM search_token t JOIN resource r ON r.resource_type = 'Consent' AND r.id = t.resource_id
      WHERE t.resource_type = 'Consent' AND t.param = 'patient' AND t.value = $1
        AND r.content->>'status' = 'active'
        AND r.content->'category' @> jsonb_build_array(jsonb_build_object('coding', jsonb_build_array(jsonb_build_object('system', $2::text, 'code', 'register-sharing'))))
        AND COALESCE(r.content#>>'{provision,type}', 'permit') = 'permit'
        AND (r.content#>>'{provision,period,end}' IS NULL OR (r.content#>>'{provision,period,end}')::timestamptz > $4::timestamptz)
        AND (r.content#>>'{provision,period,start}' IS NULL OR (r.content#>>'{provision,period,start}')::timestamptz <= $4::timestamptz)`,
    [patient, SYSTEMS.consentCategory, SYSTEMS.register, at.toISOString()],
  );
  return r.rows.map((row) => ({ actors: row.actors, registers: row.registers }));
}

/** A professional's active PractitionerRoles and the organisations they act for. */
export async function rolesOf(db: SqlExecutor, practitioner: string): Promise<Array<{ role: string; organization: string | null }>> {
  const r = await db.query<{ id: string; organization: string | null }>(
    `SELECT r.id, r.content#>>'{organization,reference}' AS organization
       FROM search_token t JOIN resource r ON r.resource_type = 'PractitionerRole' AND r.id = t.resource_id
      WHERE t.resource_type = 'PractitionerRole' AND t.param = 'practitioner' AND t.value = $1
        AND COALESCE(r.content->>'active', 'true') = 'true'`,
    [practitioner],
  );
  return r.rows.map((row) => ({ role: `PractitionerRole/${row.id}`, organization: row.organization }));
}

/** The top of an Organization's `partOf` chain (itself without one); undefined for an unknown Organization. */
export async function organisationRoot(db: SqlExecutor, organization: string): Promise<string | undefined> {
  const r = await db.query<{ ref: string }>(
    `WITH RECURSIVE chain(ref, parent, depth) AS (
       SELECT 'Organization/' || id, content#>>'{partOf,reference}', 0 FROM resource WHERE resource_type = 'Organization' AND 'Organization/' || id = $1
       UNION ALL
       SELECT 'Organization/' || o.id, o.content#>>'{partOf,reference}', c.depth + 1
         FROM chain c JOIN resource o ON o.resource_type = 'Organization' AND 'Organization/' || o.id = c.parent
        WHERE c.depth < 20)
     SELECT ref FROM chain ORDER BY depth DESC LIMIT 1`,
    [organization],
  );
  return r.rows[0]?.ref;
}

/** The need assessments (care-need and service-need) made of the client by these professionals. */
export async function needAssessmentsBy(db: SqlExecutor, patient: string, performers: string[]): Promise<Array<Observation & { id: string }>> {
  if (performers.length === 0) return [];
  const r = await db.query<{ content: Observation & { id: string } }>(
    `SELECT r.content FROM search_token t JOIN resource r ON r.resource_type = 'Observation' AND r.id = t.resource_id
      WHERE t.resource_type = 'Observation' AND t.param = 'subject' AND t.value = $1
        AND r.content#>>'{code,coding,0,system}' = $2
        AND r.content#>>'{performer,0,reference}' = ANY($3::text[])
        AND r.content->>'status' IN ('final', 'amended', 'preliminary')`,
    [patient, SYSTEMS.needAssessment, performers],
  );
  return r.rows.map((row) => row.content);
}

/** Serialises review-task decisions across processes until the transaction ends. */
export async function lockPlanReviews(tx: SqlExecutor): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('ovi-care-plan-review'))`);
}

/** The review identifiers (`CarePlan/…|date`) that already have a Task, among these. */
export async function existingReviewTasks(tx: SqlExecutor, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const r = await tx.query<{ key: string }>(
    `SELECT content#>>'{identifier,0,value}' AS key FROM resource
      WHERE resource_type = 'Task' AND content#>>'{code,coding,0,code}' = $1 AND content#>>'{identifier,0,value}' = ANY($2::text[])`,
    [CARE_PLAN.reviewTask, keys],
  );
  return new Set(r.rows.map((row) => row.key));
}

/** Active shared plans with a review date on or before `until` (YYYY-MM-DD): candidates for a review Task. */
export async function plansWithReviewsDue(tx: SqlExecutor, until: string): Promise<Array<CarePlan & { id: string }>> {
  const r = await tx.query<{ content: CarePlan & { id: string } }>(
    `SELECT r.content FROM resource r
      WHERE r.resource_type = 'CarePlan' AND r.content->>'status' = 'active' AND ${SHARED_PLAN}
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(COALESCE(r.content->'extension', '[]'::jsonb)) e
                     WHERE e->>'url' = $1 AND e->>'valueDate' <= $2)`,
    [CARE_PLAN.reviewDateExtension, until],
  );
  return r.rows.map((row) => row.content);
}

/** The AVAIN recordings of one plan, oldest first. */
export async function avainRecordingsOf(db: SqlExecutor, plan: string): Promise<Array<Observation & { id: string }>> {
  const r = await db.query<{ content: Observation & { id: string } }>(
    `SELECT content FROM resource
      WHERE resource_type = 'Observation' AND content#>>'{code,coding,0,code}' = $1 AND content#>>'{focus,0,reference}' = $2
      ORDER BY content->>'effectiveDateTime', id`,
    [CARE_PLAN.avainRecording, plan],
  );
  return r.rows.map((row) => row.content);
}

/** Every plan's AVAIN recordings, for the managers' aggregated change (no names leave this read). */
export async function allAvainRecordings(db: SqlExecutor): Promise<Map<string, Array<Observation & { id: string }>>> {
  const r = await db.query<{ plan: string; content: Observation & { id: string } }>(
    `SELECT content#>>'{focus,0,reference}' AS plan, content FROM resource
      WHERE resource_type = 'Observation' AND content#>>'{code,coding,0,code}' = $1 AND content->>'status' = 'final'
      ORDER BY content->>'effectiveDateTime', id`,
    [CARE_PLAN.avainRecording],
  );
  const byPlan = new Map<string, Array<Observation & { id: string }>>();
  for (const row of r.rows) byPlan.set(row.plan, [...(byPlan.get(row.plan) ?? []), row.content]);
  return byPlan;
}
