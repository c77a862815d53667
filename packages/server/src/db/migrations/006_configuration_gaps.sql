-- A contact for which no care-guarantee rule fitted: the strictest limit was applied instead,
-- and the gap is kept here, one row per kind of gap, for the administrator to close.
CREATE TABLE configuration_gap (
  service text NOT NULL,
  urgency text NOT NULL,
  age_band text NOT NULL,
  first_seen timestamptz NOT NULL DEFAULT now(),
  last_seen timestamptz NOT NULL DEFAULT now(),
  occurrences integer NOT NULL DEFAULT 1,
  PRIMARY KEY (service, urgency, age_band)
);
