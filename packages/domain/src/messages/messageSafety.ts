/**
 * A secure message goes through the same danger-word net as the contact form's free text: a
 * resident who writes "puristava kipu rinnassa" to their team at night must be told to call
 * 112 at once, and the message must come first in the queue. The scan only raises: nothing
 * automatic lowers the urgency of a message or of the contact it belongs to.
 */
import { urgencyRank } from '../guidanceQueue';
import { scanFreeText, type TextMatch } from '../safety/freeTextScan';
import type { SafetyScreen } from '../safety/safetyScreen';
import { orderAdvice } from '../safety/triage';
import type { AdviceKind, Urgency } from '../types';

export interface MessageTriage {
  /** The more urgent of `base` and every danger-word match. */
  urgency: Urgency;
  /** Set when a danger word made the message more urgent than `base`. */
  raised: boolean;
  textMatches: TextMatch[];
  /** What the writer is told at once, life-saving call first; an emergent message always says 112. */
  advice: AdviceKind[];
}

/** The urgency of a new message: a message asks for an answer, not the same day (non-urgent). */
export const MESSAGE_BASE_URGENCY: Urgency = 'non-urgent';

/** Scans a message's text with the configured danger-word groups; `base` is the urgency it has without them. */
export function triageMessage(text: string, screen: Pick<SafetyScreen, 'wordGroups'>, base: Urgency = MESSAGE_BASE_URGENCY): MessageTriage {
  const textMatches = scanFreeText(text, screen.wordGroups);
  const urgency = moreUrgent(base, ...textMatches.map((m) => m.urgency));
  return {
    urgency,
    raised: urgencyRank(urgency) < urgencyRank(base),
    textMatches,
    advice: orderAdvice([...textMatches.flatMap((m) => m.advice), ...(urgency === 'emergent' ? (['call-112'] as const) : [])]),
  };
}

/** The most urgent of the given urgencies (never less urgent than the first). */
export function moreUrgent(first: Urgency, ...others: Urgency[]): Urgency {
  return others.reduce((best, u) => (urgencyRank(u) < urgencyRank(best) ? u : best), first);
}
