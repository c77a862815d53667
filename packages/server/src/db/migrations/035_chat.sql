-- Live chat (issue 11): one row per chat for what the resources cannot answer quickly and
-- atomically across server processes: the queue order (urgency, then arrival), which
-- professional has taken it (taken with FOR UPDATE SKIP LOCKED, so two professionals never
-- take the same one), and the hash of the resident's chat token. The contact itself is a
-- guidance Task and the transcript its Communications.
CREATE TABLE chat_session (
  id text PRIMARY KEY,
  service text NOT NULL,
  task_id text NOT NULL,
  patient text NOT NULL,
  anonymous boolean NOT NULL,
  token_hash text NOT NULL,
  state text NOT NULL CHECK (state IN ('waiting', 'active', 'closed')),
  urgency_rank integer NOT NULL,
  created_at timestamptz NOT NULL,
  taken_by text,
  taken_by_name text,
  taken_at timestamptz,
  closed_at timestamptz
);
CREATE INDEX chat_session_queue ON chat_session (service, urgency_rank, created_at) WHERE state = 'waiting';
CREATE INDEX chat_session_taken ON chat_session (taken_by) WHERE state = 'active';
