-- The feedback results' figures without reading the answers (decision 039). A manager's
-- results page (`/api/feedback/results`: the answers, the recommendation groups and each
-- statement's answer codes of a unit, service and months) read every answer's document: 2.2 s
-- over a 200 000-resident year's 69 451 answers. It now counts:
--   feedback_fact.service: the service the answer's context names (the first, as the filter
--     read it), beside the unit and month migration 043 keeps;
--   feedback_statement_fact: one row per answer and statement it answered with a code (the
--     answer's last item for that statement, as the figures read it).
-- Kept by feedback_fact's own statement triggers on resource (migration 043) in the write's
-- own statement, built for the answers already stored, rebuilt by a restore. A unit's feedback person, who
-- also reads the free texts, still reads the documents of that unit's answers.

ALTER TABLE feedback_fact ADD COLUMN service text;

CREATE OR REPLACE FUNCTION ovi_feedback_fact_of(id text, c jsonb) RETURNS SETOF feedback_fact LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT id,
       split_part(c ->> 'questionnaire', '|', 1),
       left(jsonb_path_query_first(c, '$.extension[*] ? (@.url == "https://fhir.ovi.fi/StructureDefinition/feedback-context").extension[*] ? (@.url == "month").valueDate') #>> '{}', 7),
       jsonb_path_query_first(c, '$.extension[*] ? (@.url == "https://fhir.ovi.fi/StructureDefinition/feedback-context").extension[*] ? (@.url == "unit").valueReference.reference') #>> '{}',
       jsonb_path_query_first(c, '$.extension[*] ? (@.url == "https://fhir.ovi.fi/StructureDefinition/feedback-context").extension[*] ? (@.url == "profession").valueCoding.code') #>> '{}',
       (SELECT CASE WHEN i #>> '{answer,0,valueInteger}' ~ '^-?[0-9]{1,9}$' THEN (i #>> '{answer,0,valueInteger}')::int END
          FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c -> 'item') = 'array' THEN c -> 'item' ELSE '[]' END) i
         WHERE i ->> 'linkId' = 'recommend' LIMIT 1),
       jsonb_path_query_first(c, '$.extension[*] ? (@.url == "https://fhir.ovi.fi/StructureDefinition/feedback-context").extension[*] ? (@.url == "service").valueCoding.code') #>> '{}'
 WHERE c @> '{"extension": [{"url": "https://fhir.ovi.fi/StructureDefinition/feedback-context"}]}'
$$;

UPDATE feedback_fact f SET service = x.service
  FROM resource r CROSS JOIN LATERAL ovi_feedback_fact_of(r.id, r.content) x
 WHERE r.resource_type = 'QuestionnaireResponse' AND r.id = f.response_id AND x.service IS NOT NULL;

CREATE TABLE feedback_statement_fact (
  response_id text NOT NULL,
  statement text NOT NULL,
  code text NOT NULL,
  PRIMARY KEY (response_id, statement)
);

-- An item whose linkId is 'statement-' and an id, with a code as its first answer; the last
-- such item of a statement counts (the figures read the items in order and keep the last).
CREATE FUNCTION ovi_feedback_statements_of(id text, c jsonb) RETURNS SETOF feedback_statement_fact LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT DISTINCT ON (substr(i.v ->> 'linkId', 11)) id, substr(i.v ->> 'linkId', 11), i.v #>> '{answer,0,valueCoding,code}'
  FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c -> 'item') = 'array' THEN c -> 'item' ELSE '[]' END) WITH ORDINALITY AS i(v, n)
 WHERE c @> '{"extension": [{"url": "https://fhir.ovi.fi/StructureDefinition/feedback-context"}]}'
   AND starts_with(i.v ->> 'linkId', 'statement-') AND COALESCE(i.v #>> '{answer,0,valueCoding,code}', '') <> ''
 ORDER BY substr(i.v ->> 'linkId', 11), i.n DESC
$$;

-- The answers' triggers of migration 043 keep both facts now (one pass over a statement's rows).
CREATE OR REPLACE FUNCTION ovi_feedback_fact_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows WHERE resource_type = 'QuestionnaireResponse') THEN
    DELETE FROM feedback_fact WHERE response_id IN (SELECT id FROM new_rows WHERE resource_type = 'QuestionnaireResponse')
    ; DELETE FROM feedback_statement_fact WHERE response_id IN (SELECT id FROM new_rows WHERE resource_type = 'QuestionnaireResponse')
    ; INSERT INTO feedback_fact SELECT f.* FROM new_rows r CROSS JOIN LATERAL ovi_feedback_fact_of(r.id, r.content) f WHERE r.resource_type = 'QuestionnaireResponse'
    ; INSERT INTO feedback_statement_fact SELECT f.* FROM new_rows r CROSS JOIN LATERAL ovi_feedback_statements_of(r.id, r.content) f WHERE r.resource_type = 'QuestionnaireResponse'
    ; END IF; RETURN NULL; END
$$;

CREATE OR REPLACE FUNCTION ovi_feedback_fact_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM feedback_fact WHERE response_id IN (SELECT id FROM old_rows WHERE resource_type = 'QuestionnaireResponse')
  ; DELETE FROM feedback_statement_fact WHERE response_id IN (SELECT id FROM old_rows WHERE resource_type = 'QuestionnaireResponse')
  ; RETURN NULL; END
$$;

CREATE OR REPLACE FUNCTION ovi_feedback_fact_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN DELETE FROM feedback_fact; DELETE FROM feedback_statement_fact; RETURN NULL; END
$$;

INSERT INTO feedback_statement_fact SELECT f.* FROM resource r CROSS JOIN LATERAL ovi_feedback_statements_of(r.id, r.content) f WHERE r.resource_type = 'QuestionnaireResponse';
ANALYZE feedback_fact;
ANALYZE feedback_statement_fact;
