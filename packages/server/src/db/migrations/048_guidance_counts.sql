-- The guidance statistics (`GET /api/guidance/stats`, guidance/guidanceStats.ts) counted by day
-- and by month (decision 043), as the count Measures are (migrations 044 and 047): over a
-- 200 000-resident year they grouped 1.5 million contact facts, 0.6 s of the demand page's
-- 0.85 s. They are region-wide, so the table keeps no unit, municipality or age group: the
-- contacts by Helsinki day of arrival, status, outcome, urgency, channel, whether a completed one
-- was closed by its deadline (`in_time`) and whether an assessed one was assessed by its due
-- time (`on_time`). Whether an unassessed one is past its due time depends on the hour, so a
-- read takes those few contacts from the facts. Its professionals come from handler_day.

-- The contact's columns gain urgency and in_time (appended: the readers name what they take).
DROP FUNCTION ovi_contact_counted_of(task_fact);
CREATE FUNCTION ovi_contact_counted_of(f task_fact) RETURNS TABLE (
  day date, unit text, municipality text, age_group text, profession text, owner text, channel text, status text, outcome text,
  closed_day date, needs_visit boolean, completed boolean, assessed_at timestamptz, has_due boolean, hours integer, on_time boolean,
  urgency text, in_time boolean)
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
       CASE WHEN a.at IS NOT NULL AND f.assessment_due IS NOT NULL THEN a.at <= f.assessment_due END,
       f.urgency,
       CASE WHEN f.status = 'completed' THEN f.closed_at <= f.work_to END
  -- A contact is assessed when its assessment is recorded, or when it was completed without one (at its closing).
  FROM (SELECT COALESCE(f.assessed_input_at, CASE WHEN f.status = 'completed' THEN f.closed_at END) AS at) a
 WHERE f.kind = 'client-guidance' AND f.arrived_at IS NOT NULL
$$;

CREATE TABLE guidance_day (
  day date NOT NULL,
  status text,
  outcome text,
  urgency text,
  channel text,
  in_time boolean,
  on_time boolean,
  n integer NOT NULL,
  folded boolean NOT NULL DEFAULT false
);
CREATE TABLE guidance_month (LIKE guidance_day INCLUDING DEFAULTS);
CREATE INDEX guidance_day_day ON guidance_day (day);
CREATE INDEX guidance_day_unfolded ON guidance_day (day) WHERE NOT folded;
CREATE INDEX guidance_month_day ON guidance_month (day);
CREATE INDEX guidance_month_unfolded ON guidance_month (day) WHERE NOT folded;

-- As in migration 044, with the guidance counts added to the same statement.
CREATE OR REPLACE FUNCTION ovi_contact_day_add(gone task_fact[], came task_fact[]) RETURNS void LANGUAGE sql AS $$
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
), guidance AS (
  INSERT INTO guidance_day (day, status, outcome, urgency, channel, in_time, on_time, n)
  SELECT day, status, outcome, urgency, channel, in_time, on_time, sum(sign)::int FROM x
   GROUP BY day, status, outcome, urgency, channel, in_time, on_time HAVING sum(sign) <> 0
)
INSERT INTO assessment_day (day, unit, municipality, age_group, profession, hours, on_time, n)
SELECT day, unit, municipality, age_group, profession, hours, on_time, sum(sign)::int FROM x WHERE assessed_at IS NOT NULL
 GROUP BY day, unit, municipality, age_group, profession, hours, on_time HAVING sum(sign) <> 0
$$;

-- By month, as migration 047 does for the other counts.
CREATE FUNCTION ovi_guidance_month_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO guidance_month (day, status, outcome, urgency, channel, in_time, on_time, n)
  SELECT date_trunc('month', day::timestamp)::date, status, outcome, urgency, channel, in_time, on_time, sum(n) FROM new_rows WHERE NOT folded
   GROUP BY 1, status, outcome, urgency, channel, in_time, on_time HAVING sum(n) <> 0
  ; RETURN NULL
; END
$$;
CREATE TRIGGER guidance_day_by_month AFTER INSERT ON guidance_day REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_guidance_month_add();

CREATE OR REPLACE FUNCTION ovi_figure_rollup_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'task_fact' THEN
    DELETE FROM contact_day; DELETE FROM queue_day; DELETE FROM handler_day; DELETE FROM assessment_day; DELETE FROM guidance_day
    ; DELETE FROM contact_month; DELETE FROM handler_month; DELETE FROM assessment_month; DELETE FROM guidance_month
  ; ELSE
    DELETE FROM visit_day; DELETE FROM visit_wait_day; DELETE FROM visit_professional_day
    ; DELETE FROM visit_month; DELETE FROM visit_wait_month; DELETE FROM visit_professional_month
  ; END IF
  ; RETURN NULL
; END
$$;

CREATE OR REPLACE FUNCTION ovi_figure_rollup_fold() RETURNS bigint LANGUAGE sql AS $$
SELECT sum(ovi_figure_rollup_fold_table(t))::bigint
  FROM unnest(ARRAY['contact_day', 'queue_day', 'handler_day', 'assessment_day', 'guidance_day', 'visit_day', 'visit_wait_day', 'visit_professional_day',
                    'contact_month', 'handler_month', 'assessment_month', 'guidance_month', 'visit_month', 'visit_wait_month', 'visit_professional_month']) t
$$;

-- The contacts already stored, folded: by day, and (through the trigger, which takes unfolded rows) by month.
INSERT INTO guidance_day (day, status, outcome, urgency, channel, in_time, on_time, n)
SELECT k.day, k.status, k.outcome, k.urgency, k.channel, k.in_time, k.on_time, count(*)::int
  FROM task_fact f CROSS JOIN LATERAL ovi_contact_counted_of(f) k
 GROUP BY 1, 2, 3, 4, 5, 6, 7;
UPDATE guidance_day SET folded = true;
UPDATE guidance_month SET folded = true;
ANALYZE guidance_day;
ANALYZE guidance_month;
