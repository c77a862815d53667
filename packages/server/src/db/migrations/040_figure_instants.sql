-- Figures over a region's year read several instants of each of hundreds of thousands of
-- documents (a visit's start and booking, its contact's assessment and deadlines). ovi_instant
-- (migration 008) is right but cannot be inlined into a query (its general branch casts with
-- the session-dependent text→timestamptz input), so each call runs as a function call, some
-- 40 µs: seven a visit made the year's waiting times take minutes (decision 029).
--
-- ovi_figure_instant gives exactly ovi_instant's answer: the form Ovi itself writes
-- (JavaScript's toISOString, UTC with milliseconds, a day up to 28) is computed with immutable
-- arithmetic the planner inlines; anything else goes to ovi_instant. Figure queries call it on
-- text already taken out of a document (a column), so the inlined argument is cheap to repeat.
-- Indexes and the queue keep ovi_instant.
CREATE FUNCTION ovi_figure_instant(t text) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE
  WHEN t ~ '^[0-9]{4}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9]{3}Z$' AND substr(t, 1, 4) <> '0000'
       AND substr(t, 6, 2) BETWEEN '01' AND '12' AND substr(t, 9, 2) BETWEEN '01' AND '28'
       AND substr(t, 12, 2) <= '23' AND substr(t, 15, 2) <= '59' AND substr(t, 18, 2) <= '59'
    THEN (make_timestamp(substr(t, 1, 4)::int, substr(t, 6, 2)::int, substr(t, 9, 2)::int, substr(t, 12, 2)::int, substr(t, 15, 2)::int, 0)
          + (substr(t, 18, 2)::int * 1000 + substr(t, 21, 3)::int) * interval '1 millisecond') AT TIME ZONE 'UTC'
  ELSE ovi_instant(t)
  END
$$;
