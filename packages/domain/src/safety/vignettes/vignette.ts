/**
 * Clinical vignettes: contacts as residents write them, with the urgency a clinician would
 * give. Running them through triage shows whether the safety screen catches what it must
 * (sensitivity) and how often it raises ordinary matters for nothing. The figures are a
 * regression check for the pattern data, not a validation: the same author wrote the
 * vignettes and the patterns, so an independent, clinician-written set is still needed
 * (DOMAIN §14).
 */
import { urgencyRank } from '../../guidanceQueue';
import type { AnswerMap } from '../../routingRules';
import type { Language, Urgency } from '../../types';

export interface Vignette {
  id: string;
  language: Language;
  /** Age in years of the person the contact is about. */
  age?: number;
  /** The questionnaire answers as plain values (codes for choices). */
  answers: AnswerMap;
  /** The urgency a clinician would give. */
  expected: Urgency;
  /** What the case is, for the reader of a failing test. */
  note: string;
}

export interface VignetteOutcome {
  id: string;
  expected: Urgency;
  /** What triage suggested. */
  actual: Urgency;
  /** What the routing rules alone suggested. */
  ruleUrgency: Urgency;
}

/**
 * Most needless raisings allowed, as a share of the non-urgent and self-care vignettes. A
 * raising costs a professional's look today; a missed emergency can cost a life. One in five
 * is the price accepted for counting negated mentions.
 */
export const NEEDLESS_RAISING_LIMIT = 0.2;

export interface VignetteReport {
  total: number;
  emergent: { total: number; caught: number; sensitivity: number; missed: string[] };
  /** Emergent and urgent cases caught as urgent or emergent. */
  urgentOrAbove: { total: number; caught: number; sensitivity: number; missed: string[] };
  /** Non-urgent and self-care cases the screen raised above both the rules and the clinician. */
  needlessRaising: { total: number; raised: number; share: number; ids: string[] };
  /** Cases suggested as more urgent than the clinician's urgency, for any reason. */
  overTriage: string[];
  /** Cases suggested as less urgent than the clinician's urgency. */
  underTriage: string[];
  /** Share suggested exactly as the clinician would. */
  exactAgreement: number;
}

const share = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);
const atLeast = (u: Urgency, floor: Urgency): boolean => urgencyRank(u) <= urgencyRank(floor);

export function vignetteReport(results: VignetteOutcome[]): VignetteReport {
  const emergent = results.filter((r) => r.expected === 'emergent');
  const urgentOrAbove = results.filter((r) => atLeast(r.expected, 'urgent'));
  const lower = results.filter((r) => !atLeast(r.expected, 'urgent'));
  const needless = lower.filter(
    (r) => urgencyRank(r.actual) < urgencyRank(r.ruleUrgency) && urgencyRank(r.actual) < urgencyRank(r.expected),
  );
  const emergentMissed = emergent.filter((r) => r.actual !== 'emergent').map((r) => r.id);
  const urgentMissed = urgentOrAbove.filter((r) => !atLeast(r.actual, 'urgent')).map((r) => r.id);
  return {
    total: results.length,
    emergent: {
      total: emergent.length,
      caught: emergent.length - emergentMissed.length,
      sensitivity: share(emergent.length - emergentMissed.length, emergent.length),
      missed: emergentMissed,
    },
    urgentOrAbove: {
      total: urgentOrAbove.length,
      caught: urgentOrAbove.length - urgentMissed.length,
      sensitivity: share(urgentOrAbove.length - urgentMissed.length, urgentOrAbove.length),
      missed: urgentMissed,
    },
    needlessRaising: {
      total: lower.length,
      raised: needless.length,
      share: lower.length === 0 ? 0 : needless.length / lower.length,
      ids: needless.map((r) => r.id),
    },
    overTriage: results.filter((r) => urgencyRank(r.actual) < urgencyRank(r.expected)).map((r) => r.id),
    underTriage: results.filter((r) => urgencyRank(r.actual) > urgencyRank(r.expected)).map((r) => r.id),
    exactAgreement: share(results.filter((r) => r.actual === r.expected).length, results.length),
  };
}

const percent = (x: number): string => `${(x * 100).toFixed(1)} %`;

/** A short plain-text report. */
export function formatVignetteReport(r: VignetteReport): string {
  const list = (ids: string[]): string => (ids.length > 0 ? ` (${ids.join(', ')})` : '');
  return [
    `Vignettes: ${r.total}`,
    `Emergent caught as emergent: ${r.emergent.caught}/${r.emergent.total} = ${percent(r.emergent.sensitivity)}${list(r.emergent.missed)}`,
    `Urgent or emergent caught as at least urgent: ${r.urgentOrAbove.caught}/${r.urgentOrAbove.total} = ${percent(r.urgentOrAbove.sensitivity)}${list(r.urgentOrAbove.missed)}`,
    `Non-urgent/self-care raised needlessly: ${r.needlessRaising.raised}/${r.needlessRaising.total} = ${percent(r.needlessRaising.share)}${list(r.needlessRaising.ids)}`,
    `Over-triage (any cause): ${r.overTriage.length}${list(r.overTriage)}`,
    `Under-triage: ${r.underTriage.length}${list(r.underTriage)}`,
    `Exact agreement: ${percent(r.exactAgreement)}`,
  ].join('\n');
}
