-- Local accounts (replaceable by an OpenID Connect provider) and versioned settings.
CREATE TABLE app_user (
  username text PRIMARY KEY,
  password_hash text NOT NULL,
  roles text[] NOT NULL,
  fhir_user text NOT NULL,
  display_name text NOT NULL,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz
);

CREATE TABLE app_setting (
  name text PRIMARY KEY,
  version integer NOT NULL,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text
);
