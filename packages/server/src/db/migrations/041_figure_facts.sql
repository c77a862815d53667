-- The managers' figures over a region's year (decision 033): narrow fact rows of the Tasks,
-- Appointments and Patients, with exactly the columns the figure queries derive, so that a
-- year of contacts and visits is counted from short rows instead of being taken apart from
-- hundreds of thousands of stored multi-kilobyte documents (docs/PRODUCTION.md: 21 s for a
-- plain count by unit over 837 476 contacts).
--
-- Like work_item (migration 008) and service_search (026) the rows are derived from the
-- resource alone and kept by triggers on resource, so each fact changes in the same statement
-- (and transaction) as its resource: a write that fails leaves no fact, the group-committed
-- creates stay one atomic statement, and a restore or this migration's backfill builds them
-- with the same definition. Whatever depends on another resource (a contact's unit and age
-- group come from its client; a visit's contact and the contact it was routed from) is joined
-- at query time from these tables, so changing a Patient rewrites one patient row and never a
-- client's whole history.

-- One row per Task (the client-guidance contacts, and the routed work and other Tasks a visit
-- may have been booked for).
--   kind: the Task's first code (client-guidance for a contact)
--   arrived_at: authoredOn; status, outcome (businessStatus), profession (performerType),
--     owner, closed_at (executionPeriod.end), work_to (restriction.period.end)
--   channel, urgency, assessed_input_at, assessment_due, legal_deadline, regional_deadline:
--     the Task's inputs of those codes (the first of each)
--   origin_task_id: the Task it was routed from (the first Task of basedOn)
CREATE TABLE task_fact (
  task_id text PRIMARY KEY,
  kind text,
  patient_id text,
  arrived_at timestamptz,
  status text,
  outcome text,
  profession text,
  owner text,
  channel text,
  urgency text,
  assessed_input_at timestamptz,
  assessment_due timestamptz,
  legal_deadline timestamptz,
  regional_deadline timestamptz,
  closed_at timestamptz,
  work_to timestamptz,
  origin_task_id text
);

-- A period's contacts by their arrival (the guidance figures, the indicators and the floor).
CREATE INDEX task_fact_guidance_arrived ON task_fact (arrived_at) INCLUDE (owner) WHERE kind = 'client-guidance';

-- One row per Appointment: its status, start, booking instant (created), the first Location,
-- Practitioner and Patient among its participants, its profession (specialty) and the Task it
-- was booked for (the first Task of supportingInformation).
CREATE TABLE visit_fact (
  appointment_id text PRIMARY KEY,
  status text,
  start_at timestamptz,
  booked_at timestamptz,
  location text,
  practitioner text,
  patient_id text,
  profession text,
  task_id text
);

-- A period's realised visits by their start.
CREATE INDEX visit_fact_fulfilled_start ON visit_fact (start_at) WHERE status = 'fulfilled';

-- One row per Patient: the own station (the first Organization of generalPractitioner), the
-- home municipality (Finnish base profile extension), the birth date (NULL unless a whole,
-- valid date) and every generalPractitioner reference (the continuity figures' own team).
CREATE TABLE patient_fact (
  patient_id text PRIMARY KEY,
  unit text,
  municipality text,
  birth_date date,
  general_practitioners text[] NOT NULL
);

-- Each function takes the stored document apart once (jsonb_to_record: every further
-- `c -> …` of a large document would decompress it again) and reads instants with
-- ovi_figure_instant (migration 040: ovi_instant's answer, inlined).
CREATE FUNCTION ovi_task_fact_of(id text, c jsonb) RETURNS SETOF task_fact LANGUAGE sql STABLE PARALLEL SAFE AS $$
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
       substring(jsonb_path_query_first(t."basedOn", '$[*] ? (@.reference starts with "Task/")') ->> 'reference' FROM '^Task/(.+)$')
  FROM jsonb_to_record(c) AS t(code jsonb, "for" jsonb, "authoredOn" text, status text, "businessStatus" jsonb, "performerType" jsonb, owner jsonb,
                               input jsonb, "executionPeriod" jsonb, restriction jsonb, "basedOn" jsonb)
  -- The inputs by code, the first of each code (one pass over them, not one a code).
  CROSS JOIN LATERAL (SELECT jsonb_object_agg(i.v #>> '{type,coding,0,code}', i.v ORDER BY i.n DESC) FILTER (WHERE i.v #>> '{type,coding,0,code}' IS NOT NULL)
                        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(t.input) = 'array' THEN t.input ELSE '[]' END) WITH ORDINALITY AS i(v, n)) AS x(inputs)
$$;

CREATE FUNCTION ovi_visit_fact_of(id text, c jsonb) RETURNS SETOF visit_fact LANGUAGE sql STABLE PARALLEL SAFE AS $$
SELECT id,
       a.status,
       ovi_figure_instant(a.start),
       ovi_figure_instant(a.created),
       jsonb_path_query_first(a.participant, '$[*] ? (@.actor.reference starts with "Location/")') #>> '{actor,reference}',
       jsonb_path_query_first(a.participant, '$[*] ? (@.actor.reference starts with "Practitioner/")') #>> '{actor,reference}',
       substring(jsonb_path_query_first(a.participant, '$[*] ? (@.actor.reference starts with "Patient/")') #>> '{actor,reference}' FROM '^Patient/(.+)$'),
       a.specialty #>> '{0,coding,0,code}',
       substring(jsonb_path_query_first(a."supportingInformation", '$[*] ? (@.reference starts with "Task/")') ->> 'reference' FROM '^Task/(.+)$')
  FROM jsonb_to_record(c) AS a(status text, start text, created text, participant jsonb, specialty jsonb, "supportingInformation" jsonb)
$$;

CREATE FUNCTION ovi_patient_fact_of(id text, c jsonb) RETURNS SETOF patient_fact LANGUAGE sql STABLE PARALLEL SAFE AS $$
SELECT id,
       jsonb_path_query_first(p."generalPractitioner", '$[*] ? (@.reference starts with "Organization/")') ->> 'reference',
       jsonb_path_query_first(p.extension, '$[*] ? (@.url == "https://hl7.fi/fhir/finnish-base-profiles/StructureDefinition/municipality-code")') #>> '{valueCoding,code}',
       CASE WHEN p."birthDate" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN (ovi_instant(p."birthDate") AT TIME ZONE 'UTC')::date END,
       ARRAY(SELECT jsonb_path_query(p."generalPractitioner", '$[*].reference') #>> '{}')
  FROM jsonb_to_record(c) AS p("generalPractitioner" jsonb, extension jsonb, "birthDate" text)
$$;

-- A statement that wrote resources replaces their fact rows; one that deleted some takes
-- their rows along. The triggers are per statement, over the statement's rows (transition
-- tables): the functions above are then set up once for a statement's (a batch's) rows, as in
-- the backfill below, not once a row (a row trigger calling them measured near a millisecond a
-- write, decision 033), and a statement without a Task, Appointment or Patient does nothing
-- more. (No line of a body ends in a semicolon: the migration runner splits statements there.)
CREATE FUNCTION ovi_figure_fact_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows WHERE resource_type = 'Task') THEN
    DELETE FROM task_fact WHERE task_id IN (SELECT id FROM new_rows WHERE resource_type = 'Task')
    ; INSERT INTO task_fact SELECT f.* FROM new_rows r CROSS JOIN LATERAL ovi_task_fact_of(r.id, r.content) f WHERE r.resource_type = 'Task'
    ; END IF; IF EXISTS (SELECT 1 FROM new_rows WHERE resource_type = 'Appointment') THEN
    DELETE FROM visit_fact WHERE appointment_id IN (SELECT id FROM new_rows WHERE resource_type = 'Appointment')
    ; INSERT INTO visit_fact SELECT f.* FROM new_rows r CROSS JOIN LATERAL ovi_visit_fact_of(r.id, r.content) f WHERE r.resource_type = 'Appointment'
    ; END IF; IF EXISTS (SELECT 1 FROM new_rows WHERE resource_type = 'Patient') THEN
    DELETE FROM patient_fact WHERE patient_id IN (SELECT id FROM new_rows WHERE resource_type = 'Patient')
    ; INSERT INTO patient_fact SELECT f.* FROM new_rows r CROSS JOIN LATERAL ovi_patient_fact_of(r.id, r.content) f WHERE r.resource_type = 'Patient'
    ; END IF; RETURN NULL; END
$$;

CREATE FUNCTION ovi_figure_fact_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM task_fact WHERE task_id IN (SELECT id FROM old_rows WHERE resource_type = 'Task')
  ; DELETE FROM visit_fact WHERE appointment_id IN (SELECT id FROM old_rows WHERE resource_type = 'Appointment')
  ; DELETE FROM patient_fact WHERE patient_id IN (SELECT id FROM old_rows WHERE resource_type = 'Patient')
  ; RETURN NULL; END
$$;

CREATE FUNCTION ovi_figure_fact_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN DELETE FROM task_fact; DELETE FROM visit_fact; DELETE FROM patient_fact; RETURN NULL; END
$$;

CREATE TRIGGER resource_figure_fact_added AFTER INSERT ON resource REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_figure_fact_sync();
CREATE TRIGGER resource_figure_fact_changed AFTER UPDATE ON resource REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_figure_fact_sync();
CREATE TRIGGER resource_figure_fact_gone AFTER DELETE ON resource REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_figure_fact_forget();
CREATE TRIGGER resource_figure_fact_cleared AFTER TRUNCATE ON resource FOR EACH STATEMENT EXECUTE FUNCTION ovi_figure_fact_clear();

-- The resources already stored.
INSERT INTO task_fact SELECT f.* FROM resource r CROSS JOIN LATERAL ovi_task_fact_of(r.id, r.content) f WHERE r.resource_type = 'Task';
INSERT INTO visit_fact SELECT f.* FROM resource r CROSS JOIN LATERAL ovi_visit_fact_of(r.id, r.content) f WHERE r.resource_type = 'Appointment';
INSERT INTO patient_fact SELECT f.* FROM resource r CROSS JOIN LATERAL ovi_patient_fact_of(r.id, r.content) f WHERE r.resource_type = 'Patient';

ANALYZE task_fact;
ANALYZE visit_fact;
ANALYZE patient_fact;
