-- The work queue's totals without counting the whole queue (openWork in access/relationships.ts):
-- counting 5 000 open contacts for every page read was half of PostgreSQL's work per queue read.
--
-- work_count holds how many work_item rows have each combination of the queue's filter
-- columns, as rows to be summed: triggers on work_item add a +1 row for a row that enters and
-- a -1 row for one that leaves (or both when a filter column changes), in the same statement
-- as the Task write, so a total is exact in every snapshot. Writers only insert: concurrent
-- Task writes never wait for each other here. ovi_work_count_fold() folds the rows into one per
-- combination; a queue read that finds many rows runs it (openWork), one process at a time.
-- Summing a few dozen rows replaces counting thousands.
CREATE TABLE work_count (
  kind text,
  owner text,
  urgency_rank smallint NOT NULL,
  channel text,
  profession text,
  claimant text,
  n integer NOT NULL
);

CREATE FUNCTION ovi_work_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN INSERT INTO work_count VALUES (OLD.kind, OLD.owner, OLD.urgency_rank, OLD.channel, OLD.profession, OLD.claimant, -1); END IF; IF TG_OP IN ('INSERT', 'UPDATE') THEN INSERT INTO work_count VALUES (NEW.kind, NEW.owner, NEW.urgency_rank, NEW.channel, NEW.profession, NEW.claimant, 1); END IF; RETURN NULL; END
$$;

CREATE FUNCTION ovi_work_count_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN DELETE FROM work_count; RETURN NULL; END
$$;

CREATE TRIGGER work_item_counted AFTER INSERT OR DELETE ON work_item FOR EACH ROW EXECUTE FUNCTION ovi_work_count_change();
-- A new version that leaves the filter columns as they were (a new deadline, a note) changes no total.
CREATE TRIGGER work_item_recounted AFTER UPDATE ON work_item FOR EACH ROW
  WHEN ((OLD.kind, OLD.owner, OLD.urgency_rank, OLD.channel, OLD.profession, OLD.claimant) IS DISTINCT FROM (NEW.kind, NEW.owner, NEW.urgency_rank, NEW.channel, NEW.profession, NEW.claimant))
  EXECUTE FUNCTION ovi_work_count_change();
CREATE TRIGGER work_item_count_cleared AFTER TRUNCATE ON work_item FOR EACH STATEMENT EXECUTE FUNCTION ovi_work_count_clear();

-- One row per combination (none for a combination that has no open work). Folds running at once
-- would wait for each other's rows: callers take an advisory lock first and skip when it is taken.
CREATE FUNCTION ovi_work_count_fold() RETURNS void LANGUAGE sql AS $$
WITH gone AS (DELETE FROM work_count RETURNING kind, owner, urgency_rank, channel, profession, claimant, n)
INSERT INTO work_count SELECT kind, owner, urgency_rank, channel, profession, claimant, sum(n) FROM gone GROUP BY kind, owner, urgency_rank, channel, profession, claimant HAVING sum(n) <> 0
$$;

INSERT INTO work_count SELECT kind, owner, urgency_rank, channel, profession, claimant, count(*) FROM work_item GROUP BY kind, owner, urgency_rank, channel, profession, claimant;
