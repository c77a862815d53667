-- Forms residents send without logging in (the help button, social-welfare and child-welfare
-- notices): accepted sendings per client address in a fixed one-hour window, shared by every
-- server process. Transient: rows older than their window are deleted, and backups leave the
-- table out (client addresses are personal data).
CREATE TABLE public_form_address (
  form text NOT NULL,
  address text NOT NULL,
  sent integer NOT NULL,
  window_started timestamptz NOT NULL,
  PRIMARY KEY (form, address)
);
CREATE INDEX public_form_address_window ON public_form_address (window_started);
