-- Every version of every setting (routing rules, care-guarantee limits, schedule templates …):
-- who stored it and when, so an administrator sees what changed and can go back. A version is
-- written in the same transaction as app_setting; a change that is refused writes nothing.
-- Settings hold configuration only, never client data. The token-signing key is never kept here.
CREATE TABLE app_setting_history (
  name text NOT NULL,
  version integer NOT NULL,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text,
  PRIMARY KEY (name, version)
);
