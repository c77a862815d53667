-- SMART on FHIR apps and the OpenID provider's state (decision 027).
-- Registered apps: public clients (browser or phone apps) with their redirect URIs and the
-- browser origins allowed to call the FHIR API (CORS).
CREATE TABLE smart_app (
  client_id text PRIMARY KEY,
  name text NOT NULL,
  redirect_uris text[] NOT NULL,
  origins text[] NOT NULL DEFAULT '{}',
  registered_at timestamptz NOT NULL DEFAULT now(),
  registered_by text NOT NULL
);
-- The provider's sessions, interactions, grants, codes and tokens (oidc-provider models), shared
-- by every server process. Not backed up: a restored database makes apps log in again.
CREATE TABLE oidc_state (
  model text NOT NULL,
  id text NOT NULL,
  payload jsonb NOT NULL,
  grant_id text,
  uid text,
  expires_at timestamptz,
  consumed_at timestamptz,
  PRIMARY KEY (model, id)
);
CREATE INDEX oidc_state_grant ON oidc_state (grant_id) WHERE grant_id IS NOT NULL;
CREATE INDEX oidc_state_uid ON oidc_state (uid) WHERE uid IS NOT NULL;
CREATE INDEX oidc_state_expires ON oidc_state (expires_at);
-- The provider's signing keys (JWKS) and cookie keys, generated on the first start. A secret:
-- never in a backup (a restored database gets new keys).
CREATE TABLE oidc_key (
  name text PRIMARY KEY,
  value jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
