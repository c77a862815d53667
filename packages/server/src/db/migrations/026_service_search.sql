-- The service finder (GET /api/services/search): the catalogue's HealthcareServices as
-- PostgreSQL full-text documents in Finnish, Swedish and English, plus their words for
-- trigram similarity (pg_trgm: typos such as "perheneuvla" still find "Perheneuvola").
--
-- service_search is derived from the HealthcareService resources alone and kept in step by
-- triggers on resource, in the same statement as every write (the demo seed, an admin's FHIR
-- PUT, a restore), like work_item (migration 008). It is not in a backup: a restore rebuilds it.
--
-- (Migrations are split at semicolons that end a line: function bodies keep theirs mid-line.)
-- Texts: Finnish is the base language of name, comment and extraDetails; Swedish and English
-- come from the standard translation extension (_name, _comment, _extraDetails). A language
-- without a translation falls back to the Finnish text, so every service can be found in all three.
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it; it ships in
-- Debian's postgresql package and in PGlite (loaded by db/pgliteDatabase.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE service_search (
  service_id text PRIMARY KEY,
  active boolean NOT NULL,
  -- municipality codes covered (urn:oid:1.2.246.537.6.21); empty: the whole region
  municipalities text[] NOT NULL,
  age_low integer,
  age_high integer,
  doc_fi tsvector NOT NULL,
  doc_sv tsvector NOT NULL,
  doc_en tsvector NOT NULL,
  -- names in every language, lower-cased (trigram similarity of a name)
  names text NOT NULL,
  -- all the text in every language, lower-cased (trigram similarity of a need word)
  body text NOT NULL
);

CREATE INDEX service_search_fi ON service_search USING gin (doc_fi);
CREATE INDEX service_search_sv ON service_search USING gin (doc_sv);
CREATE INDEX service_search_en ON service_search USING gin (doc_en);
CREATE INDEX service_search_names ON service_search USING gin (names gin_trgm_ops);
CREATE INDEX service_search_body ON service_search USING gin (body gin_trgm_ops);

-- One translation of a primitive's element (the _name of a resource), else NULL.
CREATE FUNCTION ovi_translation(element jsonb, lang text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT c ->> 'valueString'
  FROM jsonb_array_elements(COALESCE(element -> 'extension', '[]'::jsonb)) t
  CROSS JOIN LATERAL jsonb_array_elements(COALESCE(t -> 'extension', '[]'::jsonb)) c
 WHERE t ->> 'url' = 'http://hl7.org/fhir/StructureDefinition/translation'
   AND c ->> 'url' = 'content'
   AND EXISTS (SELECT 1 FROM jsonb_array_elements(t -> 'extension') l WHERE l ->> 'url' = 'lang' AND (l ->> 'valueCode' = lang OR l ->> 'valueCode' LIKE lang || '-%'))
 LIMIT 1
$$;

-- A field of the service in a language: its translation, else the base (Finnish) text.
CREATE FUNCTION ovi_service_text(c jsonb, field text, lang text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT COALESCE(CASE WHEN lang = 'fi' THEN NULL ELSE ovi_translation(c -> ('_' || field), lang) END, c ->> field, '')
$$;

-- The kinds of help (type texts) and the provider's name, in every language's document.
CREATE FUNCTION ovi_service_labels(c jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT concat_ws(' ', c #>> '{providedBy,display}',
       (SELECT string_agg(COALESCE(t ->> 'text', t #>> '{coding,0,display}', ''), ' ') FROM jsonb_array_elements(COALESCE(c -> 'type', '[]'::jsonb)) t))
$$;

CREATE FUNCTION ovi_service_document(c jsonb, lang text, config regconfig) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT setweight(to_tsvector(config, ovi_service_text(c, 'name', lang)), 'A')
    || setweight(to_tsvector(config, ovi_service_text(c, 'comment', lang)), 'B')
    || setweight(to_tsvector(config, ovi_service_text(c, 'extraDetails', lang) || ' ' || ovi_service_labels(c)), 'C')
$$;

CREATE FUNCTION ovi_service_search_of(id text, c jsonb) RETURNS SETOF service_search LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT id,
       COALESCE((c ->> 'active')::boolean, true),
       ARRAY(SELECT e #>> '{valueCoding,code}' FROM jsonb_array_elements(COALESCE(c -> 'extension', '[]'::jsonb)) e
              WHERE e ->> 'url' = 'https://hl7.fi/fhir/finnish-base-profiles/StructureDefinition/municipality-code' AND e #>> '{valueCoding,code}' IS NOT NULL),
       (SELECT LEAST(GREATEST(floor((e #>> '{valueRange,low,value}')::numeric), 0), 200)::integer FROM jsonb_array_elements(COALESCE(c -> 'extension', '[]'::jsonb)) e
         WHERE e ->> 'url' = 'https://fhir.ovi.fi/StructureDefinition/service-age-range' AND jsonb_typeof(e #> '{valueRange,low,value}') = 'number' LIMIT 1),
       (SELECT LEAST(GREATEST(floor((e #>> '{valueRange,high,value}')::numeric), 0), 200)::integer FROM jsonb_array_elements(COALESCE(c -> 'extension', '[]'::jsonb)) e
         WHERE e ->> 'url' = 'https://fhir.ovi.fi/StructureDefinition/service-age-range' AND jsonb_typeof(e #> '{valueRange,high,value}') = 'number' LIMIT 1),
       ovi_service_document(c, 'fi', 'finnish'),
       ovi_service_document(c, 'sv', 'swedish'),
       ovi_service_document(c, 'en', 'english'),
       lower(concat_ws(' | ', ovi_service_text(c, 'name', 'fi'), ovi_service_text(c, 'name', 'sv'), ovi_service_text(c, 'name', 'en'))),
       lower(concat_ws(' ', ovi_service_text(c, 'name', 'fi'), ovi_service_text(c, 'comment', 'fi'), ovi_service_text(c, 'extraDetails', 'fi'),
                       ovi_service_text(c, 'name', 'sv'), ovi_service_text(c, 'comment', 'sv'), ovi_service_text(c, 'extraDetails', 'sv'),
                       ovi_service_text(c, 'name', 'en'), ovi_service_text(c, 'comment', 'en'), ovi_service_text(c, 'extraDetails', 'en'),
                       ovi_service_labels(c)))
$$;

CREATE FUNCTION ovi_service_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO service_search SELECT * FROM ovi_service_search_of(NEW.id, NEW.content)
    ON CONFLICT (service_id) DO UPDATE SET active = EXCLUDED.active, municipalities = EXCLUDED.municipalities, age_low = EXCLUDED.age_low,
      age_high = EXCLUDED.age_high, doc_fi = EXCLUDED.doc_fi, doc_sv = EXCLUDED.doc_sv, doc_en = EXCLUDED.doc_en, names = EXCLUDED.names, body = EXCLUDED.body; RETURN NULL; END
$$;

CREATE FUNCTION ovi_service_search_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN DELETE FROM service_search WHERE service_id = OLD.id; RETURN NULL; END
$$;

CREATE FUNCTION ovi_service_search_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN DELETE FROM service_search; RETURN NULL; END
$$;

CREATE TRIGGER resource_service_search AFTER INSERT OR UPDATE ON resource FOR EACH ROW WHEN (NEW.resource_type = 'HealthcareService') EXECUTE FUNCTION ovi_service_search_sync();
CREATE TRIGGER resource_service_search_gone AFTER DELETE ON resource FOR EACH ROW WHEN (OLD.resource_type = 'HealthcareService') EXECUTE FUNCTION ovi_service_search_forget();
CREATE TRIGGER resource_service_search_cleared AFTER TRUNCATE ON resource FOR EACH STATEMENT EXECUTE FUNCTION ovi_service_search_clear();

-- The services already stored.
INSERT INTO service_search SELECT s.* FROM resource r CROSS JOIN LATERAL ovi_service_search_of(r.id, r.content) s WHERE r.resource_type = 'HealthcareService';
