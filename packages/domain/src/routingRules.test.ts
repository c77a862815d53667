import { describe, it, expect } from 'vitest';
import { defaultRoutingRuleSet as rules } from './defaultRoutingRules';
import { conditionHolds, suggestRouting, type AnswerMap, type RoutingRuleSet } from './routingRules';
import type { Profession, Urgency } from './types';

const route = (answers: AnswerMap, age?: number) => suggestRouting(answers, { age }, rules);
const base = { duration: ['weeks'], description: ['…'], 'contact-preference': ['phone'] } satisfies AnswerMap;

type Case = [ruleId: string, answers: AnswerMap, urgency: Urgency, profession: Profession, service: string];

describe('default rules, one by one', () => {
  it.each<Case>([
    ['chest-severe', { reason: ['chest'], 'chest-severe': [true] }, 'emergent', 'physician', 'primary-care'],
    ['self-harm', { reason: ['low-mood'], 'self-harm': [true] }, 'urgent', 'psychiatric-nurse', 'primary-care'],
    ['back-red-flags', { reason: ['back-pain'], 'back-red-flags': [true], severity: [8] }, 'urgent', 'physician', 'primary-care'],
    ['chest', { reason: ['chest'], 'chest-severe': [false] }, 'urgent', 'physician', 'primary-care'],
    ['back-pain-self-care', { reason: ['back-pain'], severity: [3], duration: ['days'] }, 'self-care', 'physiotherapist', 'primary-care'],
    ['back-pain', { reason: ['back-pain'], 'back-red-flags': [false], severity: [6] }, 'non-urgent', 'physiotherapist', 'primary-care'],
    ['low-mood', { reason: ['low-mood'], 'self-harm': [false] }, 'non-urgent', 'psychiatric-nurse', 'primary-care'],
    ['money-housing', { reason: ['money-housing'] }, 'non-urgent', 'social-instructor', 'social-services'],
    ['child-family', { reason: ['child-family'] }, 'non-urgent', 'public-health-nurse', 'family-centre'],
    ['other', { reason: ['other'] }, 'non-urgent', 'nurse', 'primary-care'],
  ])('%s', (ruleId, answers, urgency, profession, service) => {
    const s = route({ ...base, ...answers });
    expect(s).toMatchObject({ ruleId, urgency, profession, service });
    expect(s.matchedRuleIds[0]).toBe(ruleId);
  });

  it('falls back to a nurse when nothing matches', () => {
    const s = route({ description: ['?'] });
    expect(s).toMatchObject({ ruleId: 'fallback', urgency: 'non-urgent', profession: 'nurse', service: 'primary-care', matchedRuleIds: [] });
    expect(s.explanation.en).toMatch(/^No rule matched\. A nurse/);
    expect(s.explanation.fi).toMatch(/^Mikään sääntö ei täyttynyt\./);
    expect(s.explanation.sv).toMatch(/^Ingen regel uppfylldes\./);
  });
});

describe('the back-pain self-care boundary', () => {
  it.each([
    [3, 'today', 'back-pain-self-care'],
    [0, 'days', 'back-pain-self-care'],
    [4, 'today', 'back-pain'],
    [3, 'weeks', 'back-pain'],
    [2, 'months', 'back-pain'],
  ] as const)('severity %i, duration %s → %s', (severity, duration, ruleId) => {
    expect(route({ reason: ['back-pain'], severity: [severity], duration: [duration] }).ruleId).toBe(ruleId);
  });
  it('without a severity answer the general back-pain rule applies', () => {
    expect(route({ reason: ['back-pain'], duration: ['today'] }).ruleId).toBe('back-pain');
  });
});

describe('safety first', () => {
  it('severe chest pain beats plain chest pain, and says so', () => {
    const s = route({ ...base, reason: ['chest'], 'chest-severe': [true] });
    expect(s.ruleId).toBe('chest-severe');
    expect(s.matchedRuleIds).toEqual(['chest-severe', 'chest']);
    expect(s.explanation.en).toBe(
      'Rule "Severe chest pain or breathlessness": Severe chest pain or breathlessness at rest can be life-threatening. ' +
        'Call 112 now. These rules also matched: "Chest pain or breathlessness". The most urgent one was chosen.',
    );
    expect(s.explanation.fi).toContain('Soita heti 112');
    expect(s.explanation.sv).toContain('Ring 112');
  });
  it('red flags beat mild recent back pain (urgent over self-care)', () => {
    const s = route({ reason: ['back-pain'], 'back-red-flags': [true], severity: [1], duration: ['today'] });
    expect(s).toMatchObject({ ruleId: 'back-red-flags', urgency: 'urgent', profession: 'physician' });
    expect(s.matchedRuleIds).toEqual(['back-red-flags', 'back-pain-self-care']);
  });
  it('self-harm beats low mood', () => {
    expect(route({ reason: ['low-mood'], 'self-harm': [true] }).matchedRuleIds).toEqual(['self-harm', 'low-mood']);
  });
  it('urgency outranks order: a more urgent rule listed later still wins', () => {
    const set: RoutingRuleSet = {
      ...rules,
      rules: rules.rules.map((r) => (r.id === 'chest-severe' ? { ...r, order: 999 } : r)),
    };
    expect(suggestRouting({ reason: ['chest'], 'chest-severe': [true] }, {}, set).ruleId).toBe('chest-severe');
  });
  it('equal urgency: the lower order wins, then the earlier position', () => {
    const self = rules.rules.find((r) => r.id === 'self-harm');
    if (!self) throw new Error('missing rule');
    const set: RoutingRuleSet = {
      ...rules,
      rules: [
        { ...self, id: 'b', order: 5 },
        { ...self, id: 'a', order: 7 },
        { ...self, id: 'c', order: 5 },
      ],
    };
    expect(suggestRouting({ 'self-harm': [true] }, {}, set).matchedRuleIds).toEqual(['b', 'c', 'a']);
  });
});

describe('conditions', () => {
  it('answer conditions: anyOf, equals, atLeast, atMost and answered', () => {
    const answers: AnswerMap = { a: ['x', 'y'], n: [5], b: [false] };
    expect(conditionHolds({ linkId: 'a', anyOf: ['y', 'z'] }, answers, undefined)).toBe(true);
    expect(conditionHolds({ linkId: 'a', anyOf: ['z'] }, answers, undefined)).toBe(false);
    expect(conditionHolds({ linkId: 'n', anyOf: ['5'] }, answers, undefined)).toBe(true);
    expect(conditionHolds({ linkId: 'b', equals: false }, answers, undefined)).toBe(true);
    expect(conditionHolds({ linkId: 'b', equals: 'false' }, answers, undefined)).toBe(false);
    expect(conditionHolds({ linkId: 'n', atLeast: 5, atMost: 5 }, answers, undefined)).toBe(true);
    expect(conditionHolds({ linkId: 'n', atLeast: 6 }, answers, undefined)).toBe(false);
    expect(conditionHolds({ linkId: 'n', atMost: 4 }, answers, undefined)).toBe(false);
    expect(conditionHolds({ linkId: 'a', atMost: 4 }, answers, undefined)).toBe(false);
    expect(conditionHolds({ linkId: 'a' }, answers, undefined)).toBe(true);
    expect(conditionHolds({ linkId: 'missing' }, answers, undefined)).toBe(false);
    expect(conditionHolds({ linkId: 'empty' }, { empty: [] }, undefined)).toBe(false);
  });
  it('age conditions: [ageAtLeast, ageBelow), unknown age never matches', () => {
    const c = { ageAtLeast: 18, ageBelow: 23 };
    expect(conditionHolds(c, {}, 17)).toBe(false);
    expect(conditionHolds(c, {}, 18)).toBe(true);
    expect(conditionHolds(c, {}, 22)).toBe(true);
    expect(conditionHolds(c, {}, 23)).toBe(false);
    expect(conditionHolds(c, {}, undefined)).toBe(false);
    expect(conditionHolds({ ageBelow: 18 }, {}, 0)).toBe(true);
  });
  it('age conditions combine with answers in a rule', () => {
    const set: RoutingRuleSet = {
      ...rules,
      rules: [
        {
          id: 'young-mood',
          order: 1,
          title: { fi: 'Nuori', sv: 'Ung', en: 'Young' },
          when: [{ linkId: 'reason', anyOf: ['low-mood'] }, { ageBelow: 18 }],
          then: { urgency: 'non-urgent', profession: 'psychologist', service: 'family-centre' },
          explanation: { fi: 'x', sv: 'x', en: 'x' },
        },
      ],
    };
    expect(suggestRouting({ reason: ['low-mood'] }, { age: 15 }, set).ruleId).toBe('young-mood');
    expect(suggestRouting({ reason: ['low-mood'] }, { age: 18 }, set).ruleId).toBe('fallback');
    expect(suggestRouting({ reason: ['low-mood'] }, {}, set).ruleId).toBe('fallback');
  });
  it('a rule with an empty `when` never fires', () => {
    const set: RoutingRuleSet = { ...rules, rules: [{ ...rules.rules[0]!, when: [] }] };
    expect(suggestRouting({ 'chest-severe': [true] }, {}, set).ruleId).toBe('fallback');
  });
});
