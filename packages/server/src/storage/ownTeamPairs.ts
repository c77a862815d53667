/**
 * Whether a client–professional pair is an own one, for the continuity figures and Measures
 * (decision 021): CTEs to follow a CTE `pair` (client = a Patient id, practitioner = a
 * reference). `teams`: the active CareTeams, whose they are and who is in them; from them, who is
 * in each client's own teams and which units' teams each professional is in. `isOwnPair` decides a
 * pair (one of the client's own professionals, or a member of a team of the client or of an own
 * unit) and `listedClient` a client (has an own professional at all), looked up by hash from the
 * client's `patient_fact` and those two lists, never a list of every client's own members
 * (decision 029), and the same with a few teams or thousands.
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
  ), client_team_member AS MATERIALIZED (
    -- Who is in a team of a client's own (Patient/…, member): looked up by hash, so a pair costs
    -- the same with a few such teams or thousands.
    SELECT DISTINCT t.subject AS client, m AS member FROM teams t, unnest(t.members) m WHERE t.subject IS NOT NULL
  ), member_units AS MATERIALIZED (
    -- The units whose teams each professional is in (joined to a pair by its professional).
    SELECT m AS member, array_agg(DISTINCT o) AS units FROM teams t, unnest(t.organizations) o, unnest(t.members) m GROUP BY m
  )`;

/**
 * Whether client `client` (a Patient id), whose `patient_fact` row is `pt` (NULL when it has
 * none), has an own professional at all: one named as its own, or a team of its own or of an
 * own unit with a professional in it. Needs `teams`. It depends on the client alone, so a
 * Measure decides it once a client rather than once a pair.
 */
export const listedClient = (pt: string, client: string) => `
  (${pt}.patient_id IS NOT NULL AND (EXISTS (SELECT 1 FROM unnest(${pt}.general_practitioners) g WHERE g LIKE 'Practitioner/%')
     OR ('Patient/' || ${client}) IN (SELECT t.subject FROM teams t WHERE t.names_professional AND t.subject IS NOT NULL)
     OR ${pt}.general_practitioners && ARRAY(SELECT o FROM teams t, unnest(t.organizations) o WHERE t.names_professional)))`;

/**
 * Whether pair `p` (client, practitioner) is an own one, `pt` being the client's `patient_fact`
 * row (NULL when it has none) and `mu` the professional's `member_units` row: one of the
 * client's own professionals, or a member of a team of the client or of an own unit. Needs the
 * CTEs of `OWN_TEAMS`.
 */
export const isOwnPair = (p: string, pt: string, mu: string) => `
  (${pt}.patient_id IS NOT NULL AND (${p}.practitioner = ANY(${pt}.general_practitioners)
     OR ('Patient/' || ${p}.client, ${p}.practitioner) IN (SELECT client, member FROM client_team_member)
     OR ${mu}.units && ${pt}.general_practitioners))`;

/** The pairs `p` with what `isOwnPair` needs of each: the client's `pt` and the professional's `mu`. */
export const PAIRS_WITH_OWNERS = 'pair p LEFT JOIN patient_fact pt ON pt.patient_id = p.client LEFT JOIN member_units mu ON mu.member = p.practitioner';

