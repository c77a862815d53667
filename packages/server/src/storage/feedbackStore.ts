import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import type { FeedbackTally } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';

/** Where a survey came from, copied onto the answer: never the resident. */
export interface FeedbackContext {
  kind: 'visit' | 'contact';
  /** The contact's service (primary-care, …) or, for a visit booked without a contact, its visit type. */
  service?: string;
  /** `Location/…` (or the Organization) where the visit or the contact's closer works. */
  unit?: string;
  unitName?: string;
  profession?: string;
  /** Visit mode (on-site, phone, video) or the contact's channel (web-form, phone, …). */
  channel?: string;
  /** `YYYY-MM` of the visit or the closing of the contact. */
  month: string;
}

export interface FeedbackInvitationRow {
  id: string;
  visit: string;
  patient: string;
  context: FeedbackContext;
  created_at: Date;
  expires_at: Date;
  email_state: 'pending' | 'sent' | 'none';
  answered: boolean;
}

const COLUMNS = 'id, visit, patient, context, created_at, expires_at, email_state, answered';

/** Makes the survey of a visit; false when that visit already has one (a visit gets one survey). */
export async function insertInvitation(
  tx: SqlExecutor,
  row: { id: string; visit: string; patient: string; context: FeedbackContext; createdAt: Date; expiresAt: Date },
): Promise<boolean> {
  const r = await tx.query(
    `INSERT INTO feedback_invitation (id, visit, patient, context, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (visit) DO NOTHING`,
    [row.id, row.visit, row.patient, JSON.stringify(row.context), row.createdAt.toISOString(), row.expiresAt.toISOString()],
  );
  return r.rowCount > 0;
}

/** Invitations whose e-mail is still to be sent (any process may send them; each is claimed once). */
export async function unsentInvitations(db: SqlExecutor, limit = 100): Promise<FeedbackInvitationRow[]> {
  const r = await db.query<FeedbackInvitationRow>(`SELECT ${COLUMNS} FROM feedback_invitation WHERE email_state = 'pending' ORDER BY created_at LIMIT $1`, [limit]);
  return r.rows;
}

/**
 * Claims an invitation's e-mail: with a token hash it becomes `sent` (its link is that token),
 * without one `none` (no address). False when another process claimed it first.
 */
export async function claimInvitationEmail(db: SqlExecutor, id: string, tokenHash: string | undefined): Promise<boolean> {
  const r = await db.query(
    `UPDATE feedback_invitation SET email_state = $2, token_hash = COALESCE($3, token_hash) WHERE id = $1 AND email_state = 'pending'`,
    [id, tokenHash ? 'sent' : 'none', tokenHash ?? null],
  );
  return r.rowCount > 0;
}

export async function invitationByTokenHash(db: SqlExecutor, tokenHash: string): Promise<FeedbackInvitationRow | undefined> {
  const r = await db.query<FeedbackInvitationRow>(`SELECT ${COLUMNS} FROM feedback_invitation WHERE token_hash = $1`, [tokenHash]);
  return r.rows[0];
}

export async function invitationById(db: SqlExecutor, id: string): Promise<FeedbackInvitationRow | undefined> {
  const r = await db.query<FeedbackInvitationRow>(`SELECT ${COLUMNS} FROM feedback_invitation WHERE id = $1`, [id]);
  return r.rows[0];
}

/** The resident's open surveys (not answered, not expired), newest first. */
export async function openInvitationsOf(db: SqlExecutor, patients: readonly string[], now: Date): Promise<FeedbackInvitationRow[]> {
  const r = await db.query<FeedbackInvitationRow>(
    `SELECT ${COLUMNS} FROM feedback_invitation WHERE patient = ANY($1) AND NOT answered AND expires_at > $2 ORDER BY created_at DESC LIMIT 50`,
    [patients, now.toISOString()],
  );
  return r.rows;
}

/**
 * Closes an open invitation; false when it was answered or expired meanwhile. Run in the
 * answer's transaction: the row lock makes a second answer at the same moment wait and then
 * find it closed, so exactly one answer is stored.
 */
export async function closeInvitation(tx: SqlExecutor, id: string, now: Date): Promise<boolean> {
  const r = await tx.query('UPDATE feedback_invitation SET answered = true WHERE id = $1 AND NOT answered AND expires_at > $2', [id, now.toISOString()]);
  return r.rowCount > 0;
}

const CONTEXT_URL = 'https://fhir.ovi.fi/StructureDefinition/feedback-context';
const part = (name: string, value: string) => `jsonb_path_query_first(content, '$.extension[*] ? (@.url == "${CONTEXT_URL}").extension[*] ? (@.url == "${name}").${value}') #>> '{}'`;

export interface FeedbackFilter {
  unit?: string;
  service?: string;
  /** Whole months `YYYY-MM`, inclusive. */
  from?: string;
  to?: string;
}

/** The stored feedback answers in a selection, with what the unit's person did with their free texts. */
export async function feedbackAnswers(
  db: SqlExecutor,
  questionnaire: string,
  filter: FeedbackFilter,
): Promise<Array<{ response: QuestionnaireResponse & { id: string }; handling: FeedbackHandlingRow | null }>> {
  const r = await db.query<{ content: QuestionnaireResponse & { id: string }; handled_at: Date | null; handled_by: string | null; reply_text: string | null; replied_at: Date | null; replied_by: string | null }>(
    `SELECT r.content, h.handled_at, h.handled_by, h.reply_text, h.replied_at, h.replied_by
       FROM (SELECT content,
                    ${part('unit', 'valueReference.reference')} AS unit,
                    ${part('service', 'valueCoding.code')} AS service,
                    ${part('month', 'valueDate')} AS month
               FROM resource
              WHERE resource_type = 'QuestionnaireResponse' AND split_part(content->>'questionnaire', '|', 1) = $1) r
       LEFT JOIN feedback_handling h ON h.response_id = r.content->>'id'
      WHERE ($2::text IS NULL OR r.unit = $2) AND ($3::text IS NULL OR r.service = $3)
        -- A full date stands for its month, as in the counts below.
        AND ($4::text IS NULL OR left(r.month, 7) >= $4) AND ($5::text IS NULL OR left(r.month, 7) <= $5)
      ORDER BY r.month DESC, r.content->>'id'`,
    [questionnaire, filter.unit ?? null, filter.service ?? null, filter.from ?? null, filter.to ?? null],
  );
  return r.rows.map((row) => ({
    response: row.content,
    handling: row.handled_at || row.replied_at ? { handledAt: row.handled_at, handledBy: row.handled_by, replyText: row.reply_text, repliedAt: row.replied_at, repliedBy: row.replied_by } : null,
  }));
}

/**
 * The same answers' figures counted in the database, no document read (migrations 043 and
 * 045, decision 039): how many answers, how many gave each recommendation score (none counts as
 * 0, as in the figures) and each statement's answer codes.
 */
export async function feedbackTally(db: SqlExecutor, questionnaire: string, filter: FeedbackFilter): Promise<FeedbackTally> {
  const r = await db.query<{ part: 'answers' | 'recommend' | 'statement'; statement: string | null; key: string | null; n: number }>(
    `WITH a AS (
       SELECT response_id, COALESCE(recommend, 0) AS recommend FROM feedback_fact
        WHERE questionnaire = $1 AND ($2::text IS NULL OR named_unit = $2) AND ($3::text IS NULL OR service = $3)
          AND ($4::text IS NULL OR month >= $4) AND ($5::text IS NULL OR month <= $5)
     )
     SELECT 'answers' AS part, NULL AS statement, NULL AS key, count(*)::int AS n FROM a
     UNION ALL SELECT 'recommend', NULL, recommend::text, count(*)::int FROM a GROUP BY recommend
     UNION ALL SELECT 'statement', s.statement, s.code, count(*)::int FROM a JOIN feedback_statement_fact s USING (response_id) GROUP BY s.statement, s.code`,
    [questionnaire, filter.unit ?? null, filter.service ?? null, filter.from ?? null, filter.to ?? null],
  );
  const statements: Record<string, Record<string, number>> = {};
  const recommend: Array<{ score: number; n: number }> = [];
  let answers = 0;
  for (const row of r.rows) {
    if (row.part === 'answers') answers = Number(row.n);
    else if (row.part === 'recommend') recommend.push({ score: Number(row.key), n: Number(row.n) });
    else (statements[row.statement as string] ??= {})[row.key as string] = Number(row.n);
  }
  return { answers, recommend, statements };
}

export interface FeedbackHandlingRow {
  handledAt: Date | null;
  handledBy: string | null;
  replyText: string | null;
  repliedAt: Date | null;
  repliedBy: string | null;
}

export async function feedbackHandling(db: SqlExecutor, responseId: string): Promise<FeedbackHandlingRow | undefined> {
  const r = await db.query<{ handled_at: Date | null; handled_by: string | null; reply_text: string | null; replied_at: Date | null; replied_by: string | null }>(
    'SELECT handled_at, handled_by, reply_text, replied_at, replied_by FROM feedback_handling WHERE response_id = $1',
    [responseId],
  );
  const row = r.rows[0];
  return row ? { handledAt: row.handled_at, handledBy: row.handled_by, replyText: row.reply_text, repliedAt: row.replied_at, repliedBy: row.replied_by } : undefined;
}

/** Marks a free text handled (the first mark stands). */
export async function markHandled(db: SqlExecutor, responseId: string, by: string, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO feedback_handling (response_id, handled_at, handled_by) VALUES ($1, $2, $3)
     ON CONFLICT (response_id) DO UPDATE SET handled_at = COALESCE(feedback_handling.handled_at, EXCLUDED.handled_at), handled_by = COALESCE(feedback_handling.handled_by, EXCLUDED.handled_by)`,
    [responseId, at.toISOString(), by],
  );
}

/** Records the one reply to a free text (which also handles it); false when it was replied to already. */
export async function recordReply(db: SqlExecutor, responseId: string, by: string, text: string, at: Date): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO feedback_handling (response_id, handled_at, handled_by, reply_text, replied_at, replied_by) VALUES ($1, $4, $2, $3, $4, $2)
     ON CONFLICT (response_id) DO UPDATE SET reply_text = EXCLUDED.reply_text, replied_at = EXCLUDED.replied_at, replied_by = EXCLUDED.replied_by,
       handled_at = COALESCE(feedback_handling.handled_at, EXCLUDED.handled_at), handled_by = COALESCE(feedback_handling.handled_by, EXCLUDED.handled_by)
     WHERE feedback_handling.replied_at IS NULL`,
    [responseId, by, text, at.toISOString()],
  );
  return r.rowCount > 0;
}

/** Takes back a reply whose e-mail could not be sent, so it can be sent again. */
export async function withdrawReply(db: SqlExecutor, responseId: string): Promise<void> {
  await db.query('UPDATE feedback_handling SET reply_text = NULL, replied_at = NULL, replied_by = NULL WHERE response_id = $1', [responseId]);
}
