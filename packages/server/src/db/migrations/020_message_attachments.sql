-- Attachments of secure messages (POST /fhir/R4/Binary): the file's bytes, its type as read
-- from the content (never the sender's claim), who uploaded it, and the message it belongs to.
-- Until a message names it (communication_id NULL) only its uploader may read it; once sent it
-- is read with the same access as the message (Binary.securityContext). Kept out of the
-- resource table so that a 10 MB photo is not copied into the version history and search index.
CREATE TABLE message_attachment (
  id text PRIMARY KEY,
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  size integer NOT NULL CHECK (size > 0 AND size <= 10485760),
  data bytea NOT NULL,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  communication_id text
);

-- An uploader's files not yet sent (the per-person limit, and clearing old unsent uploads).
CREATE INDEX message_attachment_unsent ON message_attachment (uploaded_by, uploaded_at) WHERE communication_id IS NULL;
