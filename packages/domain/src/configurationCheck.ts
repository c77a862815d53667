/**
 * The guidance configuration checked as a whole. Each part has its own validator, but a
 * change to one can break another: a routing rule that sends contacts to a service without
 * a care-guarantee limit, a condition on a question that was removed, an answer code that
 * was renamed. An administrator sees these before saving, and a dry run shows which sample
 * contacts a new rule set would route differently.
 */
import type { Questionnaire, QuestionnaireItem, QuestionnaireItemAnswerOption } from '@medplum/fhirtypes';
import { isCalendarDate } from './calendarDate';
import { ruleInForce, type CareGuaranteeConfig } from './careGuarantee';
import { isAnswerCondition, suggestRouting, type AnswerMap, type RoutingRuleSet } from './routingRules';
import type { Profession, Urgency } from './types';

export interface GuidanceConfiguration {
  routing: RoutingRuleSet;
  careGuarantee: CareGuaranteeConfig;
  questionnaire: Questionnaire;
  /** Every service a professional may choose in an assessment. */
  services: string[];
}

/** The ages a care-guarantee configuration must cover (validateCareGuarantee's MAX_AGE). */
const OLDEST = 150;

/** Answer options as the text routing conditions compare them with (`anyOf`). */
function optionCodes(options: QuestionnaireItemAnswerOption[]): string[] {
  const codes: string[] = [];
  for (const o of options) {
    const value = o.valueCoding?.code ?? o.valueString ?? o.valueInteger ?? o.valueDate ?? o.valueTime;
    if (value !== undefined) codes.push(String(value));
  }
  return codes;
}

function itemsByLinkId(items: QuestionnaireItem[] | undefined, into = new Map<string, QuestionnaireItem>()): Map<string, QuestionnaireItem> {
  for (const item of items ?? []) {
    into.set(item.linkId, item);
    itemsByLinkId(item.item, into);
  }
  return into;
}

function questionnaireName(q: Questionnaire): string {
  return `"${q.url ?? q.id ?? q.name ?? 'questionnaire'}"`;
}

/** Conditions that name a missing item, or an answer code the item does not offer. */
function checkQuestionnaireReferences(c: Pick<GuidanceConfiguration, 'routing' | 'questionnaire'>, problems: string[]): void {
  const items = itemsByLinkId(c.questionnaire.item);
  const name = questionnaireName(c.questionnaire);
  c.routing.rules.forEach((rule, index) => {
    for (const part of ['when', 'unless'] as const) {
      (rule[part] ?? []).forEach((condition, i) => {
        if (!isAnswerCondition(condition)) return;
        const where = `Routing rule "${rule.id}" (rules[${index}].${part}[${i}])`;
        const item = items.get(condition.linkId);
        if (!item) {
          problems.push(`${where} asks about "${condition.linkId}", which is not an item of questionnaire ${name}.`);
          return;
        }
        // Only answer options given in the questionnaire itself can be checked; a value set
        // (answerValueSet) is resolved by a terminology server, not here.
        if (condition.anyOf === undefined || !item.answerOption?.length) return;
        const codes = optionCodes(item.answerOption);
        for (const code of condition.anyOf) {
          if (!codes.includes(code)) {
            problems.push(
              `${where} expects the answer "${code}" to "${condition.linkId}", which is not one of its answer options (${codes.join(', ')}).`,
            );
          }
        }
      });
    }
  });
}

/** The routing rules' conditions that name an item or answer the questionnaire no longer has. */
export function checkRoutingAgainstQuestionnaire(routing: RoutingRuleSet, questionnaire: Questionnaire): string[] {
  const problems: string[] = [];
  checkQuestionnaireReferences({ routing, questionnaire }, problems);
  return problems;
}

/** Routing targets a professional could not choose in an assessment. */
function checkRoutingServices(c: GuidanceConfiguration, problems: string[]): void {
  const services = new Set(c.services);
  c.routing.rules.forEach((rule, index) => {
    if (!services.has(rule.then.service)) {
      problems.push(
        `Routing rule "${rule.id}" (rules[${index}].then.service) routes to service "${rule.then.service}", which is not among the services a professional can choose.`,
      );
    }
  });
  if (!services.has(c.routing.fallback.service)) {
    problems.push(
      `The routing fallback (fallback.service) routes to service "${c.routing.fallback.service}", which is not among the services a professional can choose.`,
    );
  }
}

/** Age ranges within 0–150 that no non-urgent rule for the service in force on `today` covers. */
function uncoveredAges(config: CareGuaranteeConfig, service: string, today: string): [number, number][] {
  const covered = new Array<boolean>(OLDEST + 1).fill(false);
  for (const rule of config.rules) {
    if (rule.service !== service || rule.urgency !== 'non-urgent' || !ruleInForce(rule, today)) continue;
    const from = Math.max(0, rule.minAge ?? 0);
    const to = Math.min(OLDEST + 1, rule.maxAgeExclusive ?? OLDEST + 1);
    for (let age = from; age < to; age += 1) covered[age] = true;
  }
  const gaps: [number, number][] = [];
  covered.forEach((isCovered, age) => {
    if (isCovered) return;
    const last = gaps[gaps.length - 1];
    if (last && last[1] === age - 1) last[1] = age;
    else gaps.push([age, age]);
  });
  return gaps;
}

function describeAges(gaps: [number, number][]): string {
  const ranges = gaps.map(([from, to]) => (from === to ? `${from}` : `${from}–${to}`));
  const list = ranges.length > 1 ? `${ranges.slice(0, -1).join(', ')} and ${ranges[ranges.length - 1]}` : ranges[0];
  return `${gaps.length === 1 && gaps[0]![0] === gaps[0]![1] ? 'age' : 'ages'} ${list}`;
}

/** Every service contacts can reach must have a non-urgent limit for every age today. */
function checkCoverage(c: GuidanceConfiguration, today: string, problems: string[]): void {
  const usedBy = new Map<string, string[]>();
  const use = (service: string, by: string): void => {
    usedBy.set(service, [...(usedBy.get(service) ?? []), by]);
  };
  c.routing.rules.forEach((rule, index) => use(rule.then.service, `routing rule "${rule.id}" (rules[${index}].then)`));
  use(c.routing.fallback.service, 'the routing fallback');
  c.services.forEach((service, index) => use(service, `services[${index}]`));
  for (const [service, by] of usedBy) {
    const gaps = uncoveredAges(c.careGuarantee, service, today);
    if (gaps.length === 0) continue;
    problems.push(
      `Service "${service}" (used by ${by.join(', ')}) has no legal or regional care-guarantee rule for non-urgent care in force on ${today} for ${describeAges(gaps)}.`,
    );
  }
}

/**
 * Problems in the configuration as a whole, each an English sentence naming the rule and
 * path. Empty when all is well. `today` ('YYYY-MM-DD') decides which rules are in force.
 */
export function checkGuidanceConfiguration(c: GuidanceConfiguration, today: string): string[] {
  if (!isCalendarDate(today)) throw new RangeError(`today must be a date written YYYY-MM-DD, got "${today}"`);
  const problems: string[] = [];
  checkQuestionnaireReferences(c, problems);
  checkRoutingServices(c, problems);
  checkCoverage(c, today, problems);
  return problems;
}

export interface DryRunSample {
  id: string;
  answers: AnswerMap;
  age?: number;
}

export interface RoutingOutcome {
  urgency: Urgency;
  profession: Profession;
  service: string;
  ruleId: string;
}

export interface DryRunResult {
  changed: Array<{ id: string; before: RoutingOutcome; after: RoutingOutcome }>;
  unchanged: number;
}

function outcome(sample: DryRunSample, ruleSet: RoutingRuleSet): RoutingOutcome {
  const { urgency, profession, service, ruleId } = suggestRouting(sample.answers, { age: sample.age }, ruleSet);
  return { urgency, profession, service, ruleId };
}

function sameOutcome(a: RoutingOutcome, b: RoutingOutcome): boolean {
  return a.urgency === b.urgency && a.profession === b.profession && a.service === b.service && a.ruleId === b.ruleId;
}

/**
 * Routes each sample with both rule sets. A sample counts as changed when the urgency, the
 * profession, the service or the deciding rule differs; a new rule that wins with the same
 * advice still shows, since its explanation is what the resident reads.
 */
export function dryRunRouting(before: RoutingRuleSet, after: RoutingRuleSet, samples: DryRunSample[]): DryRunResult {
  const changed: DryRunResult['changed'] = [];
  for (const sample of samples) {
    const was = outcome(sample, before);
    const now = outcome(sample, after);
    if (!sameOutcome(was, now)) changed.push({ id: sample.id, before: was, after: now });
  }
  return { changed, unchanged: samples.length - changed.length };
}
