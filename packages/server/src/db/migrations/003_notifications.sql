-- One row per message sent, so that several server processes never send the same reminder twice.
CREATE TABLE notification_sent (
  appointment_id text NOT NULL,
  kind text NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (appointment_id, kind)
);
