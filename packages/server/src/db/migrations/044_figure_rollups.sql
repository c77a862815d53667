-- The figure facts counted per Helsinki day (decision 038): a Measure over whole days sums a few
-- rows per day instead of reading every contact or visit of its period. Over a 200 000-resident
-- year the 1.5 million contacts fall into 170 000 combinations of day and the columns the count
-- Measures group and filter by (docs/PRODUCTION.md). Each table keeps only what its readers
-- need: a column one reader needs (the handler, the day a contact left the queue, the hours to
-- the assessment) multiplies every other reader's rows.
--
-- Like work_count (migration 017) the rows are to be summed: statement triggers on the facts
-- add the rows that entered and subtract the ones that left, grouped, in the same statement as
-- the write, so a sum is exact in every snapshot and concurrent writers only insert (never wait
-- for each other's rows). ovi_figure_rollup_fold() rewrites the days that have such unfolded
-- rows as one row per combination; callers take an advisory lock and skip when it is taken
-- (storage/figureRollups.ts). Every column that the facts may leave NULL is kept as the facts
-- have it, and the readers COALESCE exactly as they do over the facts.

-- The client-guidance contacts (task_fact, kind = 'client-guidance') by the Helsinki day they
-- arrived: the count Measures (by channel, digital share, first-contact resolution, visit demand).
CREATE TABLE contact_day (
  day date NOT NULL,
  unit text,
  municipality text,
  age_group text,
  profession text,
  channel text,
  status text,
  outcome text,
  n integer NOT NULL,
  folded boolean NOT NULL DEFAULT false
);

-- The same contacts for the weekly demand and capacity: whether each needed a visit (closed
-- booked or routed on) and closed_day, the Helsinki day it left the queue (its closing, never
-- before its arrival), NULL while open.
CREATE TABLE queue_day (
  day date NOT NULL,
  closed_day date,
  unit text,
  municipality text,
  profession text,
  needs_visit boolean NOT NULL,
  n integer NOT NULL,
  folded boolean NOT NULL DEFAULT false
);

-- Who handled them (the Task's owner; contacts without one are not here), for the handling
-- Measures' distinct professionals: whether the contact was completed, assessed (its assessment
-- recorded, or completed without one), and had an assessment due time.
CREATE TABLE handler_day (
  day date NOT NULL,
  unit text,
  municipality text,
  age_group text,
  profession text,
  owner text NOT NULL,
  completed boolean NOT NULL,
  assessed boolean NOT NULL,
  has_due boolean NOT NULL,
  n integer NOT NULL,
  folded boolean NOT NULL DEFAULT false
);

-- The assessed contacts: whole hours from arrival to assessment (at least 0) and on_time
-- (assessed by the due time; NULL without one). The contacts not (yet) assessed stay in the
-- facts: whether one is past its due time depends on the hour.
CREATE TABLE assessment_day (
  day date NOT NULL,
  unit text,
  municipality text,
  age_group text,
  profession text,
  hours integer NOT NULL,
  on_time boolean,
  n integer NOT NULL,
  folded boolean NOT NULL DEFAULT false
);

-- The realised visits (visit_fact, status fulfilled) by the Helsinki day they started, with
-- what the waiting-time Measures ask of each: waited (days from the contact's arrival, at least
-- 0; NULL without a known contact), and whether it was within the legal and the regional limit
-- (NULL when the visit has no known contact, its contact no assessment or no such deadline).
CREATE TABLE visit_day (
  day date NOT NULL,
  location text,
  municipality text,
  age_group text,
  profession text,
  waited integer,
  within_legal boolean,
  within_regional boolean,
  n integer NOT NULL,
  folded boolean NOT NULL DEFAULT false
);

-- The realised visits again for the access report's waiting times, which run from the need
-- assessment (from the booking for a visit without one), by the visit's Location, profession,
-- whether its contact was assessed and the contact's urgency: days (whole Helsinki days waited,
-- at least 0) and whether each limit was kept (NULL without an assessment or such a deadline).
CREATE TABLE visit_wait_day (
  day date NOT NULL,
  location text,
  profession text,
  assessed boolean NOT NULL,
  urgency text,
  days integer NOT NULL,
  within_legal boolean,
  within_regional boolean,
  n integer NOT NULL,
  folded boolean NOT NULL DEFAULT false
);

-- Who saw those visits (the Appointment's Practitioner; visits without one are not here), for
-- the report's distinct professionals per unit, profession and urgency.
CREATE TABLE visit_professional_day (
  day date NOT NULL,
  location text,
  profession text,
  assessed boolean NOT NULL,
  urgency text,
  practitioner text NOT NULL,
  n integer NOT NULL,
  folded boolean NOT NULL DEFAULT false
);

CREATE INDEX contact_day_day ON contact_day (day);
CREATE INDEX contact_day_unfolded ON contact_day (day) WHERE NOT folded;
CREATE INDEX queue_day_unfolded ON queue_day (day) WHERE NOT folded;
CREATE INDEX handler_day_day ON handler_day (day);
CREATE INDEX handler_day_unfolded ON handler_day (day) WHERE NOT folded;
CREATE INDEX assessment_day_day ON assessment_day (day);
CREATE INDEX assessment_day_unfolded ON assessment_day (day) WHERE NOT folded;
CREATE INDEX visit_day_day ON visit_day (day);
CREATE INDEX visit_day_unfolded ON visit_day (day) WHERE NOT folded;
CREATE INDEX visit_wait_day_day ON visit_wait_day (day);
CREATE INDEX visit_wait_day_unfolded ON visit_wait_day (day) WHERE NOT folded;
CREATE INDEX visit_professional_day_day ON visit_professional_day (day);
CREATE INDEX visit_professional_day_unfolded ON visit_professional_day (day) WHERE NOT folded;

-- The contacts due an assessment and without one, which the same-weekday Measure reads from the facts.
CREATE INDEX task_fact_unassessed ON task_fact (arrived_at) INCLUDE (assessment_due, owner)
  WHERE kind = 'client-guidance' AND assessment_due IS NOT NULL AND assessed_input_at IS NULL AND (status IS DISTINCT FROM 'completed' OR closed_at IS NULL);

-- Every column the contact tables keep, from a contact's fact (no row: not a counted contact).
CREATE FUNCTION ovi_contact_counted_of(f task_fact) RETURNS TABLE (
  day date, unit text, municipality text, age_group text, profession text, owner text, channel text, status text, outcome text,
  closed_day date, needs_visit boolean, completed boolean, assessed_at timestamptz, has_due boolean, hours integer, on_time boolean)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
SELECT (f.arrived_at AT TIME ZONE 'Europe/Helsinki')::date, f.client_unit, f.client_municipality, f.client_age_group, f.profession, f.owner,
       f.channel, f.status, f.outcome,
       CASE WHEN f.status IN ('completed', 'cancelled', 'failed', 'rejected')
            THEN (GREATEST(COALESCE(f.closed_at, f.arrived_at), f.arrived_at) AT TIME ZONE 'Europe/Helsinki')::date END,
       COALESCE(f.outcome IN ('booked', 'routed'), false),
       f.status IS NOT DISTINCT FROM 'completed',
       a.at,
       f.assessment_due IS NOT NULL,
       floor(GREATEST(0, extract(epoch FROM a.at - f.arrived_at)) / 3600)::int,
       CASE WHEN a.at IS NOT NULL AND f.assessment_due IS NOT NULL THEN a.at <= f.assessment_due END
  -- A contact is assessed when its assessment is recorded, or when it was completed without one (at its closing).
  FROM (SELECT COALESCE(f.assessed_input_at, CASE WHEN f.status = 'completed' THEN f.closed_at END) AS at) a
 WHERE f.kind = 'client-guidance' AND f.arrived_at IS NOT NULL
$$;

-- Every column the visit tables keep, from a visit's fact (no row: not a realised visit).
CREATE FUNCTION ovi_visit_counted_of(v visit_fact) RETURNS TABLE (
  day date, location text, municipality text, age_group text, profession text, waited integer, within_legal boolean, within_regional boolean,
  assessed boolean, urgency text, days integer, wait_within_legal boolean, wait_within_regional boolean, practitioner text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
SELECT (v.start_at AT TIME ZONE 'Europe/Helsinki')::date, v.location, v.client_municipality, v.client_age_group, v.profession,
       CASE WHEN v.contact_known AND v.task_id IS NOT NULL
            THEN GREATEST(0, (v.start_at AT TIME ZONE 'Europe/Helsinki')::date - (v.contact_arrived AT TIME ZONE 'Europe/Helsinki')::date) END,
       CASE WHEN v.contact_known AND v.task_id IS NOT NULL AND v.contact_assessed_at IS NOT NULL AND v.contact_legal_deadline IS NOT NULL
            THEN v.start_at <= v.contact_legal_deadline END,
       CASE WHEN v.contact_known AND v.task_id IS NOT NULL AND v.contact_assessed_at IS NOT NULL AND v.contact_regional_deadline IS NOT NULL
            THEN v.start_at <= v.contact_regional_deadline END,
       -- The access report's waits (storage/accessFigures.ts): from the assessment, else the booking.
       v.contact_assessed_at IS NOT NULL,
       v.contact_urgency,
       GREATEST(0, (v.start_at AT TIME ZONE 'Europe/Helsinki')::date - (COALESCE(v.contact_assessed_at, v.booked_at, v.start_at) AT TIME ZONE 'Europe/Helsinki')::date),
       CASE WHEN v.contact_assessed_at IS NOT NULL THEN v.start_at <= v.contact_legal_deadline END,
       CASE WHEN v.contact_assessed_at IS NOT NULL THEN v.start_at <= v.contact_regional_deadline END,
       v.practitioner
 WHERE v.status = 'fulfilled' AND v.start_at IS NOT NULL
$$;

-- The rows that left (-1) and entered (+1) in one statement, grouped into each table; a
-- combination whose count does not change (a fact rewritten with the same columns) adds nothing.
CREATE FUNCTION ovi_contact_day_add(gone task_fact[], came task_fact[]) RETURNS void LANGUAGE sql AS $$
WITH x AS MATERIALIZED (
  SELECT k.*, d.sign FROM (SELECT g AS f, -1 AS sign FROM unnest(gone) g UNION ALL SELECT c, 1 FROM unnest(came) c) d
   CROSS JOIN LATERAL ovi_contact_counted_of(d.f) k
), contacts AS (
  INSERT INTO contact_day (day, unit, municipality, age_group, profession, channel, status, outcome, n)
  SELECT day, unit, municipality, age_group, profession, channel, status, outcome, sum(sign)::int FROM x
   GROUP BY day, unit, municipality, age_group, profession, channel, status, outcome HAVING sum(sign) <> 0
), queue AS (
  INSERT INTO queue_day (day, closed_day, unit, municipality, profession, needs_visit, n)
  SELECT day, closed_day, unit, municipality, profession, needs_visit, sum(sign)::int FROM x
   GROUP BY day, closed_day, unit, municipality, profession, needs_visit HAVING sum(sign) <> 0
), handlers AS (
  INSERT INTO handler_day (day, unit, municipality, age_group, profession, owner, completed, assessed, has_due, n)
  SELECT day, unit, municipality, age_group, profession, owner, completed, assessed_at IS NOT NULL, has_due, sum(sign)::int FROM x WHERE owner IS NOT NULL
   GROUP BY day, unit, municipality, age_group, profession, owner, completed, assessed_at IS NOT NULL, has_due HAVING sum(sign) <> 0
)
INSERT INTO assessment_day (day, unit, municipality, age_group, profession, hours, on_time, n)
SELECT day, unit, municipality, age_group, profession, hours, on_time, sum(sign)::int FROM x WHERE assessed_at IS NOT NULL
 GROUP BY day, unit, municipality, age_group, profession, hours, on_time HAVING sum(sign) <> 0
$$;

CREATE FUNCTION ovi_visit_day_add(gone visit_fact[], came visit_fact[]) RETURNS void LANGUAGE sql AS $$
WITH x AS MATERIALIZED (
  SELECT k.*, d.sign FROM (SELECT g AS v, -1 AS sign FROM unnest(gone) g UNION ALL SELECT c, 1 FROM unnest(came) c) d
   CROSS JOIN LATERAL ovi_visit_counted_of(d.v) k
), visits AS (
  INSERT INTO visit_day (day, location, municipality, age_group, profession, waited, within_legal, within_regional, n)
  SELECT day, location, municipality, age_group, profession, waited, within_legal, within_regional, sum(sign)::int FROM x
   GROUP BY day, location, municipality, age_group, profession, waited, within_legal, within_regional HAVING sum(sign) <> 0
), waits AS (
  INSERT INTO visit_wait_day (day, location, profession, assessed, urgency, days, within_legal, within_regional, n)
  SELECT day, location, profession, assessed, urgency, days, wait_within_legal, wait_within_regional, sum(sign)::int FROM x
   GROUP BY day, location, profession, assessed, urgency, days, wait_within_legal, wait_within_regional HAVING sum(sign) <> 0
)
INSERT INTO visit_professional_day (day, location, profession, assessed, urgency, practitioner, n)
SELECT day, location, profession, assessed, urgency, practitioner, sum(sign)::int FROM x WHERE practitioner IS NOT NULL
 GROUP BY day, location, profession, assessed, urgency, practitioner HAVING sum(sign) <> 0
$$;

-- A transition table's rows are records: ROW(r.*) makes them the fact's type again. Each event
-- reads only the tables it has (PL/pgSQL plans a statement when it first runs it).
CREATE FUNCTION ovi_contact_day_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM ovi_contact_day_add('{}', ARRAY(SELECT ROW(r.*)::task_fact FROM new_rows r))
  ; ELSIF TG_OP = 'DELETE' THEN
    PERFORM ovi_contact_day_add(ARRAY(SELECT ROW(r.*)::task_fact FROM old_rows r), '{}')
  ; ELSE
    PERFORM ovi_contact_day_add(ARRAY(SELECT ROW(r.*)::task_fact FROM old_rows r), ARRAY(SELECT ROW(r.*)::task_fact FROM new_rows r))
  ; END IF
  ; RETURN NULL
; END
$$;

CREATE FUNCTION ovi_visit_day_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM ovi_visit_day_add('{}', ARRAY(SELECT ROW(r.*)::visit_fact FROM new_rows r))
  ; ELSIF TG_OP = 'DELETE' THEN
    PERFORM ovi_visit_day_add(ARRAY(SELECT ROW(r.*)::visit_fact FROM old_rows r), '{}')
  ; ELSE
    PERFORM ovi_visit_day_add(ARRAY(SELECT ROW(r.*)::visit_fact FROM old_rows r), ARRAY(SELECT ROW(r.*)::visit_fact FROM new_rows r))
  ; END IF
  ; RETURN NULL
; END
$$;

CREATE FUNCTION ovi_figure_rollup_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'task_fact' THEN DELETE FROM contact_day; DELETE FROM queue_day; DELETE FROM handler_day; DELETE FROM assessment_day; ELSE DELETE FROM visit_day; DELETE FROM visit_wait_day; DELETE FROM visit_professional_day; END IF
  ; RETURN NULL
; END
$$;

-- Transition tables need a trigger per event (PostgreSQL allows them on one event only).
CREATE TRIGGER task_fact_counted AFTER INSERT ON task_fact REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_contact_day_change();
CREATE TRIGGER task_fact_recounted AFTER UPDATE ON task_fact REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_contact_day_change();
CREATE TRIGGER task_fact_uncounted AFTER DELETE ON task_fact REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_contact_day_change();
CREATE TRIGGER task_fact_count_cleared AFTER TRUNCATE ON task_fact FOR EACH STATEMENT EXECUTE FUNCTION ovi_figure_rollup_clear();
CREATE TRIGGER visit_fact_counted AFTER INSERT ON visit_fact REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_visit_day_change();
CREATE TRIGGER visit_fact_recounted AFTER UPDATE ON visit_fact REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_visit_day_change();
CREATE TRIGGER visit_fact_uncounted AFTER DELETE ON visit_fact REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_visit_day_change();
CREATE TRIGGER visit_fact_count_cleared AFTER TRUNCATE ON visit_fact FOR EACH STATEMENT EXECUTE FUNCTION ovi_figure_rollup_clear();

-- Rewrites every day of one table that has unfolded rows as one folded row per combination of
-- its columns (all but n and folded: the table's definition is the key, no list to keep in
-- step), none where the count is 0. Rows a concurrent write adds meanwhile are not in this
-- statement's snapshot: they stay, unfolded, for the next fold. Returns the rows it folded.
CREATE FUNCTION ovi_figure_rollup_fold_table(tbl text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE key text; folded bigint
; BEGIN
  SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO key
    FROM pg_attribute WHERE attrelid = tbl::regclass AND attnum > 0 AND NOT attisdropped AND attname NOT IN ('n', 'folded')
  ; EXECUTE format(
    'WITH days AS (SELECT DISTINCT day FROM %1$I WHERE NOT folded),
          gone AS (DELETE FROM %1$I t USING days WHERE t.day = days.day RETURNING t.*),
          put AS (INSERT INTO %1$I (%2$s, n, folded) SELECT %2$s, sum(n), true FROM gone GROUP BY %2$s HAVING sum(n) <> 0 RETURNING 1)
     SELECT count(*) FROM gone', tbl, key) INTO folded
  ; RETURN folded
; END
$$;

CREATE FUNCTION ovi_figure_rollup_fold() RETURNS bigint LANGUAGE sql AS $$
SELECT sum(ovi_figure_rollup_fold_table(t))::bigint
  FROM unnest(ARRAY['contact_day', 'queue_day', 'handler_day', 'assessment_day', 'visit_day', 'visit_wait_day', 'visit_professional_day']) t
$$;

-- The facts already stored, a month at a time (a region's year is 1.5 million contacts), added
-- as unfolded rows and folded.
DO $$
DECLARE m timestamptz
; BEGIN
  FOR m IN SELECT DISTINCT date_trunc('month', arrived_at) FROM task_fact WHERE kind = 'client-guidance' AND arrived_at IS NOT NULL LOOP
    PERFORM ovi_contact_day_add('{}', ARRAY(SELECT f FROM task_fact f WHERE f.kind = 'client-guidance' AND f.arrived_at >= m AND f.arrived_at < m + interval '1 month'))
  ; END LOOP
  ; FOR m IN SELECT DISTINCT date_trunc('month', start_at) FROM visit_fact WHERE status = 'fulfilled' AND start_at IS NOT NULL LOOP
    PERFORM ovi_visit_day_add('{}', ARRAY(SELECT v FROM visit_fact v WHERE v.status = 'fulfilled' AND v.start_at >= m AND v.start_at < m + interval '1 month'))
  ; END LOOP
; END
$$;
SELECT ovi_figure_rollup_fold();
ANALYZE contact_day;
ANALYZE queue_day;
ANALYZE handler_day;
ANALYZE assessment_day;
ANALYZE visit_day;
ANALYZE visit_wait_day;
ANALYZE visit_professional_day;
