/**
 * What the social worker records on a notice: the urgency assessment the law asks for the same
 * day, and the decision that follows it. A child-welfare notification: whether a child-welfare
 * investigation starts (LSL 417/2007 26 §); a social-welfare contact: whether a service-need
 * assessment starts (SHL 1301/2014 36 §); an application: the assessment starts, or it is
 * handled without one. Each decision meets one of the notice's dated limits; whether it was
 * met is measured from when it was recorded, never from what anyone typed.
 */
import { URGENCIES, type Urgency } from '../types';
import type { NoticeDeadline, NoticeDeadlineCode, NoticeKind } from './noticeDeadlines';
import type { NoticeIssue } from './noticeDraft';

export const NOTICE_DECISIONS = {
  'child-welfare-notification': ['investigation-started', 'no-investigation'],
  'social-welfare-contact': ['assessment-started', 'no-assessment'],
  application: ['assessment-started', 'handled'],
} as const satisfies Record<NoticeKind, readonly string[]>;
export type NoticeDecisionCode = (typeof NOTICE_DECISIONS)[NoticeKind][number];

/** The limit each kind's decision meets. */
export const DECISION_MEETS: Record<NoticeKind, NoticeDeadlineCode> = {
  'child-welfare-notification': 'investigation-decision',
  'social-welfare-contact': 'assessment-start',
  application: 'assessment-start',
};

/** Urgencies a social worker assesses a notice to (self-care is a health-care answer, not a notice's). */
export const NOTICE_URGENCIES = URGENCIES.filter((u) => u !== 'self-care') as Exclude<Urgency, 'self-care'>[];

export const NOTE_MAX = 2000;

export interface UrgencyAssessmentInput {
  urgency: Urgency;
  note?: string;
}

export interface NoticeDecisionInput {
  decision: NoticeDecisionCode;
  /** Required when the urgency has not been assessed yet: deciding is then also the assessment. */
  urgency?: Urgency;
  note?: string;
}

type Parsed<T> = { value?: T; issues: NoticeIssue[] };

function object(body: unknown, known: string[], issues: NoticeIssue[]): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    issues.push({ field: '', message: 'Send a JSON object' });
    return {};
  }
  const o = body as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!known.includes(k)) issues.push({ field: k.slice(0, 40), message: `Unknown field '${k.slice(0, 40)}'` });
  return o;
}

function urgencyOf(v: unknown, issues: NoticeIssue[], required: boolean): Urgency | undefined {
  if (v === undefined && !required) return undefined;
  if (typeof v === 'string' && (NOTICE_URGENCIES as string[]).includes(v)) return v as Urgency;
  issues.push({ field: 'urgency', message: v === undefined ? 'urgency is required: the urgency of this notice has not been assessed yet' : `urgency must be one of ${NOTICE_URGENCIES.join(', ')}` });
  return undefined;
}

function noteOf(v: unknown, issues: NoticeIssue[]): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') issues.push({ field: 'note', message: 'note must be text' });
  else if (v.length > NOTE_MAX) issues.push({ field: 'note', message: `note is longer than ${NOTE_MAX} characters` });
  else return v.trim() || undefined;
  return undefined;
}

/** `{urgency, note?}`: the same-day urgency assessment. */
export function parseUrgencyAssessment(body: unknown): Parsed<UrgencyAssessmentInput> {
  const issues: NoticeIssue[] = [];
  const o = object(body, ['urgency', 'note'], issues);
  const urgency = urgencyOf(o.urgency, issues, true);
  const note = noteOf(o.note, issues);
  return issues.length > 0 || !urgency ? { issues } : { value: { urgency, ...(note ? { note } : {}) }, issues };
}

/** `{decision, urgency?, note?}` for a notice of `kind`; `urgency` is required while `assessed` is false. */
export function parseNoticeDecision(body: unknown, kind: NoticeKind, assessed: boolean): Parsed<NoticeDecisionInput> {
  const issues: NoticeIssue[] = [];
  const o = object(body, ['decision', 'urgency', 'note'], issues);
  const allowed: readonly string[] = NOTICE_DECISIONS[kind];
  const decision = typeof o.decision === 'string' && allowed.includes(o.decision) ? (o.decision as NoticeDecisionCode) : undefined;
  if (!decision) issues.push({ field: 'decision', message: `decision must be one of ${allowed.join(', ')} for a ${kind}` });
  const urgency = urgencyOf(o.urgency, issues, !assessed);
  const note = noteOf(o.note, issues);
  if (issues.length > 0 || !decision) return { issues };
  return { value: { decision, ...(urgency ? { urgency } : {}), ...(note ? { note } : {}) }, issues };
}

export type DeadlineOutcome = NoticeDeadline & { done?: boolean; met?: boolean; doneAt?: string };

/**
 * The deadlines with what has been done against them: the urgency assessment by `assessedAt`,
 * the decision's limit by `decidedAt`. `met` only where the limit has a date; a limit still
 * open stays as it was.
 */
export function deadlineOutcomes(kind: NoticeKind, deadlines: NoticeDeadline[], done: { assessedAt?: string; decidedAt?: string }): DeadlineOutcome[] {
  const meets = DECISION_MEETS[kind];
  return deadlines.map((d) => {
    const at = d.code === 'urgency-assessment' ? done.assessedAt : d.code === meets ? done.decidedAt : undefined;
    if (!at) return d;
    return { ...d, done: true, doneAt: at, ...(d.due ? { met: Date.parse(at) <= Date.parse(d.due) } : {}) };
  });
}
