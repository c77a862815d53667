import type { Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import type { SqlExecutor } from '../db/database';

/** The newest active Questionnaire with this canonical URL, if any is stored. */
export async function activeQuestionnaire(db: SqlExecutor, url: string): Promise<Questionnaire | undefined> {
  const r = await db.query<{ content: Questionnaire }>(
    `SELECT content FROM resource WHERE resource_type = 'Questionnaire' AND content->>'url' = $1 AND content->>'status' = 'active'
      ORDER BY last_updated DESC LIMIT 1`,
    [url],
  );
  return r.rows[0]?.content;
}

/** The latest responses to a questionnaire (any of its versions) with their subject's birth date (for a dry run of routing rules). */
export async function latestResponses(db: SqlExecutor, questionnaireUrl: string, limit: number): Promise<Array<{ id: string; response: QuestionnaireResponse; birthDate?: string }>> {
  const r = await db.query<{ id: string; response: QuestionnaireResponse; birth_date: string | null }>(
    `SELECT q.id, q.content AS response, p.content->>'birthDate' AS birth_date
       FROM resource q
       LEFT JOIN resource p ON p.resource_type = 'Patient' AND p.id = substring(q.content->'subject'->>'reference' FROM '^Patient/(.+)$')
      WHERE q.resource_type = 'QuestionnaireResponse' AND split_part(q.content->>'questionnaire', '|', 1) = $1
      ORDER BY q.last_updated DESC LIMIT $2`,
    [questionnaireUrl, limit],
  );
  return r.rows.map((row) => ({ id: row.id, response: row.response, ...(row.birth_date ? { birthDate: row.birth_date } : {}) }));
}

/**
 * A questionnaire as it was at `version` (any of the resources with this URL), with when the
 * next version replaced it (absent while it is the current one).
 */
export async function questionnaireVersion(db: SqlExecutor, url: string, version: string): Promise<{ questionnaire: Questionnaire; supersededAt?: Date } | undefined> {
  const r = await db.query<{ content: Questionnaire; superseded_at: Date | string | null }>(
    `SELECT h.content,
            (SELECT min(n.last_updated) FROM resource_history n
              WHERE n.resource_type = 'Questionnaire' AND n.id = h.id AND n.version_id > h.version_id) AS superseded_at
       FROM resource_history h
      WHERE h.resource_type = 'Questionnaire' AND h.content->>'url' = $1 AND h.content->>'version' = $2
      ORDER BY h.last_updated DESC LIMIT 1`,
    [url, version],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  return { questionnaire: row.content, ...(row.superseded_at ? { supersededAt: new Date(row.superseded_at) } : {}) };
}
