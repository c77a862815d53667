/**
 * The suggestion for a contact: the routing rules, then the safety screen on top. The screen
 * can only raise the urgency (a ticked danger sign, danger words in the description), never
 * lower it, and the professional still decides.
 */
import { urgencyRank } from '../guidanceQueue';
import { suggestRouting, type AnswerMap, type RoutingRuleSet, type RoutingSuggestion } from '../routingRules';
import type { AdviceKind, Profession, Urgency } from '../types';
import { scanFreeText, type TextMatch } from './freeTextScan';
import type { DangerSign, SafetyScreen } from './safetyScreen';
import { explainTriage } from './triageExplanation';

export interface TriageResult extends RoutingSuggestion {
  /** What the routing rules alone said. */
  ruleUrgency: Urgency;
  /** The danger signs answered yes, in the screen's order. */
  dangerSigns: DangerSign[];
  textMatches: TextMatch[];
  /** Everything the resident should be told to do now, in ADVICE_ORDER. */
  advice: AdviceKind[];
  /** Set only when the screen made the contact more urgent than the rules did. */
  raisedBy?: 'danger-sign' | 'free-text';
}

/** The order advice is shown in: the life-saving call first. */
export const ADVICE_ORDER: readonly AdviceKind[] = [
  'call-112',
  'crisis-line',
  'social-emergency',
  'on-call-helpline',
  'emergency-department',
];

/** Distinct advice kinds in ADVICE_ORDER. */
export function orderAdvice(kinds: Iterable<AdviceKind>): AdviceKind[] {
  const given = new Set(kinds);
  return ADVICE_ORDER.filter((kind) => given.has(kind));
}

/** The signs ticked, in the screen's order. "None" ticked beside a sign does not cancel it. */
export function answeredDangerSigns(answers: AnswerMap, screen: SafetyScreen): DangerSign[] {
  const ticked = new Set((answers[screen.questionLinkId] ?? []).map(String));
  return screen.signs.filter((sign) => ticked.has(sign.code));
}

/** Danger words in the screen's free-text items, each item's text on its own line. */
export function scanAnswers(answers: AnswerMap, screen: SafetyScreen): TextMatch[] {
  const text = screen.textLinkIds
    .flatMap((linkId) => (answers[linkId] ?? []).filter((v): v is string => typeof v === 'string'))
    .join('\n');
  return scanFreeText(text, screen.wordGroups);
}

interface Finding {
  source: 'danger-sign' | 'free-text';
  urgency: Urgency;
  profession?: Profession;
  service?: string;
}

/**
 * Final urgency = the most urgent of the rule, every ticked sign and every text match. When
 * the screen raises it, the first most urgent finding (signs in the screen's order before text
 * matches in text order) names the profession and service where it has them; the rule's stay
 * otherwise. Advice is the union of the matched rules', the signs' and the matches'; an
 * emergent result always includes call-112, whatever the configuration says.
 */
export function triageContact(
  answers: AnswerMap,
  context: { age?: number },
  rules: RoutingRuleSet,
  screen: SafetyScreen,
): TriageResult {
  const rule = suggestRouting(answers, context, rules);
  const dangerSigns = answeredDangerSigns(answers, screen);
  const textMatches = scanAnswers(answers, screen);
  const groups = new Map(screen.wordGroups.map((g) => [g.id, g]));

  const findings: Finding[] = [
    ...dangerSigns.map((s): Finding => ({ source: 'danger-sign', urgency: s.urgency, profession: s.profession, service: s.service })),
    ...textMatches.map((m): Finding => {
      const group = groups.get(m.groupId);
      return { source: 'free-text', urgency: m.urgency, profession: group?.profession, service: group?.service };
    }),
  ];
  const top = findings.reduce<Finding | undefined>(
    (best, f) => (!best || urgencyRank(f.urgency) < urgencyRank(best.urgency) ? f : best),
    undefined,
  );
  const raised = top !== undefined && urgencyRank(top.urgency) < urgencyRank(rule.urgency);
  const urgency = raised ? top.urgency : rule.urgency;

  const ruleAdvice = rule.matchedRuleIds.flatMap((id) => rules.rules.find((r) => r.id === id)?.advice ?? []);
  const advice = orderAdvice([
    ...ruleAdvice,
    ...dangerSigns.flatMap((s) => s.advice),
    ...textMatches.flatMap((m) => m.advice),
    ...(urgency === 'emergent' ? (['call-112'] as const) : []),
  ]);

  return {
    ...rule,
    urgency,
    profession: (raised && top.profession) || rule.profession,
    service: (raised && top.service) || rule.service,
    explanation: explainTriage({ rule, urgency, dangerSigns, textMatches }),
    ruleUrgency: rule.urgency,
    dangerSigns,
    textMatches,
    advice,
    ...(raised ? { raisedBy: top.source } : {}),
  };
}
