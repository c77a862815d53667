-- The figure facts counted per Helsinki day (decision 038): a Measure over whole days sums a few
-- rows per day instead of reading every contact or visit of its period. Over a 200 000-resident
-- year the 1.5 million contacts fall into about 60 000 combinations of day and the columns the
-- Measures group and filter by (docs/PRODUCTION.md).
--
-- Like work_count (migration 017) the rows are to be summed: statement triggers on the facts
-- add the rows that entered and subtract the ones that left, grouped, in the same statement as
-- the write, so a sum is exact in every snapshot and concurrent writers only insert (never wait
-- for each other's rows). ovi_figure_rollup_fold() rewrites the days that have such unfolded
-- rows as one row per combination; callers take an advisory lock and skip when it is taken
-- (storage/figureRollups.ts). Every column that the facts may leave NULL is kept as the facts
-- have it, and the readers COALESCE exactly as they do over the facts.

-- The client-guidance contacts (task_fact, kind = 'client-guidance') by the Helsinki day they
-- arrived. closed_day: the Helsinki day a closed contact left the queue (its closing, never
-- before its arrival), NULL while open; the weekly demand and capacity count the queue from it.
CREATE TABLE contact_day (
  day date NOT NULL,
  unit text,
  municipality text,
  age_group text,
  profession text,
  owner text,
  channel text,
  status text,
  outcome text,
  closed_day date,
  n integer NOT NULL,
  folded boolean NOT NULL DEFAULT false
);
CREATE INDEX contact_day_day ON contact_day (day);
CREATE INDEX contact_day_unfolded ON contact_day (day) WHERE NOT folded;

-- The assessed client-guidance contacts by the Helsinki day they arrived, with what the
-- assessment Measures ask of each: hours (whole hours from arrival to assessment, at least 0)
-- and on_time (assessed by its due time; NULL without one). A contact is assessed when its
-- assessment is recorded, or when it was completed without one (at its closing). The contacts
-- not (yet) assessed stay in the facts: whether one is past its due time depends on the hour.
CREATE TABLE assessment_day (
  day date NOT NULL,
  unit text,
  municipality text,
  age_group text,
  profession text,
  owner text,
  hours integer NOT NULL,
  on_time boolean,
  n integer NOT NULL,
  folded boolean NOT NULL DEFAULT false
);
CREATE INDEX assessment_day_day ON assessment_day (day);
CREATE INDEX assessment_day_unfolded ON assessment_day (day) WHERE NOT folded;
-- The contacts due an assessment and without one, which the same-weekday Measure reads from the facts.
CREATE INDEX task_fact_unassessed ON task_fact (arrived_at) INCLUDE (assessment_due)
  WHERE kind = 'client-guidance' AND assessment_due IS NOT NULL AND assessed_input_at IS NULL AND (status IS DISTINCT FROM 'completed' OR closed_at IS NULL);

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
CREATE INDEX visit_day_day ON visit_day (day);
CREATE INDEX visit_day_unfolded ON visit_day (day) WHERE NOT folded;

-- The combination a fact row counts in (no row: not counted), the Measures' columns as the facts
-- have them.
CREATE FUNCTION ovi_contact_day_of(f task_fact) RETURNS TABLE (day date, unit text, municipality text, age_group text, profession text, owner text, channel text, status text, outcome text, closed_day date)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
SELECT (f.arrived_at AT TIME ZONE 'Europe/Helsinki')::date, f.client_unit, f.client_municipality, f.client_age_group, f.profession, f.owner, f.channel, f.status, f.outcome,
       CASE WHEN f.status IN ('completed', 'cancelled', 'failed', 'rejected')
            THEN (GREATEST(COALESCE(f.closed_at, f.arrived_at), f.arrived_at) AT TIME ZONE 'Europe/Helsinki')::date END
 WHERE f.kind = 'client-guidance' AND f.arrived_at IS NOT NULL
$$;

CREATE FUNCTION ovi_assessment_day_of(f task_fact) RETURNS TABLE (day date, unit text, municipality text, age_group text, profession text, owner text, hours integer, on_time boolean)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
SELECT (f.arrived_at AT TIME ZONE 'Europe/Helsinki')::date, f.client_unit, f.client_municipality, f.client_age_group, f.profession, f.owner,
       floor(GREATEST(0, extract(epoch FROM a.at - f.arrived_at)) / 3600)::int,
       CASE WHEN f.assessment_due IS NOT NULL THEN a.at <= f.assessment_due END
  FROM (SELECT COALESCE(f.assessed_input_at, CASE WHEN f.status = 'completed' THEN f.closed_at END) AS at) a
 WHERE f.kind = 'client-guidance' AND f.arrived_at IS NOT NULL AND a.at IS NOT NULL
$$;

CREATE FUNCTION ovi_visit_day_of(v visit_fact) RETURNS TABLE (day date, location text, municipality text, age_group text, profession text, waited integer, within_legal boolean, within_regional boolean)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
SELECT (v.start_at AT TIME ZONE 'Europe/Helsinki')::date, v.location, v.client_municipality, v.client_age_group, v.profession,
       CASE WHEN v.contact_known AND v.task_id IS NOT NULL
            THEN GREATEST(0, (v.start_at AT TIME ZONE 'Europe/Helsinki')::date - (v.contact_arrived AT TIME ZONE 'Europe/Helsinki')::date) END,
       CASE WHEN v.contact_known AND v.task_id IS NOT NULL AND v.contact_assessed_at IS NOT NULL AND v.contact_legal_deadline IS NOT NULL
            THEN v.start_at <= v.contact_legal_deadline END,
       CASE WHEN v.contact_known AND v.task_id IS NOT NULL AND v.contact_assessed_at IS NOT NULL AND v.contact_regional_deadline IS NOT NULL
            THEN v.start_at <= v.contact_regional_deadline END
 WHERE v.status = 'fulfilled' AND v.start_at IS NOT NULL
$$;

-- The rows that left (-1) and entered (+1) in one statement, grouped; combinations whose count
-- does not change (a fact rewritten with the same columns) add nothing.
CREATE FUNCTION ovi_contact_day_add(gone task_fact[], came task_fact[]) RETURNS void LANGUAGE sql AS $$
INSERT INTO contact_day (day, unit, municipality, age_group, profession, owner, channel, status, outcome, closed_day, n)
SELECT k.day, k.unit, k.municipality, k.age_group, k.profession, k.owner, k.channel, k.status, k.outcome, k.closed_day, sum(x.sign)::int
  FROM (SELECT g AS f, -1 AS sign FROM unnest(gone) g UNION ALL SELECT c, 1 FROM unnest(came) c) x
  CROSS JOIN LATERAL ovi_contact_day_of(x.f) k
 GROUP BY k.day, k.unit, k.municipality, k.age_group, k.profession, k.owner, k.channel, k.status, k.outcome, k.closed_day
HAVING sum(x.sign) <> 0
; INSERT INTO assessment_day (day, unit, municipality, age_group, profession, owner, hours, on_time, n)
SELECT k.day, k.unit, k.municipality, k.age_group, k.profession, k.owner, k.hours, k.on_time, sum(x.sign)::int
  FROM (SELECT g AS f, -1 AS sign FROM unnest(gone) g UNION ALL SELECT c, 1 FROM unnest(came) c) x
  CROSS JOIN LATERAL ovi_assessment_day_of(x.f) k
 GROUP BY k.day, k.unit, k.municipality, k.age_group, k.profession, k.owner, k.hours, k.on_time
HAVING sum(x.sign) <> 0
$$;

CREATE FUNCTION ovi_visit_day_add(gone visit_fact[], came visit_fact[]) RETURNS void LANGUAGE sql AS $$
INSERT INTO visit_day (day, location, municipality, age_group, profession, waited, within_legal, within_regional, n)
SELECT k.day, k.location, k.municipality, k.age_group, k.profession, k.waited, k.within_legal, k.within_regional, sum(x.sign)::int
  FROM (SELECT g AS v, -1 AS sign FROM unnest(gone) g UNION ALL SELECT c, 1 FROM unnest(came) c) x
  CROSS JOIN LATERAL ovi_visit_day_of(x.v) k
 GROUP BY k.day, k.location, k.municipality, k.age_group, k.profession, k.waited, k.within_legal, k.within_regional
HAVING sum(x.sign) <> 0
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
  IF TG_TABLE_NAME = 'task_fact' THEN DELETE FROM contact_day; DELETE FROM assessment_day; ELSE DELETE FROM visit_day; END IF
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

-- Rewrites every day that has unfolded rows as one folded row per combination (none where the
-- count is 0). Rows a concurrent write adds meanwhile are not in this statement's snapshot: they
-- stay, unfolded, for the next fold. Returns the number of rows it folded.
CREATE FUNCTION ovi_figure_rollup_fold() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE folded_contacts bigint; folded_assessments bigint; folded_visits bigint
; BEGIN
  WITH days AS (SELECT DISTINCT day FROM contact_day WHERE NOT folded),
       gone AS (DELETE FROM contact_day c USING days WHERE c.day = days.day RETURNING c.*),
       put AS (INSERT INTO contact_day (day, unit, municipality, age_group, profession, owner, channel, status, outcome, closed_day, n, folded)
               SELECT day, unit, municipality, age_group, profession, owner, channel, status, outcome, closed_day, sum(n), true FROM gone
                GROUP BY day, unit, municipality, age_group, profession, owner, channel, status, outcome, closed_day HAVING sum(n) <> 0 RETURNING 1)
  SELECT count(*) FROM gone INTO folded_contacts
  ; WITH days AS (SELECT DISTINCT day FROM assessment_day WHERE NOT folded),
       gone AS (DELETE FROM assessment_day a USING days WHERE a.day = days.day RETURNING a.*),
       put AS (INSERT INTO assessment_day (day, unit, municipality, age_group, profession, owner, hours, on_time, n, folded)
               SELECT day, unit, municipality, age_group, profession, owner, hours, on_time, sum(n), true FROM gone
                GROUP BY day, unit, municipality, age_group, profession, owner, hours, on_time HAVING sum(n) <> 0 RETURNING 1)
  SELECT count(*) FROM gone INTO folded_assessments
  ; WITH days AS (SELECT DISTINCT day FROM visit_day WHERE NOT folded),
       gone AS (DELETE FROM visit_day v USING days WHERE v.day = days.day RETURNING v.*),
       put AS (INSERT INTO visit_day (day, location, municipality, age_group, profession, waited, within_legal, within_regional, n, folded)
               SELECT day, location, municipality, age_group, profession, waited, within_legal, within_regional, sum(n), true FROM gone
                GROUP BY day, location, municipality, age_group, profession, waited, within_legal, within_regional HAVING sum(n) <> 0 RETURNING 1)
  SELECT count(*) FROM gone INTO folded_visits
  ; RETURN folded_contacts + folded_assessments + folded_visits
; END
$$;

-- The facts already stored, folded.
INSERT INTO contact_day (day, unit, municipality, age_group, profession, owner, channel, status, outcome, closed_day, n, folded)
SELECT k.day, k.unit, k.municipality, k.age_group, k.profession, k.owner, k.channel, k.status, k.outcome, k.closed_day, count(*), true
  FROM task_fact f CROSS JOIN LATERAL ovi_contact_day_of(f) k
 GROUP BY k.day, k.unit, k.municipality, k.age_group, k.profession, k.owner, k.channel, k.status, k.outcome, k.closed_day;
INSERT INTO assessment_day (day, unit, municipality, age_group, profession, owner, hours, on_time, n, folded)
SELECT k.day, k.unit, k.municipality, k.age_group, k.profession, k.owner, k.hours, k.on_time, count(*), true
  FROM task_fact f CROSS JOIN LATERAL ovi_assessment_day_of(f) k
 GROUP BY k.day, k.unit, k.municipality, k.age_group, k.profession, k.owner, k.hours, k.on_time;
INSERT INTO visit_day (day, location, municipality, age_group, profession, waited, within_legal, within_regional, n, folded)
SELECT k.day, k.location, k.municipality, k.age_group, k.profession, k.waited, k.within_legal, k.within_regional, count(*), true
  FROM visit_fact v CROSS JOIN LATERAL ovi_visit_day_of(v) k
 GROUP BY k.day, k.location, k.municipality, k.age_group, k.profession, k.waited, k.within_legal, k.within_regional;
ANALYZE contact_day;
ANALYZE assessment_day;
ANALYZE visit_day;
