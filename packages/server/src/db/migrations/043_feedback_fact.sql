-- The feedback answers' figure fact (decision 037): one row per client-feedback answer (a
-- QuestionnaireResponse carrying the feedback-context extension), with what the net promoter
-- score is counted from: its questionnaire, the context's month, unit and profession, and the
-- 0–10 recommendation. Counting them read every answer's document (2.5 s over a 200 000-resident
-- year's 69 283 answers). Like the other figure facts (migration 041) it is derived from the
-- resource alone, by statement triggers on resource in the same transaction, and rebuilt by a
-- restore as the resources go in. An answer never names the resident, and neither does this.

CREATE TABLE feedback_fact (
  response_id text PRIMARY KEY,
  -- The canonical URL without its version.
  questionnaire text NOT NULL,
  -- YYYY-MM of the visit or contact the answer is about (the context's month).
  month text,
  -- What the context names as the unit (a Location or an Organization), as the answer has it.
  named_unit text,
  profession text,
  recommend int
);
CREATE INDEX feedback_fact_month ON feedback_fact (questionnaire, month);

-- The context's parts are read as the figures read them before (the first match of each).
CREATE FUNCTION ovi_feedback_fact_of(id text, c jsonb) RETURNS SETOF feedback_fact LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT id,
       split_part(c ->> 'questionnaire', '|', 1),
       left(jsonb_path_query_first(c, '$.extension[*] ? (@.url == "https://fhir.ovi.fi/StructureDefinition/feedback-context").extension[*] ? (@.url == "month").valueDate') #>> '{}', 7),
       jsonb_path_query_first(c, '$.extension[*] ? (@.url == "https://fhir.ovi.fi/StructureDefinition/feedback-context").extension[*] ? (@.url == "unit").valueReference.reference') #>> '{}',
       jsonb_path_query_first(c, '$.extension[*] ? (@.url == "https://fhir.ovi.fi/StructureDefinition/feedback-context").extension[*] ? (@.url == "profession").valueCoding.code') #>> '{}',
       -- The first answer to the recommendation item; a value that is no whole number counts as none
       -- (R4 refuses one before it is stored; a figure fact never fails a write).
       (SELECT CASE WHEN i #>> '{answer,0,valueInteger}' ~ '^-?[0-9]{1,9}$' THEN (i #>> '{answer,0,valueInteger}')::int END
          FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c -> 'item') = 'array' THEN c -> 'item' ELSE '[]' END) i
         WHERE i ->> 'linkId' = 'recommend' LIMIT 1)
 WHERE c @> '{"extension": [{"url": "https://fhir.ovi.fi/StructureDefinition/feedback-context"}]}'
$$;

CREATE FUNCTION ovi_feedback_fact_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows WHERE resource_type = 'QuestionnaireResponse') THEN
    DELETE FROM feedback_fact WHERE response_id IN (SELECT id FROM new_rows WHERE resource_type = 'QuestionnaireResponse')
    ; INSERT INTO feedback_fact SELECT f.* FROM new_rows r CROSS JOIN LATERAL ovi_feedback_fact_of(r.id, r.content) f WHERE r.resource_type = 'QuestionnaireResponse'
    ; END IF; RETURN NULL; END
$$;

CREATE FUNCTION ovi_feedback_fact_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN DELETE FROM feedback_fact WHERE response_id IN (SELECT id FROM old_rows WHERE resource_type = 'QuestionnaireResponse'); RETURN NULL; END
$$;

CREATE FUNCTION ovi_feedback_fact_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN DELETE FROM feedback_fact; RETURN NULL; END
$$;

CREATE TRIGGER resource_feedback_fact_added AFTER INSERT ON resource REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_feedback_fact_sync();
CREATE TRIGGER resource_feedback_fact_changed AFTER UPDATE ON resource REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_feedback_fact_sync();
CREATE TRIGGER resource_feedback_fact_gone AFTER DELETE ON resource REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ovi_feedback_fact_forget();
CREATE TRIGGER resource_feedback_fact_cleared AFTER TRUNCATE ON resource FOR EACH STATEMENT EXECUTE FUNCTION ovi_feedback_fact_clear();

-- The answers already stored.
INSERT INTO feedback_fact SELECT f.* FROM resource r CROSS JOIN LATERAL ovi_feedback_fact_of(r.id, r.content) f WHERE r.resource_type = 'QuestionnaireResponse';
ANALYZE feedback_fact;
