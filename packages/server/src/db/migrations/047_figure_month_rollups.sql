-- The daily counts of migration 044 also counted per Helsinki month (decision 042): a Measure
-- over a year summed 150 000–215 000 daily rows per table for a 200 000-resident region, and the
-- access page asks seven such Measures (docs/PRODUCTION.md). By month the same combinations are
-- 6 000–40 000 rows. A window of whole days reads the whole months inside it from these tables
-- and the days at its edges from the daily ones (storage/figureRollups.ts).
--
-- Each table has its daily table's columns; `day` holds the month's first day, so that the
-- fold of migration 044 (which keys on every column but n and folded) folds them unchanged.
-- They are written by a statement trigger on the daily table, from the rows the facts'
-- triggers add there (unfolded: a fold's own rewrite is not a change), in the same statement,
-- so a sum is exact in every snapshot as it is by day. The queue's counts (queue_day) stay by
-- day only: they are few, and read by week.
CREATE TABLE contact_month (LIKE contact_day INCLUDING DEFAULTS);
CREATE TABLE handler_month (LIKE handler_day INCLUDING DEFAULTS);
CREATE TABLE assessment_month (LIKE assessment_day INCLUDING DEFAULTS);
CREATE TABLE visit_month (LIKE visit_day INCLUDING DEFAULTS);
CREATE TABLE visit_wait_month (LIKE visit_wait_day INCLUDING DEFAULTS);
CREATE TABLE visit_professional_month (LIKE visit_professional_day INCLUDING DEFAULTS);

CREATE INDEX contact_month_day ON contact_month (day);
CREATE INDEX contact_month_unfolded ON contact_month (day) WHERE NOT folded;
CREATE INDEX handler_month_day ON handler_month (day);
CREATE INDEX handler_month_unfolded ON handler_month (day) WHERE NOT folded;
CREATE INDEX assessment_month_day ON assessment_month (day);
CREATE INDEX assessment_month_unfolded ON assessment_month (day) WHERE NOT folded;
CREATE INDEX visit_month_day ON visit_month (day);
CREATE INDEX visit_month_unfolded ON visit_month (day) WHERE NOT folded;
CREATE INDEX visit_wait_month_day ON visit_wait_month (day);
CREATE INDEX visit_wait_month_unfolded ON visit_wait_month (day) WHERE NOT folded;
CREATE INDEX visit_professional_month_day ON visit_professional_month (day);
CREATE INDEX visit_professional_month_unfolded ON visit_professional_month (day) WHERE NOT folded;

-- Per table: the trigger function (its column list written out when made, so a write runs no
-- catalog query), the trigger, and the months of the daily rows already there, folded.
DO $$
DECLARE t text; cols text
; BEGIN
  FOREACH t IN ARRAY ARRAY['contact', 'handler', 'assessment', 'visit', 'visit_wait', 'visit_professional'] LOOP
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols
      FROM pg_attribute WHERE attrelid = (t || '_day')::regclass AND attnum > 0 AND NOT attisdropped AND attname NOT IN ('day', 'n', 'folded')
    ; EXECUTE format(
      'CREATE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN
         INSERT INTO %2$I (day, %4$s, n)
         SELECT date_trunc(''month'', day::timestamp)::date, %4$s, sum(n) FROM new_rows WHERE NOT folded
          GROUP BY 1, %4$s HAVING sum(n) <> 0
         ; RETURN NULL
       ; END $f$',
      'ovi_' || t || '_month_add', t || '_month', t || '_day', cols)
    ; EXECUTE format('CREATE TRIGGER %1$I AFTER INSERT ON %2$I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %3$I()',
      t || '_day_by_month', t || '_day', 'ovi_' || t || '_month_add')
    ; EXECUTE format(
      'INSERT INTO %1$I (day, %3$s, n, folded)
       SELECT date_trunc(''month'', day::timestamp)::date, %3$s, sum(n), true FROM %2$I GROUP BY 1, %3$s HAVING sum(n) <> 0',
      t || '_month', t || '_day', cols)
  ; END LOOP
; END
$$;

CREATE OR REPLACE FUNCTION ovi_figure_rollup_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'task_fact' THEN
    DELETE FROM contact_day; DELETE FROM queue_day; DELETE FROM handler_day; DELETE FROM assessment_day
    ; DELETE FROM contact_month; DELETE FROM handler_month; DELETE FROM assessment_month
  ; ELSE
    DELETE FROM visit_day; DELETE FROM visit_wait_day; DELETE FROM visit_professional_day
    ; DELETE FROM visit_month; DELETE FROM visit_wait_month; DELETE FROM visit_professional_month
  ; END IF
  ; RETURN NULL
; END
$$;

CREATE OR REPLACE FUNCTION ovi_figure_rollup_fold() RETURNS bigint LANGUAGE sql AS $$
SELECT sum(ovi_figure_rollup_fold_table(t))::bigint
  FROM unnest(ARRAY['contact_day', 'queue_day', 'handler_day', 'assessment_day', 'visit_day', 'visit_wait_day', 'visit_professional_day',
                    'contact_month', 'handler_month', 'assessment_month', 'visit_month', 'visit_wait_month', 'visit_professional_month']) t
$$;

ANALYZE contact_month;
ANALYZE handler_month;
ANALYZE assessment_month;
ANALYZE visit_month;
ANALYZE visit_wait_month;
ANALYZE visit_professional_month;
