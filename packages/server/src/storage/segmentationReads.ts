/**
 * SQL of the segmentation: the latest answers of each side for a client, the facts of the
 * high-need work list for a team, and the latest segment of every client for managers' counts.
 */
import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import { EXTENSIONS, SEGMENTATION_SYSTEMS, SEGMENT_OBSERVATION_CODE, SYSTEMS, TASK_CODES, type Segment } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';

/** The coding a shared client plan carries (the shared-plan work, branch careplan, uses the same). */
export const SHARED_PLAN_CATEGORY = { system: 'https://fhir.ovi.fi/CodeSystem/care-plan-category', code: 'shared-client-plan' } as const;

/** The client's latest completed answer to a questionnaire (any version), if any. */
export async function latestAnswer(db: SqlExecutor, patient: string, url: string): Promise<(QuestionnaireResponse & { id: string }) | undefined> {
  const r = await db.query<{ content: QuestionnaireResponse & { id: string } }>(
    `SELECT r.content FROM search_token t
       JOIN resource r ON r.resource_type = 'QuestionnaireResponse' AND r.id = t.resource_id
      WHERE t.resource_type = 'QuestionnaireResponse' AND t.param = 'subject' AND t.value = $1
        AND split_part(r.content->>'questionnaire', '|', 1) = $2 AND r.content->>'status' = 'completed'
      ORDER BY (r.content->>'authored')::timestamptz DESC, r.last_updated DESC
      LIMIT 1`,
    [patient, url],
  );
  return r.rows[0]?.content;
}

export interface HighNeedRow {
  patient: string;
  name: unknown;
  birthDate: string | null;
  contacts: number;
  visits: number;
  services: number;
  openHealth: number | null;
  openSocial: number | null;
  latestSegment: Segment | null;
  hasSharedPlan: boolean;
}

const OPEN = `('draft', 'requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold')`;
const CONTACT_KINDS = `('${TASK_CODES.clientGuidance}', '${TASK_CODES.message}', '${TASK_CODES.socialNotice}')`;
const REGISTER_OF = (alias: string) => `(SELECT s->>'code' FROM jsonb_array_elements(COALESCE(${alias}.content#>'{meta,security}', '[]'::jsonb)) s WHERE s->>'system' = $5 LIMIT 1)`;

/**
 * The facts of every client of a team (`teamId`, a CareTeam of staff): clients with a Task
 * owned by the team, a member or a member's role, or a visit with a member, since `since`.
 * Only records of the registers the reader may see (`registers`) count, and the other
 * register's too where the client has consented to sharing: a record the reader may not see
 * neither brings a client into the list nor shows in a count, and an open-matter count of a
 * register the reader may not see is null.
 */
export async function highNeedFacts(db: SqlExecutor, teamId: string, since: Date, at: Date, registers: string[]): Promise<HighNeedRow[]> {
  const r = await db.query<{
    patient: string;
    name: unknown;
    birth_date: string | null;
    contacts: string | number;
    visits: string | number;
    services: string | number;
    open_health: string | number | null;
    open_social: string | number | null;
    latest_segment: Segment | null;
    has_plan: boolean;
  }>(
    `WITH members AS (
       SELECT p->'member'->>'reference' AS ref
         FROM resource t CROSS JOIN LATERAL jsonb_array_elements(COALESCE(t.content->'participant', '[]'::jsonb)) p
        WHERE t.resource_type = 'CareTeam' AND t.id = $1
          AND (p#>>'{period,end}' IS NULL OR (p#>>'{period,end}')::timestamptz > $3::timestamptz)),
     owners AS (
       SELECT 'CareTeam/' || $1::text AS ref
       UNION SELECT ref FROM members
       UNION SELECT 'PractitionerRole/' || resource_id FROM search_token
              WHERE resource_type = 'PractitionerRole' AND param = 'practitioner' AND value IN (SELECT ref FROM members)),
     consenting AS MATERIALIZED (
       SELECT DISTINCT t.value AS patient FROM search_token t
         JOIN resource r ON r.resource_type = 'Consent' AND r.id = t.resource_id
        WHERE t.resource_type = 'Consent' AND t.param = 'patient' AND r.content->>'status' = 'active'
          AND r.content->'category' @> jsonb_build_array(jsonb_build_object('coding', jsonb_build_array(jsonb_build_object('system', $6::text, 'code', 'register-sharing'))))
          AND COALESCE(r.content#>>'{provision,type}', 'permit') = 'permit'
          AND (r.content#>>'{provision,period,end}' IS NULL OR (r.content#>>'{provision,period,end}')::timestamptz > $3::timestamptz)
          AND (r.content#>>'{provision,period,start}' IS NULL OR (r.content#>>'{provision,period,start}')::timestamptz <= $3::timestamptz)),
     -- The team's clients: from its own work (owner index) and its members' visits (practitioner index).
     population AS MATERIALIZED (
       SELECT DISTINCT u.patient FROM (
         SELECT pt.value AS patient, ${REGISTER_OF('r')} AS register FROM search_token o
           JOIN resource r ON r.resource_type = 'Task' AND r.id = o.resource_id
           JOIN search_token pt ON pt.resource_type = 'Task' AND pt.resource_id = o.resource_id AND pt.param = 'patient'
          WHERE o.resource_type = 'Task' AND o.param = 'owner' AND o.value IN (SELECT ref FROM owners)
            AND COALESCE((r.content->>'authoredOn')::timestamptz, r.last_updated) >= $2::timestamptz
         UNION ALL
         SELECT pt.value, ${REGISTER_OF('r')} FROM search_token m
           JOIN resource r ON r.resource_type = 'Appointment' AND r.id = m.resource_id
           JOIN search_token pt ON pt.resource_type = 'Appointment' AND pt.resource_id = m.resource_id AND pt.param = 'patient'
          WHERE m.resource_type = 'Appointment' AND m.param IN ('practitioner', 'actor') AND m.value IN (SELECT ref FROM members)
            AND r.content->>'status' IN ('booked', 'arrived', 'checked-in', 'fulfilled')
            AND (r.content->>'start')::timestamptz >= $2::timestamptz AND (r.content->>'start')::timestamptz <= $3::timestamptz) u
        WHERE u.register IS NULL OR u.register = ANY($4::text[]) OR u.patient IN (SELECT patient FROM consenting)),
     -- Everything of those clients that counts: their Tasks of the period or still open, their visits of the period.
     tasks AS MATERIALIZED (
       SELECT r.content, pt.value AS patient, ${REGISTER_OF('r')} AS register,
              COALESCE((r.content->>'authoredOn')::timestamptz, r.last_updated) AS authored
         FROM search_token pt JOIN resource r ON r.resource_type = 'Task' AND r.id = pt.resource_id
        WHERE pt.resource_type = 'Task' AND pt.param = 'patient' AND pt.value IN (SELECT patient FROM population)
          AND (COALESCE((r.content->>'authoredOn')::timestamptz, r.last_updated) >= $2::timestamptz OR r.content->>'status' IN ${OPEN})),
     seen_tasks AS MATERIALIZED (
       SELECT * FROM tasks WHERE register IS NULL OR register = ANY($4::text[]) OR patient IN (SELECT patient FROM consenting)),
     visits AS MATERIALIZED (
       SELECT r.content, pt.value AS patient FROM search_token pt
         JOIN resource r ON r.resource_type = 'Appointment' AND r.id = pt.resource_id
        WHERE pt.resource_type = 'Appointment' AND pt.param = 'patient' AND pt.value IN (SELECT patient FROM population)
          AND r.content->>'status' IN ('booked', 'arrived', 'checked-in', 'fulfilled')
          AND (r.content->>'start')::timestamptz >= $2::timestamptz AND (r.content->>'start')::timestamptz <= $3::timestamptz
          AND (${REGISTER_OF('r')} IS NULL OR ${REGISTER_OF('r')} = ANY($4::text[]) OR pt.value IN (SELECT patient FROM consenting))),
     contact_counts AS (
       SELECT patient, count(*) AS contacts FROM seen_tasks
        WHERE authored >= $2::timestamptz AND content#>>'{code,coding,0,code}' IN ${CONTACT_KINDS} GROUP BY patient),
     visit_counts AS (SELECT patient, count(*) AS visits FROM visits GROUP BY patient),
     service_counts AS (
       SELECT patient, count(DISTINCT s) AS services FROM (
         SELECT t.patient, 'service:' || (i->>'valueCode') AS s FROM seen_tasks t CROSS JOIN LATERAL jsonb_array_elements(COALESCE(t.content->'input', '[]'::jsonb)) i
          WHERE t.authored >= $2::timestamptz AND i#>>'{type,coding,0,code}' = 'service' AND i->>'valueCode' IS NOT NULL
         UNION ALL
         SELECT v.patient, 'profession:' || (v.content#>>'{specialty,0,coding,0,code}') FROM visits v WHERE v.content#>>'{specialty,0,coding,0,code}' IS NOT NULL) u
        GROUP BY patient),
     open_counts AS (
       SELECT patient, count(*) FILTER (WHERE register = 'health') AS open_health, count(*) FILTER (WHERE register = 'social') AS open_social
         FROM tasks WHERE content->>'status' IN ${OPEN} GROUP BY patient),
     segments AS (
       SELECT DISTINCT ON (st.value) st.value AS patient, o.content#>>'{valueCodeableConcept,coding,0,code}' AS segment
         FROM search_token st JOIN resource o ON o.resource_type = 'Observation' AND o.id = st.resource_id
        WHERE st.resource_type = 'Observation' AND st.param = 'subject' AND st.value IN (SELECT patient FROM population)
          AND o.content#>>'{code,coding,0,system}' = $7 AND o.content#>>'{code,coding,0,code}' = $8 AND o.content->>'status' = 'final'
          AND (${REGISTER_OF('o')} IS NULL OR ${REGISTER_OF('o')} = ANY($4::text[]) OR st.value IN (SELECT patient FROM consenting))
        ORDER BY st.value, (o.content->>'effectiveDateTime')::timestamptz DESC),
     plans AS (
       SELECT DISTINCT c.content->'subject'->>'reference' AS patient FROM resource c
        WHERE c.resource_type = 'CarePlan' AND c.content->>'status' = 'active'
          AND c.content->'category' @> jsonb_build_array(jsonb_build_object('coding', jsonb_build_array(jsonb_build_object('system', $9::text, 'code', $10::text)))))
     SELECT pop.patient, p.content->'name' AS name, p.content->>'birthDate' AS birth_date,
            COALESCE(cc.contacts, 0) AS contacts, COALESCE(vc.visits, 0) AS visits, COALESCE(sc.services, 0) AS services,
            CASE WHEN 'health' = ANY($4::text[]) OR pop.patient IN (SELECT patient FROM consenting) THEN COALESCE(oc.open_health, 0) END AS open_health,
            CASE WHEN 'social' = ANY($4::text[]) OR pop.patient IN (SELECT patient FROM consenting) THEN COALESCE(oc.open_social, 0) END AS open_social,
            sg.segment AS latest_segment,
            (pl.patient IS NOT NULL) AS has_plan
       FROM population pop
       JOIN resource p ON p.resource_type = 'Patient' AND p.id = split_part(pop.patient, '/', 2)
       LEFT JOIN contact_counts cc ON cc.patient = pop.patient
       LEFT JOIN visit_counts vc ON vc.patient = pop.patient
       LEFT JOIN service_counts sc ON sc.patient = pop.patient
       LEFT JOIN open_counts oc ON oc.patient = pop.patient
       LEFT JOIN segments sg ON sg.patient = pop.patient
       LEFT JOIN plans pl ON pl.patient = pop.patient`,
    [teamId, since.toISOString(), at.toISOString(), registers, SYSTEMS.register, SYSTEMS.consentCategory, SEGMENTATION_SYSTEMS.observation, SEGMENT_OBSERVATION_CODE, SHARED_PLAN_CATEGORY.system, SHARED_PLAN_CATEGORY.code],
  );
  const count = (v: string | number | null) => (v === null ? null : Number(v));
  return r.rows.map((row) => ({
    patient: row.patient,
    name: row.name,
    birthDate: row.birth_date,
    contacts: Number(row.contacts),
    visits: Number(row.visits),
    services: Number(row.services),
    openHealth: count(row.open_health),
    openSocial: count(row.open_social),
    latestSegment: row.latest_segment,
    hasSharedPlan: row.has_plan,
  }));
}

/** Whether a CareTeam of staff exists, and whether `member` is one of its current participants. */
export async function teamMembership(db: SqlExecutor, teamId: string, member: string, at: Date): Promise<{ exists: boolean; member: boolean; name?: string }> {
  const r = await db.query<{ name: string | null; member: boolean }>(
    `SELECT t.content->>'name' AS name,
            EXISTS (SELECT 1 FROM jsonb_array_elements(COALESCE(t.content->'participant', '[]'::jsonb)) p
                     WHERE p->'member'->>'reference' = $2 AND (p#>>'{period,end}' IS NULL OR (p#>>'{period,end}')::timestamptz > $3::timestamptz)) AS member
       FROM resource t WHERE t.resource_type = 'CareTeam' AND t.id = $1 AND t.content->'subject' IS NULL AND t.content->>'status' = 'active'`,
    [teamId, member, at.toISOString()],
  );
  const row = r.rows[0];
  return row ? { exists: true, member: row.member, ...(row.name ? { name: row.name } : {}) } : { exists: false, member: false };
}

/** The latest segment of every client who has one, with the municipality of their record ('' when none). */
export async function latestSegments(db: SqlExecutor): Promise<Array<{ segment: Segment; municipality: string; municipalityName: string | null }>> {
  const r = await db.query<{ segment: Segment; municipality: string | null; municipality_name: string | null }>(
    `SELECT DISTINCT ON (st.value) o.content#>>'{valueCodeableConcept,coding,0,code}' AS segment,
            (SELECT e#>>'{valueCoding,code}' FROM jsonb_array_elements(COALESCE(p.content->'extension', '[]'::jsonb)) e WHERE e->>'url' = $3 LIMIT 1) AS municipality,
            (SELECT e#>>'{valueCoding,display}' FROM jsonb_array_elements(COALESCE(p.content->'extension', '[]'::jsonb)) e WHERE e->>'url' = $3 LIMIT 1) AS municipality_name
       FROM resource o
       JOIN search_token st ON st.resource_type = 'Observation' AND st.resource_id = o.id AND st.param = 'subject'
       JOIN resource p ON p.resource_type = 'Patient' AND 'Patient/' || p.id = st.value
      WHERE o.resource_type = 'Observation' AND o.content#>>'{code,coding,0,system}' = $1 AND o.content#>>'{code,coding,0,code}' = $2 AND o.content->>'status' = 'final'
      ORDER BY st.value, (o.content->>'effectiveDateTime')::timestamptz DESC`,
    [SEGMENTATION_SYSTEMS.observation, SEGMENT_OBSERVATION_CODE, EXTENSIONS.municipality],
  );
  return r.rows.map((row) => ({ segment: row.segment, municipality: row.municipality ?? '', municipalityName: row.municipality_name }));
}
