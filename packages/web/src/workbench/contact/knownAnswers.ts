/**
 * Answers a professional need not ask: a client who phoned is called back by phone, so the
 * questionnaire's "How should we contact you?" is answered by the channel itself (and not
 * shown). For a walk-in the question stays, as the client may prefer a message.
 */
import type { StaffChannel } from '../../api/contact.resource';
import type { Answers, QuestionnaireView } from '../../api/questionnaire.resource';

export const CONTACT_PREFERENCE_LINK_ID = 'contact-preference';

/** Undefined when nothing is known, or the questionnaire in use has no such question or option. */
export function answersKnownFrom(channel: StaffChannel, questionnaire: QuestionnaireView): Answers | undefined {
  if (channel !== 'phone') return undefined;
  const question = questionnaire.items.find((q) => q.linkId === CONTACT_PREFERENCE_LINK_ID);
  const phone = question?.options.find((o) => o.code === 'phone');
  if (!question || !phone) return undefined;
  return { [question.linkId]: { kind: 'coding', code: phone.code, ...(phone.system ? { system: phone.system } : {}) } };
}
