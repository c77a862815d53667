/**
 * The matter a client path's "contact us" brings to the contact form in the address
 * (`/contact?reason=child-family&matter=…`): the reason is taken only when the form offers it,
 * the words go to the free-text question, and the resident can change both before sending.
 */
import type { Answers, QuestionnaireView } from '../api/questionnaire.resource';

const MAX_MATTER = 500;

export interface ContactMatter {
  answers(form: QuestionnaireView): Answers | undefined;
}

export function matterFromAddress(search: string): ContactMatter | undefined {
  const params = new URLSearchParams(search);
  const reason = params.get('reason') ?? '';
  const matter = (params.get('matter') ?? '').slice(0, MAX_MATTER).trim();
  if (!reason && !matter) return undefined;
  return {
    answers(form) {
      const answers: Answers = {};
      const option = form.items.find((q) => q.linkId === 'reason')?.options.find((o) => o.code === reason);
      if (option) answers.reason = { kind: 'coding', code: option.code, ...(option.system ? { system: option.system } : {}) };
      if (matter && form.items.some((q) => q.linkId === 'description')) answers.description = { kind: 'string', value: matter };
      return Object.keys(answers).length > 0 ? answers : undefined;
    },
  };
}
