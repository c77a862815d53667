-- String search folded as R4 describes (case, accents, NFC) with `:exact` and a Finnish/Swedish
-- sort key beside it; dates without a zone bounded in Helsinki time (decision 022).
-- The rows are computed in TypeScript, so every resource is queued here and re-indexed when
-- the server starts (storage/searchReindex.ts); the queue is empty afterwards.
ALTER TABLE search_string ADD COLUMN exact text;
ALTER TABLE search_string ADD COLUMN sort_key text;
CREATE INDEX search_string_exact ON search_string (resource_type, param, exact);
CREATE TABLE search_reindex_pending (
  resource_type text NOT NULL,
  resource_id text NOT NULL,
  PRIMARY KEY (resource_type, resource_id)
);
INSERT INTO search_reindex_pending (resource_type, resource_id) SELECT resource_type, id FROM resource;
