/**
 * Whether a client–professional pair is an own one, for the continuity figures and Measures
 * (decision 021): CTEs to follow a CTE `pair` (client = a Patient id, practitioner = a
 * reference). `teams`: the active CareTeams (a few per unit), whose they are and who is in them.
 * `own_pair`: each pair with `is_own` (one of the client's own professionals, or a member of a
 * team of the client or of an own unit) and `listed` (the client has an own professional at
 * all), looked up per pair from the client's `patient_fact` and the few teams, never a list of
 * every client's own members (decision 029).
 */
export const OWN_TEAMS = `
  teams AS MATERIALIZED (
    SELECT content #>> '{subject,reference}' AS subject,
           ARRAY(SELECT o->>'reference' FROM jsonb_array_elements(COALESCE(content->'managingOrganization', '[]')) o) AS organizations,
           ARRAY(SELECT m#>>'{member,reference}' FROM jsonb_array_elements(COALESCE(content->'participant', '[]')) m) AS members,
           -- Whether a member is a person (a professional), once a team rather than once a pair.
           EXISTS (SELECT 1 FROM jsonb_array_elements(COALESCE(content->'participant', '[]')) m
                    WHERE m#>>'{member,reference}' LIKE 'Practitioner/%') AS names_professional
      FROM resource WHERE resource_type = 'CareTeam' AND content->>'status' = 'active'
  )`;

/**
 * Whether client `client` (a Patient id), whose `patient_fact` row is `pt` (NULL when it has
 * none), has an own professional at all: one named as its own, or a team of its own or of an
 * own unit with a professional in it. Needs `teams`. It depends on the client alone, so a
 * Measure decides it once a client rather than once a pair.
 */
export const listedClient = (pt: string, client: string) => `
  (${pt}.patient_id IS NOT NULL AND (EXISTS (SELECT 1 FROM unnest(${pt}.general_practitioners) g WHERE g LIKE 'Practitioner/%')
     OR EXISTS (SELECT 1 FROM teams t
                 WHERE t.names_professional AND (t.subject = 'Patient/' || ${client} OR t.organizations && ${pt}.general_practitioners))))`;

/**
 * Whether pair `p` (client, practitioner) is an own one, `pt` being the client's `patient_fact`
 * row (NULL when it has none): one of the client's own professionals, or a member of a team of
 * the client or of an own unit. Needs `teams`.
 */
export const isOwnPair = (p: string, pt: string) => `
  (${pt}.patient_id IS NOT NULL AND (${p}.practitioner = ANY(${pt}.general_practitioners)
     OR EXISTS (SELECT 1 FROM teams t WHERE (t.subject = 'Patient/' || ${p}.client OR t.organizations && ${pt}.general_practitioners) AND ${p}.practitioner = ANY(t.members))))`;

export const OWN_TEAM_PAIRS = `${OWN_TEAMS}, own_pair AS (
    SELECT p.*, ${isOwnPair('p', 'pt')} AS is_own, ${listedClient('pt', 'p.client')} AS listed
      FROM pair p LEFT JOIN patient_fact pt ON pt.patient_id = p.client
  )`;
