-- The continuity figures of a period's settled days, kept between requests (decision 041).
-- A client's UPC, COCI and own-team visits are over the whole period, so no daily count can
-- give them (decision 040): over a region's year every request grouped 580 000 visits by client
-- and professional. Here a period's client rows — one per unit, profession and client, as the
-- continuity statements make them — are kept up to the moment they are read ("settled"), and a
-- request reads them, recomputing from the facts only the clients whose visits or own facts
-- changed since and those with visits after that moment (storage/continuitySettled.ts).
--
-- Which changes a kept period has not seen is decided by transaction visibility, not by time:
-- the period's rows are read in one statement together with pg_current_snapshot(), and every
-- write that can change a client's rows records its transaction (pg_current_xact_id()) in
-- continuity_change by trigger, in the same transaction. A change is new to a kept period
-- exactly when its transaction is not visible in the kept snapshot, also when it committed
-- while the rows were being read.

CREATE TABLE continuity_settled (
  id bigserial PRIMARY KEY,
  window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL,
  -- The rows cover the realised visits in [window_start, settled_end), settled_end <= window_end.
  settled_end timestamptz NOT NULL,
  taken pg_snapshot NOT NULL,
  taken_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX continuity_settled_window ON continuity_settled (window_start, window_end);

-- The client rows (continuity_client_rows of storage/continuityClients.ts): per unit,
-- profession and client N, Σ n_i², max n_i, the visits with the own team, the first and last
-- professional met, the client's municipality and age group at the window's end, and whether
-- the client is counted and has an own professional at all (listed).
CREATE TABLE continuity_settled_client (
  settled_id bigint NOT NULL REFERENCES continuity_settled (id) ON DELETE CASCADE,
  unit text NOT NULL,
  profession text NOT NULL,
  client text NOT NULL,
  visits integer NOT NULL,
  sum_of_squares integer NOT NULL,
  most_seen integer NOT NULL,
  own_visits integer NOT NULL,
  first_met text NOT NULL,
  last_met text NOT NULL,
  municipality text NOT NULL,
  age_group text NOT NULL,
  listed boolean NOT NULL
);
CREATE INDEX continuity_settled_client_of ON continuity_settled_client (settled_id);

-- What changed: a client's realised visit starting at start_at, or the client's own fact
-- (start_at NULL), or with client NULL the teams or the Locations' units, which can change any
-- client's rows (the kept rows are then not used). Rows that every kept period has seen are
-- removed when a period is kept.
CREATE TABLE continuity_change (
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  client text,
  start_at timestamptz
);
CREATE INDEX continuity_change_xid ON continuity_change (xid);

-- One function a kind, for every statement that writes it: a transition table exists only for
-- the operations that have it, and is read only under its operation.
CREATE FUNCTION ovi_continuity_visits_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO continuity_change (client, start_at)
      SELECT DISTINCT patient_id, start_at FROM new_rows WHERE status = 'fulfilled' AND patient_id IS NOT NULL
  ; END IF
  ; IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO continuity_change (client, start_at)
      SELECT DISTINCT patient_id, start_at FROM old_rows WHERE status = 'fulfilled' AND patient_id IS NOT NULL
  ; END IF
  ; RETURN NULL
; END $$;

CREATE FUNCTION ovi_continuity_clients_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO continuity_change (client) SELECT DISTINCT patient_id FROM old_rows
  ; ELSE
    INSERT INTO continuity_change (client) SELECT DISTINCT patient_id FROM new_rows
  ; END IF
  ; RETURN NULL
; END $$;

-- A team or a Location written (or every resource emptied): every client's own team or unit may
-- differ.
CREATE FUNCTION ovi_continuity_everyone_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    INSERT INTO continuity_change (client) VALUES (NULL)
  ; ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO continuity_change (client) SELECT NULL WHERE EXISTS (SELECT 1 FROM old_rows WHERE resource_type IN ('CareTeam', 'Location'))
  ; ELSE
    INSERT INTO continuity_change (client) SELECT NULL WHERE EXISTS (SELECT 1 FROM new_rows WHERE resource_type IN ('CareTeam', 'Location'))
  ; END IF
  ; RETURN NULL
; END $$;

CREATE TRIGGER visit_fact_continuity_added AFTER INSERT ON visit_fact REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_continuity_visits_written();
CREATE TRIGGER visit_fact_continuity_changed AFTER UPDATE ON visit_fact REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_continuity_visits_written();
CREATE TRIGGER visit_fact_continuity_gone AFTER DELETE ON visit_fact REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_continuity_visits_written();
CREATE TRIGGER patient_fact_continuity_added AFTER INSERT ON patient_fact REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_continuity_clients_written();
CREATE TRIGGER patient_fact_continuity_changed AFTER UPDATE ON patient_fact REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_continuity_clients_written();
CREATE TRIGGER patient_fact_continuity_gone AFTER DELETE ON patient_fact REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_continuity_clients_written();
CREATE TRIGGER resource_continuity_added AFTER INSERT ON resource REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_continuity_everyone_written();
CREATE TRIGGER resource_continuity_changed AFTER UPDATE ON resource REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_continuity_everyone_written();
CREATE TRIGGER resource_continuity_gone AFTER DELETE ON resource REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_continuity_everyone_written();
CREATE TRIGGER resource_continuity_cleared AFTER TRUNCATE ON resource FOR EACH STATEMENT EXECUTE FUNCTION ovi_continuity_everyone_written();
