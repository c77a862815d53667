-- Missing home measurements are looked for by whichever server process reads the work queue
-- or runs the periodic job first: this one row says when the last look was, and the process
-- that moves it forward (one UPDATE, so only one can) does the look. No process keeps a timer
-- or a state of its own (several processes share the database).
CREATE TABLE self_monitoring_sweep (
  id smallint PRIMARY KEY CHECK (id = 1),
  swept_at timestamptz
);
INSERT INTO self_monitoring_sweep VALUES (1, NULL);
