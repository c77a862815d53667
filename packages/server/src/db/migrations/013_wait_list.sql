-- The wait list for an earlier time (docs/decisions/007-wait-list-offers.md).
--
-- wait_list_entry: one booked visit whose client waits for an earlier time of the same kind
-- (visit type, profession and unit copied from the visit when joining), within a window of
-- Helsinki times of day and weekdays. It ends when the visit is cancelled, moved by accepting
-- an offer, or has started (an entry whose visit is no longer booked is never matched).
CREATE TABLE wait_list_entry (
  appointment_id text PRIMARY KEY,
  patient_id text NOT NULL,
  -- Who joined: the client themself, or a guardian or representative acting for them
  -- (the offers' e-mails go to them).
  joined_by text NOT NULL,
  visit_type text NOT NULL,
  profession text,
  location text,
  current_start timestamptz NOT NULL,
  not_before text,
  not_after text,
  weekdays_only boolean NOT NULL DEFAULT false,
  joined_at timestamptz NOT NULL
);
CREATE INDEX wait_list_entry_match ON wait_list_entry (visit_type, current_start);
CREATE INDEX wait_list_entry_patient ON wait_list_entry (patient_id);

-- wait_list_offer: a freed time offered to one waiting visit. Everyone who fits is offered the
-- same time; the first to accept gets it (the Slot's row lock decides), and the others' offers
-- become 'taken'. status: open | accepted | taken | withdrawn; an open offer past expires_at is
-- expired (read against the application clock). notified_at: the e-mail was claimed for
-- sending (by whichever server process got there first).
CREATE TABLE wait_list_offer (
  id text PRIMARY KEY,
  appointment_id text NOT NULL,
  slot_id text NOT NULL,
  patient_id text NOT NULL,
  joined_by text NOT NULL,
  offered_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  status text NOT NULL,
  notified_at timestamptz,
  decided_at timestamptz,
  UNIQUE (appointment_id, slot_id)
);
CREATE INDEX wait_list_offer_slot ON wait_list_offer (slot_id) WHERE status = 'open';
CREATE INDEX wait_list_offer_patient ON wait_list_offer (patient_id, expires_at) WHERE status = 'open';
CREATE INDEX wait_list_offer_unsent ON wait_list_offer (offered_at) WHERE notified_at IS NULL AND status = 'open';
