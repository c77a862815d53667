-- The client's columns on each contact's and visit's fact row (decision 036): the figures
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

ALTER TABLE task_fact ADD COLUMN client_unit text, ADD COLUMN client_municipality text, ADD COLUMN client_age_group text;
ALTER TABLE visit_fact ADD COLUMN client_municipality text, ADD COLUMN client_age_group text;

CREATE INDEX task_fact_patient ON task_fact (patient_id);
CREATE INDEX visit_fact_patient ON visit_fact (patient_id);

-- The bands of domain/measures/ageGroups.ts: 0-17, 18-64, 65-74, 75+, by PostgreSQL's age() in
-- whole years on `day` (a Helsinki date), as the figures computed them at query time before.
CREATE FUNCTION ovi_age_group(day date, birth date) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE WHEN day IS NULL OR birth IS NULL THEN NULL
            WHEN date_part('year', age(day, birth)) < 18 THEN '0-17'
            WHEN date_part('year', age(day, birth)) < 65 THEN '18-64'
            WHEN date_part('year', age(day, birth)) < 75 THEN '65-74'
            ELSE '75+' END
$$;

-- The row functions keep their shape (the table's columns): the client's columns come from the
-- trigger's join below, so these return NULL for them.
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
       NULL::text, NULL::text
  FROM jsonb_to_record(c) AS a(status text, start text, created text, participant jsonb, specialty jsonb, "supportingInformation" jsonb)
$$;

-- Patients first, so that a statement writing a client and their contact together (a batch)
-- gives the contact the new values. (No line of a body ends in a semicolon: the migration
-- runner splits statements there.)
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
    ; END IF; IF EXISTS (SELECT 1 FROM new_rows WHERE resource_type = 'Appointment') THEN
    PERFORM 1 FROM patient_fact WHERE patient_id IN (SELECT f.patient_id FROM new_rows r CROSS JOIN LATERAL ovi_visit_fact_of(r.id, r.content) f WHERE r.resource_type = 'Appointment') FOR SHARE
    ; DELETE FROM visit_fact WHERE appointment_id IN (SELECT id FROM new_rows WHERE resource_type = 'Appointment')
    ; INSERT INTO visit_fact
      SELECT f.appointment_id, f.status, f.start_at, f.booked_at, f.location, f.practitioner, f.patient_id, f.profession, f.task_id,
             p.municipality, ovi_age_group((f.start_at AT TIME ZONE 'Europe/Helsinki')::date, p.birth_date)
        FROM new_rows r CROSS JOIN LATERAL ovi_visit_fact_of(r.id, r.content) f
        LEFT JOIN patient_fact p ON p.patient_id = f.patient_id
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
  ; RETURN NULL; END
$$;

-- The rows already there.
UPDATE task_fact f SET client_unit = p.unit, client_municipality = p.municipality, client_age_group = ovi_age_group((f.arrived_at AT TIME ZONE 'Europe/Helsinki')::date, p.birth_date)
  FROM patient_fact p WHERE p.patient_id = f.patient_id;
UPDATE visit_fact v SET client_municipality = p.municipality, client_age_group = ovi_age_group((v.start_at AT TIME ZONE 'Europe/Helsinki')::date, p.birth_date)
  FROM patient_fact p WHERE p.patient_id = v.patient_id;

ANALYZE task_fact;
ANALYZE visit_fact;
