/**
 * A resident's answer to the feedback survey, checked against the survey (pure). Anything the
 * survey does not ask is refused, so nothing unexpected is ever stored.
 */
import { answerCodes, type FeedbackSurvey } from './feedbackSurvey';
import { isRecord } from '../validation';

export const MAX_FREE_TEXT = 2000;
const MAX_NAME = 100;
/** A plain address check: something@host.tld, no spaces; the reply itself proves it. */
const EMAIL = /^[^\s@<>()",;]{1,64}@[^\s@<>()",;]{1,190}\.[A-Za-z]{2,}$/;

export interface FeedbackAnswer {
  /** Likelihood to recommend, 0–10. */
  recommend: number;
  /** Statement id → answer code (a scale code or `dont-know`); skipped statements are absent. */
  statements: Record<string, string>;
  freeText?: string;
  /** Only when the resident chose to leave it for a reply. */
  contact?: { email: string; name?: string };
}

export type AnswerCheck = { ok: true; answer: FeedbackAnswer } | { ok: false; problems: string[] };

/** Checks an answer body: recommend required (whole 0–10), statements optional, texts bounded. */
export function checkFeedbackAnswer(survey: FeedbackSurvey, body: unknown): AnswerCheck {
  const problems: string[] = [];
  if (!isRecord(body)) return { ok: false, problems: ['the answer must be a JSON object'] };
  for (const key of Object.keys(body)) if (!['recommend', 'statements', 'freeText', 'contact'].includes(key)) problems.push(`${key}: unknown property`);
  const recommend = body.recommend;
  if (typeof recommend !== 'number' || !Number.isInteger(recommend) || recommend < 0 || recommend > 10) {
    problems.push('recommend: required, a whole number from 0 to 10');
  }
  const statements: Record<string, string> = {};
  if (body.statements !== undefined) {
    if (!isRecord(body.statements)) problems.push('statements: must be an object of statement id → answer code');
    else {
      const ids = new Set(survey.statements.map((s) => s.id));
      const codes = answerCodes(survey);
      for (const [id, code] of Object.entries(body.statements)) {
        if (!ids.has(id)) problems.push(`statements.${id}: no such statement in the survey`);
        else if (typeof code !== 'string' || !codes.includes(code)) problems.push(`statements.${id}: must be one of ${codes.join(', ')}`);
        else statements[id] = code;
      }
    }
  }
  let freeText: string | undefined;
  if (body.freeText !== undefined && body.freeText !== null) {
    if (typeof body.freeText !== 'string') problems.push('freeText: must be text');
    else if (body.freeText.length > MAX_FREE_TEXT) problems.push(`freeText: at most ${MAX_FREE_TEXT} characters`);
    else freeText = body.freeText.trim() || undefined;
  }
  let contact: FeedbackAnswer['contact'];
  if (body.contact !== undefined && body.contact !== null) {
    const c = body.contact;
    if (!isRecord(c)) problems.push('contact: must be an object with email (and name)');
    else {
      for (const key of Object.keys(c)) if (key !== 'email' && key !== 'name') problems.push(`contact.${key}: unknown property`);
      const email = typeof c.email === 'string' ? c.email.trim() : '';
      if (!EMAIL.test(email)) problems.push('contact.email: a valid e-mail address is needed for a reply');
      const name = c.name === undefined || c.name === null ? undefined : c.name;
      if (name !== undefined && (typeof name !== 'string' || name.length > MAX_NAME)) problems.push(`contact.name: text of at most ${MAX_NAME} characters`);
      if (problems.length === 0) contact = { email, ...(typeof name === 'string' && name.trim() ? { name: name.trim() } : {}) };
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, answer: { recommend: recommend as number, statements, ...(freeText ? { freeText } : {}), ...(contact ? { contact } : {}) } };
}
