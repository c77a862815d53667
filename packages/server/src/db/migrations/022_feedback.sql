-- Client feedback after a realised visit or a closed contact (decision 015).
--
-- feedback_invitation: one survey per visit (or closed contact), made in the same transaction as
-- the outcome. It knows the resident (for the portal's pending list and the e-mail) but holds
-- no answer: `answered` only closes it. The link's token is stored as its SHA-256 hash.
CREATE TABLE feedback_invitation (
  id text PRIMARY KEY,
  visit text NOT NULL UNIQUE,
  patient text NOT NULL,
  context jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  token_hash text UNIQUE,
  email_state text NOT NULL DEFAULT 'pending' CHECK (email_state IN ('pending', 'sent', 'none')),
  answered boolean NOT NULL DEFAULT false
);
CREATE INDEX feedback_invitation_patient ON feedback_invitation (patient) WHERE NOT answered;
CREATE INDEX feedback_invitation_unsent ON feedback_invitation (created_at) WHERE email_state = 'pending';

-- The answers are QuestionnaireResponses in `resource` with no link to the invitation or the
-- resident. What the unit's feedback person did with a free text: handled, and the reply sent
-- to the address the resident left.
CREATE TABLE feedback_handling (
  response_id text PRIMARY KEY,
  handled_at timestamptz,
  handled_by text,
  reply_text text,
  replied_at timestamptz,
  replied_by text
);
