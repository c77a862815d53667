/**
 * A change to the contact questionnaire checked against what depends on it. The danger-sign
 * question stays first, required and unconditional (decision 004); the free-text items the
 * danger-word scan reads and the items routing rules ask about stay, keep their answer codes,
 * stay required if they were and keep a type their rules can read. Everything else the
 * administrator may change; the findings say in plain terms what the change does.
 */
import type { Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import { checkRoutingAgainstQuestionnaire } from './configurationCheck';
import { isAnswerCondition, type RoutingRuleSet } from './routingRules';
import { checkScreenAgainstQuestionnaire } from './safety/validateSafetyScreen';
import type { SafetyScreen } from './safety/safetyScreen';
import { checkQuestionnaireStructure, flattenItems, type StructureProblem } from './questionnaireStructure';
import { OVI_FHIR_BASE } from './codes';

/** On each stored version of a Questionnaire: the account that saved it (FHIR keeps no "who" of its own). */
export const CHANGED_BY_EXTENSION_URL = `${OVI_FHIR_BASE}/StructureDefinition/changed-by`;

export interface QuestionnaireContext {
  /** The version stored now (absent for a new questionnaire). */
  previous?: Questionnaire;
  safetyScreen: SafetyScreen;
  routing: RoutingRuleSet;
}

/** Types an answer can move between without changing what it means. */
const SAFE_TYPE_CHANGES = new Set(['string>text', 'text>string']);

function byLinkId(q: Questionnaire | undefined): Map<string, { item: QuestionnaireItem; path: string; order: number }> {
  const map = new Map<string, { item: QuestionnaireItem; path: string; order: number }>();
  flattenItems(q?.item).forEach(({ item, path }, order) => {
    if (!map.has(item.linkId)) map.set(item.linkId, { item, path, order });
  });
  return map;
}

/** linkId → ids of the routing rules whose conditions ask about it. */
export function ruleDependencies(routing: RoutingRuleSet): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  for (const rule of routing.rules) {
    for (const condition of [...rule.when, ...(rule.unless ?? [])]) {
      if (!isAnswerCondition(condition)) continue;
      const ids = uses.get(condition.linkId) ?? [];
      if (!ids.includes(rule.id)) ids.push(rule.id);
      uses.set(condition.linkId, ids);
    }
  }
  return uses;
}

/** What depends on an item, in words, or undefined when nothing does. */
function dependents(linkId: string, screen: SafetyScreen, rules: Map<string, string[]>): string | undefined {
  if (linkId === screen.questionLinkId) return 'the danger-sign screen';
  if (screen.textLinkIds.includes(linkId)) return 'the danger-word scan';
  const ids = rules.get(linkId);
  return ids ? `the routing rule${ids.length > 1 ? 's' : ''} ${ids.map((id) => `"${id}"`).join(', ')}` : undefined;
}

function checkScreenItem(next: Questionnaire, screen: SafetyScreen, problems: StructureProblem[]): void {
  const first = next.item?.[0];
  const found = byLinkId(next).get(screen.questionLinkId);
  if (!found) return; // checkScreenAgainstQuestionnaire names the missing item
  const { item, path } = found;
  if (first?.linkId !== screen.questionLinkId) {
    problems.push({ expression: path, linkId: item.linkId, message: `The danger-sign question "${item.linkId}" must stay the first question: someone in danger is told to call 112 before anything else.` });
  }
  if (!item.required) problems.push({ expression: `${path}.required`, linkId: item.linkId, message: `The danger-sign question "${item.linkId}" must stay required.` });
  if ((item.enableWhen ?? []).length > 0) problems.push({ expression: `${path}.enableWhen`, linkId: item.linkId, message: `The danger-sign question "${item.linkId}" must always be shown: it cannot have conditions.` });
}

function checkDependentItems(next: Questionnaire, context: QuestionnaireContext, problems: StructureProblem[]): void {
  const before = byLinkId(context.previous);
  const after = byLinkId(next);
  const rules = ruleDependencies(context.routing);
  for (const [linkId, was] of before) {
    const now = after.get(linkId);
    const usedBy = dependents(linkId, context.safetyScreen, rules);
    if (!now || !usedBy) continue; // a removed item that something needs is named by the reference checks
    if (was.item.required && !now.item.required) {
      problems.push({ expression: `${now.path}.required`, linkId, message: `"${linkId}" must stay required: ${usedBy} depend${usedBy.includes(' rules ') ? '' : 's'} on its answer.` });
    }
    if (was.item.type !== now.item.type && !SAFE_TYPE_CHANGES.has(`${was.item.type}>${now.item.type}`)) {
      problems.push({ expression: `${now.path}.type`, linkId, message: `"${linkId}" cannot change from ${was.item.type} to ${now.item.type}: ${usedBy} read its answer as ${was.item.type}.` });
    }
  }
}

/** Every problem of a changed questionnaire: its own shape, and what the screen and the rules need of it. */
export function checkQuestionnaireChange(next: Questionnaire, context: QuestionnaireContext): StructureProblem[] {
  const problems = checkQuestionnaireStructure(next);
  for (const message of checkScreenAgainstQuestionnaire(context.safetyScreen, next)) {
    problems.push({ expression: 'Questionnaire.item', linkId: context.safetyScreen.questionLinkId, message: `Danger-sign screen: ${message}` });
  }
  checkScreenItem(next, context.safetyScreen, problems);
  for (const message of checkRoutingAgainstQuestionnaire(context.routing, next)) {
    const linkId = /asks about "([^"]+)"|to "([^"]+)"/.exec(message);
    problems.push({ expression: 'Questionnaire.item', ...(linkId ? { linkId: linkId[1] ?? linkId[2] } : {}), message });
  }
  checkDependentItems(next, context, problems);
  return problems;
}
