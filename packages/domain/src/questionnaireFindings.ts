/**
 * What a questionnaire change does, as findings an administrator reads before saving: which
 * questions and answers come and go, move, change type, become required or optional or get
 * other conditions, and which routing rules ask about a question that changes.
 */
import type { Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import { flattenItems } from './questionnaireStructure';
import { ruleDependencies } from './questionnaireChange';
import type { RoutingRuleSet } from './routingRules';

export type QuestionnaireFinding =
  | { kind: 'added' | 'removed' | 'moved' | 'conditions'; linkId: string }
  | { kind: 'type'; linkId: string; from: string; to: string }
  | { kind: 'required'; linkId: string; required: boolean }
  | { kind: 'option-added' | 'option-removed'; linkId: string; code: string }
  /** A routing rule asks about a question whose answers or conditions change: worth a look. */
  | { kind: 'rule-affected'; linkId: string; ruleId: string };

const codesOf = (item: QuestionnaireItem): string[] => (item.answerOption ?? []).flatMap((o) => (o.valueCoding?.code ? [o.valueCoding.code] : []));

/** The items by linkId, in the order a resident meets them. */
function ordered(q: Questionnaire | undefined): Map<string, QuestionnaireItem> {
  return new Map(flattenItems(q?.item).map(({ item }) => [item.linkId, item]));
}

/** Items kept in both versions whose place among the other kept items changed. */
function movedItems(before: Map<string, QuestionnaireItem>, after: Map<string, QuestionnaireItem>): Set<string> {
  const keptBefore = [...before.keys()].filter((id) => after.has(id));
  const keptAfter = [...after.keys()].filter((id) => before.has(id));
  const moved = new Set<string>();
  keptAfter.forEach((id, i) => {
    if (keptBefore[i] !== id) moved.add(id);
  });
  return moved;
}

export function describeQuestionnaireChange(previous: Questionnaire | undefined, next: Questionnaire, routing: RoutingRuleSet): QuestionnaireFinding[] {
  const before = ordered(previous);
  const after = ordered(next);
  const findings: QuestionnaireFinding[] = [];
  const touched = new Set<string>();
  for (const linkId of after.keys()) if (!before.has(linkId)) findings.push({ kind: 'added', linkId });
  for (const linkId of before.keys()) {
    if (!after.has(linkId)) {
      findings.push({ kind: 'removed', linkId });
      touched.add(linkId);
    }
  }
  for (const linkId of movedItems(before, after)) findings.push({ kind: 'moved', linkId });
  for (const [linkId, now] of after) {
    const was = before.get(linkId);
    if (!was) continue;
    if (was.type !== now.type) findings.push({ kind: 'type', linkId, from: was.type, to: now.type });
    if (Boolean(was.required) !== Boolean(now.required)) findings.push({ kind: 'required', linkId, required: Boolean(now.required) });
    if (JSON.stringify(was.enableWhen ?? []) !== JSON.stringify(now.enableWhen ?? []) || was.enableBehavior !== now.enableBehavior) findings.push({ kind: 'conditions', linkId });
    const oldCodes = codesOf(was);
    const newCodes = codesOf(now);
    for (const code of newCodes) if (!oldCodes.includes(code)) findings.push({ kind: 'option-added', linkId, code });
    for (const code of oldCodes) if (!newCodes.includes(code)) findings.push({ kind: 'option-removed', linkId, code });
    if (was.type !== now.type || oldCodes.join('\n') !== newCodes.join('\n') || Boolean(was.required) !== Boolean(now.required)) touched.add(linkId);
  }
  const rules = ruleDependencies(routing);
  for (const linkId of touched) for (const ruleId of rules.get(linkId) ?? []) findings.push({ kind: 'rule-affected', linkId, ruleId });
  return findings;
}
