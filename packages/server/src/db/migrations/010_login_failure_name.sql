-- Failed log-ins to user names that have no account, counted and locked exactly as an
-- account's are, so a locked-out name (429) does not tell that an account exists. The name is
-- kept only as a hash. Transient: rows are deleted once their lock is long over, and
-- backups leave the table out.
CREATE TABLE login_failure_name (
  name_key text PRIMARY KEY,
  failed_attempts integer NOT NULL,
  locked_until timestamptz,
  last_failed timestamptz NOT NULL
);
CREATE INDEX login_failure_name_last ON login_failure_name (last_failed);
