-- The work queue at a region's scale: the queue is paged, filtered, ordered and counted in SQL
-- (access/relationships.ts openWork) over work_item, a narrow projection of the open Tasks,
-- so a page and its count are read from an index and cost the same with 50 or 5 000 contacts
-- waiting (the Task resources themselves are read only for the rows shown).
--
-- work_item is kept in step with the resource table by triggers, in the same statement as
-- every write of a Task: whatever writes a Task (a contact, an assessment, a decision, a
-- claim, a consultation's answer), the queue sees it at once, and a closed Task leaves it.
--
-- ovi_instant: a FHIR date-time as an instant. It accepts only a valid ISO 8601 date-time with
-- an explicit offset, or a plain date (UTC midnight, as JavaScript reads it), whose meaning
-- depends on no session setting; anything else gives NULL (sorted last). It never raises an
-- error (the cast runs only on what the checks let through): a Task write must never fail on
-- the queue. What Ovi writes itself (JavaScript's toISOString) takes the quick first check.
CREATE FUNCTION ovi_instant(t text) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE
  WHEN t ~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$' AND substr(t, 1, 4) <> '0000' AND substr(t, 6, 2) BETWEEN '01' AND '12' AND substr(t, 9, 2) BETWEEN '01' AND '28'
       AND substr(t, 12, 2) <= '23' AND substr(t, 15, 2) <= '59' AND substr(t, 18, 2) <= '59' THEN t::timestamptz
  WHEN t ~ '^(?!0000)\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d))?$' THEN
    CASE WHEN substr(t, 9, 2)::int <= CASE WHEN substr(t, 6, 2) IN ('04', '06', '09', '11') THEN 30 WHEN substr(t, 6, 2) <> '02' THEN 31 WHEN substr(t, 1, 4)::int % 4 = 0 AND (substr(t, 1, 4)::int % 100 <> 0 OR substr(t, 1, 4)::int % 400 = 0) THEN 29 ELSE 28 END
    THEN (CASE WHEN length(t) = 10 THEN t || 'T00:00:00Z' ELSE t END)::timestamptz END
  END
$$;

-- One open Task as the queue orders and filters it.
--   kind: the Task code (client-guidance, routed-work, consultation)
--   owner: Task.owner (the team, service or professional the work belongs to; for a
--     client-guidance Task, which has no other owner, whoever has claimed it)
--   urgency_rank: 0 emergent, 1 urgent, 2 non-urgent (also when missing), 3 self-care
--   deadline: the one staff work to (restriction.period.end), else the contact time
--   authored: the contact time (authoredOn); the oldest contact first among equals
--   claimant: who has the contact open ($claim): a client-guidance Task's owner, or routed
--     work's claimed-by extension (its owner stays the team it was routed to)
CREATE TABLE work_item (
  task_id text PRIMARY KEY,
  version_id integer NOT NULL,
  kind text,
  owner text,
  patient_id text,
  urgency_rank smallint NOT NULL,
  deadline timestamptz,
  authored timestamptz,
  channel text,
  profession text,
  claimant text
);

-- The client-guidance queue in queue order, and the work of an owner in queue order; the
-- filter columns ride along, so a filtered page and its count need only the index.
CREATE INDEX work_item_guidance ON work_item (urgency_rank, deadline, authored, task_id) INCLUDE (channel, profession, claimant) WHERE kind = 'client-guidance';
CREATE INDEX work_item_owner ON work_item (owner, urgency_rank, deadline, authored, task_id) INCLUDE (kind, channel, profession, claimant);

-- The work_item row of a Task (the same rules as guidanceQueue.ts and claimContact.ts read).
CREATE FUNCTION ovi_work_item_of(task_id text, version_id integer, c jsonb) RETURNS SETOF work_item LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT task_id, version_id, k.kind, c #>> '{owner,reference}', substring(c -> 'for' ->> 'reference' FROM '^Patient/(.+)$'),
       (CASE jsonb_path_query_first(c, '$.input[*] ? (@.type.coding[*].code == "urgency").valueCode') #>> '{}' WHEN 'emergent' THEN 0 WHEN 'urgent' THEN 1 WHEN 'self-care' THEN 3 ELSE 2 END)::smallint,
       ovi_instant(COALESCE(c #>> '{restriction,period,end}', c ->> 'authoredOn')),
       ovi_instant(c ->> 'authoredOn'),
       jsonb_path_query_first(c, '$.input[*] ? (@.type.coding[*].code == "channel").valueCode') #>> '{}',
       c #>> '{performerType,0,coding,0,code}',
       CASE WHEN k.kind = 'client-guidance' THEN c #>> '{owner,reference}'
            ELSE jsonb_path_query_first(c, '$.extension[*] ? (@.url == "https://fhir.ovi.fi/StructureDefinition/claimed-by").valueReference.reference') #>> '{}' END
  FROM (SELECT CASE WHEN c -> 'code' -> 'coding' @> '[{"code":"client-guidance"}]' THEN 'client-guidance' ELSE c #>> '{code,coding,0,code}' END AS kind) k
 WHERE c ->> 'status' IN ('ready', 'in-progress', 'requested', 'received', 'accepted')
$$;

-- A Task written: its row is replaced (or removed once the Task is no longer open).
CREATE FUNCTION ovi_work_item_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM work_item WHERE task_id = NEW.id AND COALESCE(NEW.content ->> 'status', '') NOT IN ('ready', 'in-progress', 'requested', 'received', 'accepted'); INSERT INTO work_item
    SELECT * FROM ovi_work_item_of(NEW.id, NEW.version_id, NEW.content)
    ON CONFLICT (task_id) DO UPDATE SET version_id = EXCLUDED.version_id, kind = EXCLUDED.kind, owner = EXCLUDED.owner, patient_id = EXCLUDED.patient_id,
      urgency_rank = EXCLUDED.urgency_rank, deadline = EXCLUDED.deadline, authored = EXCLUDED.authored, channel = EXCLUDED.channel,
      profession = EXCLUDED.profession, claimant = EXCLUDED.claimant; RETURN NULL; END
$$;

CREATE FUNCTION ovi_work_item_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN DELETE FROM work_item WHERE task_id = OLD.id; RETURN NULL; END
$$;

CREATE FUNCTION ovi_work_item_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN DELETE FROM work_item; RETURN NULL; END
$$;

CREATE TRIGGER resource_work_item AFTER INSERT OR UPDATE ON resource FOR EACH ROW WHEN (NEW.resource_type = 'Task') EXECUTE FUNCTION ovi_work_item_sync();
CREATE TRIGGER resource_work_item_gone AFTER DELETE ON resource FOR EACH ROW WHEN (OLD.resource_type = 'Task') EXECUTE FUNCTION ovi_work_item_forget();
CREATE TRIGGER resource_work_item_cleared AFTER TRUNCATE ON resource FOR EACH STATEMENT EXECUTE FUNCTION ovi_work_item_clear();

-- The Tasks already stored.
INSERT INTO work_item SELECT w.* FROM resource r CROSS JOIN LATERAL ovi_work_item_of(r.id, r.version_id, r.content) w WHERE r.resource_type = 'Task';

ANALYZE work_item;
