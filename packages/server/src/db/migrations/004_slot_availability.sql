-- A narrow projection of Slot resources for finding free times fast: one row per slot,
-- kept in step with the Slot resource in the same transaction (storage/slotAvailability.ts).
CREATE TABLE slot_availability (
  slot_id text PRIMARY KEY,
  schedule_id text NOT NULL,
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  status text NOT NULL,
  visit_type text NOT NULL,
  modes text[] NOT NULL
);
CREATE INDEX slot_availability_free ON slot_availability (schedule_id, start_at) WHERE status = 'free';
CREATE INDEX slot_availability_free_start ON slot_availability (start_at) WHERE status = 'free';
