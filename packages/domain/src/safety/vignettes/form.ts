/** The contact form as a resident fills it in, turned into the answers triage reads. */
import type { AnswerMap } from '../../routingRules';
import type { Language, Urgency } from '../../types';
import type { Vignette } from './vignette';

/** The follow-up question each reason opens (contactQuestionnaire.ts). */
const FOLLOW_UP: Record<string, string> = { chest: 'chest-severe', 'low-mood': 'self-harm', 'back-pain': 'back-red-flags' };

export interface ContactForm {
  /** Danger signs ticked; none ticked means "none of these". */
  signs?: string[];
  reason: string;
  /** The answer to the reason's follow-up question, when it has one. */
  followUp?: boolean;
  duration: 'today' | 'days' | 'weeks' | 'months';
  severity?: number;
  description: string;
}

export function formAnswers(form: ContactForm): AnswerMap {
  const followUp = FOLLOW_UP[form.reason];
  return {
    'danger-signs': form.signs && form.signs.length > 0 ? [...form.signs] : ['none'],
    reason: [form.reason],
    ...(followUp && form.followUp !== undefined ? { [followUp]: [form.followUp] } : {}),
    duration: [form.duration],
    ...(form.severity !== undefined ? { severity: [form.severity] } : {}),
    description: [form.description],
  };
}

/** A vignette builder for one language. */
export const vignettesIn =
  (language: Language) =>
  (id: string, expected: Urgency, note: string, age: number | undefined, form: ContactForm): Vignette => ({
    id,
    language,
    ...(age !== undefined ? { age } : {}),
    answers: formAnswers(form),
    expected,
    note,
  });
