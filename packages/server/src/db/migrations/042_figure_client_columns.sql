-- The client's columns on each contact's and visit's fact row, and the contact's on each visit's
-- (decision 036). The figures
-- counted every contact of a year joined with its client's fact to find the unit, the home
-- municipality and the age group on the day, and that join and the age arithmetic were most
-- of each figure's time (docs/PRODUCTION.md). They are now kept on the row itself:
--   task_fact.client_unit, client_municipality: the client's own station and home municipality
--     today (as patient_fact has them)
--   task_fact.client_age_group: the client's age group on the Helsinki day the contact arrived
--   visit_fact.client_municipality, client_age_group: the same for the visit's client, the age
--     on the visit's day (a visit's unit is its own, not the client's)
-- NULL where the client or the value is not known (the figures read 'unknown', as before).
--
-- Who keeps them: the facts' statement trigger (migration 041), now also when a Patient
-- changes: a new station, municipality or birth date rewrites that client's rows (only those
-- whose values change), so the figures follow the client as the join did. A deleted Patient
-- leaves its contacts unknown again. patient_fact rows are now updated in place rather than
-- deleted and inserted, so that a contact written at the same time as its client's change can
-- lock the client's row (FOR SHARE) and read its committed values: whichever of the two commits
-- second sees the other's.
--
-- The contact's values on each visit's fact row, for the same reason: the waiting-time figures
-- (time to visit, within each limit, the access report's waits) joined every visit of a year
-- with its contact and the contact it was routed from, hashing every contact of every year for
-- it; measured, that join was two thirds of each such figure's time. The visit's row keeps:
--   contact_known: the Task it was booked for exists (the figures count only visits with a contact)
--   contact_urgency, contact_legal_deadline, contact_regional_deadline: that contact's
--   contact_arrived: the earlier arrival of the contact and the contact it was routed from
--     (routing never restarts the clock, decision 018)
--   contact_assessed_at: the contact's assessment (a contact closed before the visit without a
--     separate one was assessed when it was closed), or the routed-from contact's when earlier
-- An Appointment written reads its contact's facts (locked FOR SHARE, as its client's); a Task
-- written or removed rewrites the visits booked for it or for work routed from it (only rows
-- whose values change, and only looked for when some visit depends on the Task).

ALTER TABLE task_fact ADD COLUMN client_unit text, ADD COLUMN client_municipality text, ADD COLUMN client_age_group text;
ALTER TABLE visit_fact ADD COLUMN client_municipality text, ADD COLUMN client_age_group text,
  ADD COLUMN contact_known boolean NOT NULL DEFAULT false,
  ADD COLUMN contact_urgency text, ADD COLUMN contact_arrived timestamptz, ADD COLUMN contact_assessed_at timestamptz,
  ADD COLUMN contact_legal_deadline timestamptz, ADD COLUMN contact_regional_deadline timestamptz;

CREATE INDEX task_fact_patient ON task_fact (patient_id);
CREATE INDEX visit_fact_patient ON visit_fact (patient_id);
CREATE INDEX visit_fact_task ON visit_fact (task_id);
CREATE INDEX task_fact_origin ON task_fact (origin_task_id) WHERE origin_task_id IS NOT NULL;

-- The bands of domain/measures/ageGroups.ts: 0-17, 18-64, 65-74, 75+, by PostgreSQL's age() in
-- whole years on `day` (a Helsinki date), as the figures computed them at query time before.
-- The dates go to age() as timestamps: with dates alone it takes its timestamptz form, which
-- is only STABLE, and PostgreSQL does not inline an IMMUTABLE SQL function that calls it (a
-- function call per row: 0.31 s instead of 0.08 s over 200 000 clients). Two midnights give the
-- same whole years either way.
CREATE FUNCTION ovi_age_group(day date, birth date) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE WHEN day IS NULL OR birth IS NULL THEN NULL
            WHEN date_part('year', age(day::timestamp, birth::timestamp)) < 18 THEN '0-17'
            WHEN date_part('year', age(day::timestamp, birth::timestamp)) < 65 THEN '18-64'
            WHEN date_part('year', age(day::timestamp, birth::timestamp)) < 75 THEN '65-74'
            ELSE '75+' END
$$;

-- The row functions keep the table's shape (its columns): NULLs for the columns the trigger
-- fills from the client's and the contact's facts.
CREATE OR REPLACE FUNCTION ovi_task_fact_of(id text, c jsonb) RETURNS SETOF task_fact LANGUAGE sql STABLE PARALLEL SAFE AS $$
SELECT id,
       t.code #>> '{coding,0,code}',
       substring(t."for" ->> 'reference' FROM '^Patient/(.+)$'),
       ovi_figure_instant(t."authoredOn"),
       t.status,
       t."businessStatus" #>> '{coding,0,code}',
       t."performerType" #>> '{0,coding,0,code}',
       t.owner ->> 'reference',
       x.inputs #>> '{channel,valueCode}',
       x.inputs #>> '{urgency,valueCode}',
       ovi_figure_instant(x.inputs #>> '{assessed-at,valueDateTime}'),
       ovi_figure_instant(x.inputs #>> '{assessment-due,valueDateTime}'),
       ovi_figure_instant(x.inputs #>> '{legal-deadline,valueDateTime}'),
       ovi_figure_instant(x.inputs #>> '{regional-deadline,valueDateTime}'),
       ovi_figure_instant(t."executionPeriod" ->> 'end'),
       ovi_figure_instant(t.restriction #>> '{period,end}'),
       substring(jsonb_path_query_first(t."basedOn", '$[*] ? (@.reference starts with "Task/")') ->> 'reference' FROM '^Task/(.+)$'),
       NULL::text, NULL::text, NULL::text
  FROM jsonb_to_record(c) AS t(code jsonb, "for" jsonb, "authoredOn" text, status text, "businessStatus" jsonb, "performerType" jsonb, owner jsonb,
                               input jsonb, "executionPeriod" jsonb, restriction jsonb, "basedOn" jsonb)
  CROSS JOIN LATERAL (SELECT jsonb_object_agg(i.v #>> '{type,coding,0,code}', i.v ORDER BY i.n DESC) FILTER (WHERE i.v #>> '{type,coding,0,code}' IS NOT NULL)
                        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(t.input) = 'array' THEN t.input ELSE '[]' END) WITH ORDINALITY AS i(v, n)) AS x(inputs)
$$;

CREATE OR REPLACE FUNCTION ovi_visit_fact_of(id text, c jsonb) RETURNS SETOF visit_fact LANGUAGE sql STABLE PARALLEL SAFE AS $$
SELECT id,
       a.status,
       ovi_figure_instant(a.start),
       ovi_figure_instant(a.created),
       jsonb_path_query_first(a.participant, '$[*] ? (@.actor.reference starts with "Location/")') #>> '{actor,reference}',
       jsonb_path_query_first(a.participant, '$[*] ? (@.actor.reference starts with "Practitioner/")') #>> '{actor,reference}',
       substring(jsonb_path_query_first(a.participant, '$[*] ? (@.actor.reference starts with "Patient/")') #>> '{actor,reference}' FROM '^Patient/(.+)$'),
       a.specialty #>> '{0,coding,0,code}',
       substring(jsonb_path_query_first(a."supportingInformation", '$[*] ? (@.reference starts with "Task/")') ->> 'reference' FROM '^Task/(.+)$'),
       NULL::text, NULL::text,
       false, NULL::text, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz
  FROM jsonb_to_record(c) AS a(status text, start text, created text, participant jsonb, specialty jsonb, "supportingInformation" jsonb)
$$;

-- A visit's contact values from the facts as they stand (the definition the figures used to
-- join at query time).
CREATE FUNCTION ovi_visit_contact(visit_task text, visit_start timestamptz)
  RETURNS TABLE (known boolean, urgency text, arrived timestamptz, assessed timestamptz, legal timestamptz, regional timestamptz)
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
SELECT t.task_id IS NOT NULL,
       t.urgency,
       LEAST(t.arrived_at, o.arrived_at),
       LEAST(COALESCE(t.assessed_input_at, CASE WHEN t.status = 'completed' AND t.closed_at <= visit_start THEN t.closed_at END), o.assessed_input_at),
       t.legal_deadline,
       t.regional_deadline
  FROM (SELECT 1) one
  LEFT JOIN task_fact t ON t.task_id = visit_task
  LEFT JOIN task_fact o ON o.task_id = t.origin_task_id
$$;

-- The visits whose contact values follow from the given Tasks: booked for one of them, or for
-- work routed from one of them. The Tasks as a set (joined, never `= ANY(array)`, which would
-- compare every visit with every Task of a batch); PL/pgSQL, whose statement plan is kept for the
-- session (a SQL function's would be planned again at every write).
CREATE FUNCTION ovi_refresh_visit_contacts(tasks text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
WITH changed AS (SELECT DISTINCT t AS task_id FROM unnest(tasks) t),
affected AS (
  SELECT task_id FROM changed
  UNION SELECT r.task_id FROM task_fact r JOIN changed c ON r.origin_task_id = c.task_id
)
UPDATE visit_fact v
   SET contact_known = c.known, contact_urgency = c.urgency, contact_arrived = c.arrived, contact_assessed_at = c.assessed,
       contact_legal_deadline = c.legal, contact_regional_deadline = c.regional
  FROM affected a JOIN visit_fact w ON w.task_id = a.task_id CROSS JOIN LATERAL ovi_visit_contact(w.task_id, w.start_at) c
 WHERE w.appointment_id = v.appointment_id
   AND (v.contact_known, v.contact_urgency, v.contact_arrived, v.contact_assessed_at, v.contact_legal_deadline, v.contact_regional_deadline)
       IS DISTINCT FROM (c.known, c.urgency, c.arrived, c.assessed, c.legal, c.regional)
; END
$$;

-- Patients first, so that a statement writing a client and their contact together (a batch)
-- gives the contact the new values; Tasks before Appointments likewise. (No line of a body ends
-- in a semicolon: the migration runner splits statements there.)
CREATE OR REPLACE FUNCTION ovi_figure_fact_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows WHERE resource_type = 'Patient') THEN
    INSERT INTO patient_fact SELECT f.* FROM new_rows r CROSS JOIN LATERAL ovi_patient_fact_of(r.id, r.content) f WHERE r.resource_type = 'Patient'
      ON CONFLICT (patient_id) DO UPDATE SET unit = EXCLUDED.unit, municipality = EXCLUDED.municipality, birth_date = EXCLUDED.birth_date, general_practitioners = EXCLUDED.general_practitioners
    ; UPDATE task_fact f SET client_unit = p.unit, client_municipality = p.municipality, client_age_group = ovi_age_group((f.arrived_at AT TIME ZONE 'Europe/Helsinki')::date, p.birth_date)
        FROM patient_fact p
       WHERE p.patient_id IN (SELECT id FROM new_rows WHERE resource_type = 'Patient') AND f.patient_id = p.patient_id
         AND (f.client_unit, f.client_municipality, f.client_age_group) IS DISTINCT FROM (p.unit, p.municipality, ovi_age_group((f.arrived_at AT TIME ZONE 'Europe/Helsinki')::date, p.birth_date))
    ; UPDATE visit_fact v SET client_municipality = p.municipality, client_age_group = ovi_age_group((v.start_at AT TIME ZONE 'Europe/Helsinki')::date, p.birth_date)
        FROM patient_fact p
       WHERE p.patient_id IN (SELECT id FROM new_rows WHERE resource_type = 'Patient') AND v.patient_id = p.patient_id
         AND (v.client_municipality, v.client_age_group) IS DISTINCT FROM (p.municipality, ovi_age_group((v.start_at AT TIME ZONE 'Europe/Helsinki')::date, p.birth_date))
    ; END IF; IF EXISTS (SELECT 1 FROM new_rows WHERE resource_type = 'Task') THEN
    PERFORM 1 FROM patient_fact WHERE patient_id IN (SELECT substring(content #>> '{for,reference}' FROM '^Patient/(.+)$') FROM new_rows WHERE resource_type = 'Task') FOR SHARE
    ; DELETE FROM task_fact WHERE task_id IN (SELECT id FROM new_rows WHERE resource_type = 'Task')
    ; INSERT INTO task_fact
      SELECT f.task_id, f.kind, f.patient_id, f.arrived_at, f.status, f.outcome, f.profession, f.owner, f.channel, f.urgency, f.assessed_input_at, f.assessment_due,
             f.legal_deadline, f.regional_deadline, f.closed_at, f.work_to, f.origin_task_id,
             p.unit, p.municipality, ovi_age_group((f.arrived_at AT TIME ZONE 'Europe/Helsinki')::date, p.birth_date)
        FROM new_rows r CROSS JOIN LATERAL ovi_task_fact_of(r.id, r.content) f
        LEFT JOIN patient_fact p ON p.patient_id = f.patient_id
       WHERE r.resource_type = 'Task'
    -- Most Task writes (a new contact, a claim) concern no visit: checked first, by the indexes.
    ; IF EXISTS (SELECT 1 FROM visit_fact WHERE task_id IN (SELECT id FROM new_rows WHERE resource_type = 'Task'))
         OR EXISTS (SELECT 1 FROM task_fact WHERE origin_task_id IN (SELECT id FROM new_rows WHERE resource_type = 'Task')) THEN
      PERFORM ovi_refresh_visit_contacts(ARRAY(SELECT id FROM new_rows WHERE resource_type = 'Task'))
    ; END IF
    ; END IF; IF EXISTS (SELECT 1 FROM new_rows WHERE resource_type = 'Appointment') THEN
    PERFORM 1 FROM patient_fact WHERE patient_id IN (SELECT f.patient_id FROM new_rows r CROSS JOIN LATERAL ovi_visit_fact_of(r.id, r.content) f WHERE r.resource_type = 'Appointment') FOR SHARE
    ; PERFORM 1 FROM task_fact WHERE task_id IN (SELECT f.task_id FROM new_rows r CROSS JOIN LATERAL ovi_visit_fact_of(r.id, r.content) f WHERE r.resource_type = 'Appointment') FOR SHARE
    ; DELETE FROM visit_fact WHERE appointment_id IN (SELECT id FROM new_rows WHERE resource_type = 'Appointment')
    ; INSERT INTO visit_fact
      SELECT f.appointment_id, f.status, f.start_at, f.booked_at, f.location, f.practitioner, f.patient_id, f.profession, f.task_id,
             p.municipality, ovi_age_group((f.start_at AT TIME ZONE 'Europe/Helsinki')::date, p.birth_date),
             c.known, c.urgency, c.arrived, c.assessed, c.legal, c.regional
        FROM new_rows r CROSS JOIN LATERAL ovi_visit_fact_of(r.id, r.content) f
        LEFT JOIN patient_fact p ON p.patient_id = f.patient_id
        CROSS JOIN LATERAL ovi_visit_contact(f.task_id, f.start_at) c
       WHERE r.resource_type = 'Appointment'
    ; END IF; RETURN NULL; END
$$;

CREATE OR REPLACE FUNCTION ovi_figure_fact_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM task_fact WHERE task_id IN (SELECT id FROM old_rows WHERE resource_type = 'Task')
  ; DELETE FROM visit_fact WHERE appointment_id IN (SELECT id FROM old_rows WHERE resource_type = 'Appointment')
  ; DELETE FROM patient_fact WHERE patient_id IN (SELECT id FROM old_rows WHERE resource_type = 'Patient')
  ; UPDATE task_fact SET client_unit = NULL, client_municipality = NULL, client_age_group = NULL
     WHERE patient_id IN (SELECT id FROM old_rows WHERE resource_type = 'Patient')
  ; UPDATE visit_fact SET client_municipality = NULL, client_age_group = NULL
     WHERE patient_id IN (SELECT id FROM old_rows WHERE resource_type = 'Patient')
  ; PERFORM ovi_refresh_visit_contacts(ARRAY(SELECT id FROM old_rows WHERE resource_type = 'Task'))
  ; RETURN NULL; END
$$;

-- The rows already there.
UPDATE task_fact f SET client_unit = p.unit, client_municipality = p.municipality, client_age_group = ovi_age_group((f.arrived_at AT TIME ZONE 'Europe/Helsinki')::date, p.birth_date)
  FROM patient_fact p WHERE p.patient_id = f.patient_id;
UPDATE visit_fact v SET client_municipality = p.municipality, client_age_group = ovi_age_group((v.start_at AT TIME ZONE 'Europe/Helsinki')::date, p.birth_date)
  FROM patient_fact p WHERE p.patient_id = v.patient_id;

-- The rows already there: every visit booked for a Task, by the same function as a Task write.
SELECT ovi_refresh_visit_contacts(ARRAY(SELECT DISTINCT task_id FROM visit_fact WHERE task_id IS NOT NULL));

ANALYZE task_fact;
ANALYZE visit_fact;
