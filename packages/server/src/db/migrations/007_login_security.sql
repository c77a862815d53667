-- Log-ins that hold under attack (client-data act 703/2023).
-- A token is valid only while it carries its account's current token_generation: logging out,
-- a new password or new roles advance it. disabled_at: the account is locked by an
-- administrator; its tokens stop working and it cannot log in.
ALTER TABLE app_user ADD COLUMN token_generation integer NOT NULL DEFAULT 0;
ALTER TABLE app_user ADD COLUMN disabled_at timestamptz;

-- Recent failed log-ins per client address (one fixed window per address), shared by every
-- server process. Transient: rows older than their window are deleted, and backups leave the
-- table out (client addresses are personal data).
CREATE TABLE login_failure_address (
  address text PRIMARY KEY,
  failures integer NOT NULL,
  window_started timestamptz NOT NULL
);
CREATE INDEX login_failure_address_window ON login_failure_address (window_started);
