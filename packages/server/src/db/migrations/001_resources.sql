-- FHIR resources: current version, full history, and search index tables.
CREATE TABLE resource (
  resource_type text NOT NULL,
  id text NOT NULL,
  version_id integer NOT NULL,
  last_updated timestamptz NOT NULL,
  content jsonb NOT NULL,
  PRIMARY KEY (resource_type, id)
);
CREATE INDEX resource_last_updated ON resource (resource_type, last_updated);

CREATE TABLE resource_history (
  resource_type text NOT NULL,
  id text NOT NULL,
  version_id integer NOT NULL,
  last_updated timestamptz NOT NULL,
  content jsonb NOT NULL,
  PRIMARY KEY (resource_type, id, version_id)
);

-- token, reference and uri parameters: one row per value
CREATE TABLE search_token (
  resource_type text NOT NULL,
  resource_id text NOT NULL,
  param text NOT NULL,
  system text,
  value text NOT NULL
);
CREATE INDEX search_token_lookup ON search_token (resource_type, param, value);
CREATE INDEX search_token_owner ON search_token (resource_type, resource_id);

-- string parameters, stored lower-cased for prefix matching
CREATE TABLE search_string (
  resource_type text NOT NULL,
  resource_id text NOT NULL,
  param text NOT NULL,
  value text NOT NULL
);
CREATE INDEX search_string_lookup ON search_string (resource_type, param, value text_pattern_ops);
CREATE INDEX search_string_owner ON search_string (resource_type, resource_id);

-- date parameters as the closed range they cover
CREATE TABLE search_date (
  resource_type text NOT NULL,
  resource_id text NOT NULL,
  param text NOT NULL,
  low timestamptz NOT NULL,
  high timestamptz NOT NULL
);
CREATE INDEX search_date_lookup ON search_date (resource_type, param, low);
CREATE INDEX search_date_owner ON search_date (resource_type, resource_id);
