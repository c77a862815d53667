import { describe, it, expect } from 'vitest';
import { defaultRoutingRuleSet } from './defaultRoutingRules';
import { contactQuestionnaire } from './contactQuestionnaire';
import { validateRoutingRuleSet } from './validateRoutingRules';

type Loose = Record<string, unknown> & { rules: Record<string, unknown>[] };
const clone = (): Loose => structuredClone(defaultRoutingRuleSet) as unknown as Loose;
const linkIds = (contactQuestionnaire.item ?? []).map((i) => i.linkId);

describe('validateRoutingRuleSet', () => {
  it('accepts the default rules against the contact questionnaire and returns a copy', () => {
    const result = validateRoutingRuleSet(defaultRoutingRuleSet, { knownLinkIds: linkIds });
    expect(result.errors).toEqual([]);
    expect(result.ruleSet).toEqual(defaultRoutingRuleSet);
    expect(result.ruleSet).not.toBe(defaultRoutingRuleSet);
  });

  it('rejects a non-object', () => {
    expect(validateRoutingRuleSet([]).errors).toEqual(['(root): must be an object, got an array']);
  });

  it('checks the top level and the fallback', () => {
    const { ruleSet, errors } = validateRoutingRuleSet({ version: 1.5, fallback: { urgency: 'later', profession: 'nurse' }, rules: null });
    expect(ruleSet).toBeUndefined();
    expect(errors).toEqual([
      'version: must be an integer between 1 and 9007199254740991, got 1.5',
      'fallback.urgency: must be one of emergent, urgent, non-urgent, self-care, got "later"',
      'fallback.service: must be a non-empty string, got missing',
      'fallback.explanation: must be an object, got missing',
      'rules: must be an array',
    ]);
  });

  it('rejects unknown urgencies and professions with their paths', () => {
    const value = clone();
    value.rules[3] = { ...value.rules[3], then: { urgency: 'asap', profession: 'surgeon', service: 'primary-care' } };
    expect(validateRoutingRuleSet(value).errors).toEqual([
      'rules[3].then.urgency: must be one of emergent, urgent, non-urgent, self-care, got "asap"',
      expect.stringMatching(/^rules\[3\]\.then\.profession: must be one of physician, nurse, .*, got "surgeon"$/),
    ]);
  });

  it('rejects duplicate ids and the reserved id "fallback"', () => {
    const value = clone();
    value.rules[4] = { ...value.rules[4], id: 'chest' };
    value.rules[5] = { ...value.rules[5], id: 'fallback' };
    expect(validateRoutingRuleSet(value).errors).toEqual([
      'rules[5].id: "fallback" is reserved',
      'rules[4].id: duplicate id "chest" (also rules[3])',
    ]);
  });

  it('rejects an empty or missing `when` and an empty `unless`', () => {
    const value = clone();
    value.rules[0] = { ...value.rules[0], when: [] };
    const { when: _removed, ...noWhen } = value.rules[1] as { when: unknown };
    value.rules[1] = noWhen;
    value.rules[2] = { ...value.rules[2], unless: [] };
    expect(validateRoutingRuleSet(value).errors).toEqual([
      'rules[0].when: must be a non-empty array of conditions',
      'rules[1].when: must be a non-empty array of conditions',
      'rules[2].unless: must be a non-empty array of conditions',
    ]);
  });

  it('checks each condition', () => {
    const value = clone();
    value.rules[0] = {
      ...value.rules[0],
      when: [
        { linkId: '' },
        { linkId: 'severity', atLeast: 5, atMost: 3 },
        { linkId: 'reason', anyOf: [] },
        { linkId: 'reason', anyOf: ['ok', 7] },
        { linkId: 'reason', equals: null },
        { linkId: 'reason', ageBelow: 3 },
        { ageAtLeast: 30, ageBelow: 18 },
        { ageAtLeast: -1 },
        {},
        'chest',
      ],
    };
    expect(validateRoutingRuleSet(value).errors).toEqual([
      'rules[0].when[0].linkId: must be a non-empty string, got ""',
      'rules[0].when[1]: atLeast (5) must be at most atMost (3)',
      'rules[0].when[2].anyOf: must be a non-empty array',
      'rules[0].when[3].anyOf[1]: must be a non-empty string, got 7',
      'rules[0].when[4].equals: must be a string, number or boolean',
      'rules[0].when[5].ageBelow: unknown property',
      'rules[0].when[6]: ageAtLeast (30) must be below ageBelow (18)',
      'rules[0].when[7].ageAtLeast: must be a number ≥ 0, got -1',
      'rules[0].when[8]: must have a linkId, or ageAtLeast and/or ageBelow',
      'rules[0].when[9]: must be an object, got "chest"',
    ]);
  });

  it('flags a condition on an item the questionnaire does not have', () => {
    const value = clone();
    value.rules[9] = { ...value.rules[9], when: [{ linkId: 'reasons', anyOf: ['other'] }] };
    expect(validateRoutingRuleSet(value, { knownLinkIds: linkIds }).errors).toEqual([
      'rules[9].when[0].linkId: no questionnaire item "reasons"',
    ]);
    expect(validateRoutingRuleSet(value).errors).toEqual([]);
  });

  it('checks the optional advice of a rule: known kinds, each once', () => {
    const value = clone();
    value.rules[0] = { ...value.rules[0], advice: ['call-112', 'call-911', 'call-112'] };
    value.rules[1] = { ...value.rules[1], advice: 'crisis-line' };
    value.rules[2] = { ...value.rules[2], advice: [] };
    expect(validateRoutingRuleSet(value).errors).toEqual([
      'rules[0].advice[1]: must be one of call-112, on-call-helpline, crisis-line, emergency-department, social-emergency, got "call-911"',
      'rules[0].advice[2]: "call-112" is given twice',
      'rules[1].advice: must be an array of advice kinds',
    ]);
  });

  it('gives the default emergency and self-harm rules their advice', () => {
    const advice = Object.fromEntries(defaultRoutingRuleSet.rules.map((r) => [r.id, r.advice]));
    expect(advice['chest-severe']).toEqual(['call-112']);
    expect(advice['self-harm']).toEqual(['crisis-line']);
  });

  it('requires titles and explanations in all three languages', () => {
    const value = clone();
    value.rules[0] = { ...value.rules[0], title: { fi: 'x', sv: 'x' }, explanation: 'Call 112' };
    expect(validateRoutingRuleSet(value).errors).toEqual([
      'rules[0].title.en: must be a non-empty string, got missing',
      'rules[0].explanation: must be an object, got "Call 112"',
    ]);
  });
});
