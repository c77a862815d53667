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

CREATE FUNCTION ovi_task_fact_of(id text, c jsonb) RETURNS SETOF task_fact LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT id,
       c #>> '{code,coding,0,code}',
       substring(c #>> '{for,reference}' FROM '^Patient/(.+)$'),
       ovi_instant(c ->> 'authoredOn'),
       c ->> 'status',
       c #>> '{businessStatus,coding,0,code}',
       c #>> '{performerType,0,coding,0,code}',
       c #>> '{owner,reference}',
       jsonb_path_query_first(c, '$.input[*] ? (@.type.coding[0].code == "channel")') ->> 'valueCode',
       jsonb_path_query_first(c, '$.input[*] ? (@.type.coding[0].code == "urgency")') ->> 'valueCode',
       ovi_instant(jsonb_path_query_first(c, '$.input[*] ? (@.type.coding[0].code == "assessed-at")') ->> 'valueDateTime'),
       ovi_instant(jsonb_path_query_first(c, '$.input[*] ? (@.type.coding[0].code == "assessment-due")') ->> 'valueDateTime'),
       ovi_instant(jsonb_path_query_first(c, '$.input[*] ? (@.type.coding[0].code == "legal-deadline")') ->> 'valueDateTime'),
       ovi_instant(jsonb_path_query_first(c, '$.input[*] ? (@.type.coding[0].code == "regional-deadline")') ->> 'valueDateTime'),
       ovi_instant(c #>> '{executionPeriod,end}'),
       ovi_instant(c #>> '{restriction,period,end}'),
       substring(jsonb_path_query_first(c, '$.basedOn[*] ? (@.reference starts with "Task/")') ->> 'reference' FROM '^Task/(.+)$')
$$;

CREATE FUNCTION ovi_visit_fact_of(id text, c jsonb) RETURNS SETOF visit_fact LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT id,
       c ->> 'status',
       ovi_instant(c ->> 'start'),
       ovi_instant(c ->> 'created'),
       jsonb_path_query_first(c, '$.participant[*] ? (@.actor.reference starts with "Location/")') #>> '{actor,reference}',
       jsonb_path_query_first(c, '$.participant[*] ? (@.actor.reference starts with "Practitioner/")') #>> '{actor,reference}',
       substring(jsonb_path_query_first(c, '$.participant[*] ? (@.actor.reference starts with "Patient/")') #>> '{actor,reference}' FROM '^Patient/(.+)$'),
       c #>> '{specialty,0,coding,0,code}',
       substring(jsonb_path_query_first(c, '$.supportingInformation[*] ? (@.reference starts with "Task/")') ->> 'reference' FROM '^Task/(.+)$')
$$;

CREATE FUNCTION ovi_patient_fact_of(id text, c jsonb) RETURNS SETOF patient_fact LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT id,
       jsonb_path_query_first(c, '$.generalPractitioner[*] ? (@.reference starts with "Organization/")') ->> 'reference',
       jsonb_path_query_first(c, '$.extension[*] ? (@.url == "https://hl7.fi/fhir/finnish-base-profiles/StructureDefinition/municipality-code")') #>> '{valueCoding,code}',
       CASE WHEN c ->> 'birthDate' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN (ovi_instant(c ->> 'birthDate') AT TIME ZONE 'UTC')::date END,
       ARRAY(SELECT jsonb_path_query(c, '$.generalPractitioner[*].reference') #>> '{}')
$$;

-- A resource written: its fact row is replaced; a resource gone takes its row along. (No line
-- of a body ends in a semicolon: the migration runner splits statements there.)
CREATE FUNCTION ovi_figure_fact_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.resource_type = 'Task' THEN
    DELETE FROM task_fact WHERE task_id = NEW.id; INSERT INTO task_fact SELECT * FROM ovi_task_fact_of(NEW.id, NEW.content); ELSIF NEW.resource_type = 'Appointment' THEN
    DELETE FROM visit_fact WHERE appointment_id = NEW.id; INSERT INTO visit_fact SELECT * FROM ovi_visit_fact_of(NEW.id, NEW.content); ELSE
    DELETE FROM patient_fact WHERE patient_id = NEW.id; INSERT INTO patient_fact SELECT * FROM ovi_patient_fact_of(NEW.id, NEW.content); END IF; RETURN NULL; END
$$;

CREATE FUNCTION ovi_figure_fact_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM task_fact WHERE OLD.resource_type = 'Task' AND task_id = OLD.id; DELETE FROM visit_fact WHERE OLD.resource_type = 'Appointment' AND appointment_id = OLD.id; DELETE FROM patient_fact WHERE OLD.resource_type = 'Patient' AND patient_id = OLD.id; RETURN NULL; END
$$;

CREATE FUNCTION ovi_figure_fact_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN DELETE FROM task_fact; DELETE FROM visit_fact; DELETE FROM patient_fact; RETURN NULL; END
$$;

CREATE TRIGGER resource_figure_fact AFTER INSERT OR UPDATE ON resource FOR EACH ROW
  WHEN (NEW.resource_type IN ('Task', 'Appointment', 'Patient')) EXECUTE FUNCTION ovi_figure_fact_sync();
CREATE TRIGGER resource_figure_fact_gone AFTER DELETE ON resource FOR EACH ROW
  WHEN (OLD.resource_type IN ('Task', 'Appointment', 'Patient')) EXECUTE FUNCTION ovi_figure_fact_forget();
CREATE TRIGGER resource_figure_fact_cleared AFTER TRUNCATE ON resource FOR EACH STATEMENT EXECUTE FUNCTION ovi_figure_fact_clear();

-- The resources already stored.
INSERT INTO task_fact SELECT f.* FROM resource r CROSS JOIN LATERAL ovi_task_fact_of(r.id, r.content) f WHERE r.resource_type = 'Task';
INSERT INTO visit_fact SELECT f.* FROM resource r CROSS JOIN LATERAL ovi_visit_fact_of(r.id, r.content) f WHERE r.resource_type = 'Appointment';
INSERT INTO patient_fact SELECT f.* FROM resource r CROSS JOIN LATERAL ovi_patient_fact_of(r.id, r.content) f WHERE r.resource_type = 'Patient';

ANALYZE task_fact;
ANALYZE visit_fact;
ANALYZE patient_fact;
