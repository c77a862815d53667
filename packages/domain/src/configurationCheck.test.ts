import type { Questionnaire } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { CareGuaranteeConfig, CareGuaranteeRule } from './careGuarantee';
import { checkGuidanceConfiguration, dryRunRouting, type DryRunSample, type GuidanceConfiguration } from './configurationCheck';
import { contactQuestionnaire } from './contactQuestionnaire';
import { defaultCareGuaranteeConfig } from './defaultCareGuarantee';
import { defaultRoutingRuleSet } from './defaultRoutingRules';
import type { RoutingRule, RoutingRuleSet, RoutingTarget } from './routingRules';

const text = (s: string) => ({ fi: s, sv: s, en: s });
const TODAY = '2025-06-16';

const questionnaire: Questionnaire = {
  resourceType: 'Questionnaire',
  status: 'active',
  url: 'https://example.test/Questionnaire/q',
  item: [
    { linkId: 'reason', type: 'choice', answerOption: [{ valueCoding: { code: 'a' } }, { valueCoding: { code: 'b' } }] },
    {
      linkId: 'group',
      type: 'group',
      item: [
        { linkId: 'nested', type: 'choice', answerOption: [{ valueString: 'x' }, { valueInteger: 3 }] },
        { linkId: 'from-value-set', type: 'choice', answerValueSet: 'https://example.test/ValueSet/v' },
      ],
    },
    { linkId: 'severity', type: 'integer' },
  ],
};

const target = (service: string, patch: Partial<RoutingTarget> = {}): RoutingTarget => ({
  urgency: 'non-urgent',
  profession: 'nurse',
  service,
  ...patch,
});

const rule = (id: string, when: RoutingRule['when'], then: RoutingTarget, unless?: RoutingRule['unless']): RoutingRule => ({
  id,
  order: 10,
  title: text(id),
  when,
  ...(unless && { unless }),
  then,
  explanation: text(id),
});

const routing = (rules: RoutingRule[], fallbackService = 'primary-care'): RoutingRuleSet => ({
  version: 1,
  fallback: { ...target(fallbackService), explanation: text('fallback') },
  rules,
});

const allAges = (service: string, kind: CareGuaranteeRule['kind'] = 'regional'): CareGuaranteeRule => ({
  id: `${kind}-${service}`,
  kind,
  service,
  urgency: 'non-urgent',
  limit: { days: 7 },
  label: text(service),
});

const guarantee = (rules: CareGuaranteeRule[]): CareGuaranteeConfig => ({ ...defaultCareGuaranteeConfig, rules });

const configuration = (patch: Partial<GuidanceConfiguration> = {}): GuidanceConfiguration => ({
  routing: routing([rule('r-a', [{ linkId: 'reason', anyOf: ['a'] }], target('primary-care'))]),
  careGuarantee: guarantee([allAges('primary-care')]),
  questionnaire,
  services: ['primary-care'],
  ...patch,
});

describe('checkGuidanceConfiguration', () => {
  it('finds nothing wrong with the shipped defaults', () => {
    const services = ['primary-care', 'oral-health', 'psychosocial-treatment', 'social-services', 'family-centre'];
    const c = { routing: defaultRoutingRuleSet, careGuarantee: defaultCareGuaranteeConfig, questionnaire: contactQuestionnaire, services };
    expect(checkGuidanceConfiguration(c, TODAY)).toEqual([]);
  });

  it('finds nothing wrong with a small consistent configuration', () => {
    expect(checkGuidanceConfiguration(configuration(), TODAY)).toEqual([]);
  });

  it('refuses a malformed date for today', () => {
    expect(() => checkGuidanceConfiguration(configuration(), '16.6.2025')).toThrow(RangeError);
  });

  describe('questionnaire references', () => {
    it('finds items nested in groups, and answers given as strings or integers', () => {
      const c = configuration({
        routing: routing([
          rule('nested', [{ linkId: 'nested', anyOf: ['x', '3'] }], target('primary-care')),
          rule('severity', [{ linkId: 'severity', atLeast: 7 }], target('primary-care')),
        ]),
      });
      expect(checkGuidanceConfiguration(c, TODAY)).toEqual([]);
    });

    it('reports a linkId that is not an item, in `when` and in `unless`', () => {
      const c = configuration({
        routing: routing([
          rule('r1', [{ ageAtLeast: 18 }, { linkId: 'reasons', anyOf: ['a'] }], target('primary-care'), [{ linkId: 'gone' }]),
        ]),
      });
      expect(checkGuidanceConfiguration(c, TODAY)).toEqual([
        'Routing rule "r1" (rules[0].when[1]) asks about "reasons", which is not an item of questionnaire "https://example.test/Questionnaire/q".',
        'Routing rule "r1" (rules[0].unless[0]) asks about "gone", which is not an item of questionnaire "https://example.test/Questionnaire/q".',
      ]);
    });

    it("reports an anyOf code that is not one of the item's answer options", () => {
      const c = configuration({
        routing: routing([
          rule('r1', [{ linkId: 'reason', anyOf: ['a', 'c'] }], target('primary-care')),
          rule('r2', [{ linkId: 'nested', anyOf: ['4'] }], target('primary-care')),
        ]),
      });
      expect(checkGuidanceConfiguration(c, TODAY)).toEqual([
        'Routing rule "r1" (rules[0].when[0]) expects the answer "c" to "reason", which is not one of its answer options (a, b).',
        'Routing rule "r2" (rules[1].when[0]) expects the answer "4" to "nested", which is not one of its answer options (x, 3).',
      ]);
    });

    it('does not judge codes of an item whose options come from a value set', () => {
      const c = configuration({ routing: routing([rule('r1', [{ linkId: 'from-value-set', anyOf: ['anything'] }], target('primary-care'))]) });
      expect(checkGuidanceConfiguration(c, TODAY)).toEqual([]);
    });

    it('names the questionnaire by id when it has no url', () => {
      const c = configuration({
        questionnaire: { resourceType: 'Questionnaire', status: 'active', id: 'contact-request' },
        routing: routing([rule('r1', [{ linkId: 'reason' }], target('primary-care'))]),
      });
      expect(checkGuidanceConfiguration(c, TODAY)).toEqual([
        'Routing rule "r1" (rules[0].when[0]) asks about "reason", which is not an item of questionnaire "contact-request".',
      ]);
    });

    it('catches a renamed answer code in the real contact questionnaire', () => {
      const rules = defaultRoutingRuleSet.rules.map((r) =>
        r.id === 'money-housing' ? { ...r, when: [{ linkId: 'reason', anyOf: ['money'] }] } : r,
      );
      const index = rules.findIndex((r) => r.id === 'money-housing');
      const c = {
        routing: { ...defaultRoutingRuleSet, rules },
        careGuarantee: defaultCareGuaranteeConfig,
        questionnaire: contactQuestionnaire,
        services: ['primary-care', 'oral-health', 'psychosocial-treatment', 'social-services', 'family-centre'],
      };
      expect(checkGuidanceConfiguration(c, TODAY)).toEqual([
        expect.stringMatching(
          new RegExp(`^Routing rule "money-housing" \\(rules\\[${index}\\]\\.when\\[0\\]\\) expects the answer "money" to "reason", which is not one of its answer options \\(back-pain, .*\\)\\.$`),
        ),
      ]);
    });
  });

  describe('services a professional can choose', () => {
    it('reports a routing rule and a fallback whose service is not listed', () => {
      const c = configuration({
        routing: routing([rule('r1', [{ linkId: 'reason', anyOf: ['a'] }], target('physio-gym'))], 'walk-in'),
        careGuarantee: guarantee([allAges('primary-care'), allAges('physio-gym'), allAges('walk-in')]),
      });
      expect(checkGuidanceConfiguration(c, TODAY)).toEqual([
        'Routing rule "r1" (rules[0].then.service) routes to service "physio-gym", which is not among the services a professional can choose.',
        'The routing fallback (fallback.service) routes to service "walk-in", which is not among the services a professional can choose.',
      ]);
    });
  });

  describe('care-guarantee coverage of every service contacts can reach', () => {
    it('reports a service without any rule, naming everything that uses it', () => {
      const c = configuration({
        routing: routing([
          rule('r1', [{ linkId: 'reason', anyOf: ['a'] }], target('social-services')),
          rule('r2', [{ linkId: 'reason', anyOf: ['b'] }], target('social-services', { urgency: 'urgent' })),
        ]),
        services: ['primary-care', 'social-services'],
      });
      expect(checkGuidanceConfiguration(c, TODAY)).toEqual([
        'Service "social-services" (used by routing rule "r1" (rules[0].then), routing rule "r2" (rules[1].then), services[1]) has no legal or regional care-guarantee rule for non-urgent care in force on 2025-06-16 for ages 0–150.',
      ]);
    });

    it('reports a listed service nobody routes to', () => {
      const c = configuration({ services: ['primary-care', 'oral-health'] });
      expect(checkGuidanceConfiguration(c, TODAY)).toEqual([
        'Service "oral-health" (used by services[1]) has no legal or regional care-guarantee rule for non-urgent care in force on 2025-06-16 for ages 0–150.',
      ]);
    });

    it('reports the ages left uncovered', () => {
      const band = (minAge: number | undefined, maxAgeExclusive: number | undefined, id: string): CareGuaranteeRule => ({
        ...allAges('primary-care', 'legal'),
        id,
        ...(minAge !== undefined && { minAge }),
        ...(maxAgeExclusive !== undefined && { maxAgeExclusive }),
      });
      const check = (rules: CareGuaranteeRule[]) => checkGuidanceConfiguration(configuration({ careGuarantee: guarantee(rules) }), TODAY);
      expect(check([band(undefined, 23, 'u23')])).toEqual([expect.stringMatching(/for ages 23–150\.$/)]);
      expect(check([band(18, 75, 'adult')])).toEqual([expect.stringMatching(/for ages 0–17 and 75–150\.$/)]);
      expect(check([band(undefined, 5, 'a'), band(6, undefined, 'b')])).toEqual([expect.stringMatching(/for age 5\.$/)]);
      expect(check([band(undefined, 5, 'a'), band(6, 150, 'b')])).toEqual([expect.stringMatching(/for ages 5 and 150\.$/)]);
      // A legal rule for some ages and a regional one for the rest cover everyone together.
      expect(check([band(undefined, 23, 'u23'), { ...allAges('primary-care'), minAge: 23 }])).toEqual([]);
    });

    it('counts only non-urgent rules', () => {
      const c = configuration({ careGuarantee: guarantee([{ ...allAges('primary-care'), urgency: 'urgent' }]) });
      expect(checkGuidanceConfiguration(c, TODAY)).toEqual([expect.stringMatching(/^Service "primary-care" .* for ages 0–150\.$/)]);
    });

    it('counts only rules in force today', () => {
      const therapyOnly = defaultCareGuaranteeConfig.rules.filter((r) => r.id === 'legal-psychosocial-treatment-under-23');
      const c = configuration({
        careGuarantee: guarantee([allAges('primary-care'), ...therapyOnly]),
        services: ['primary-care', 'psychosocial-treatment'],
      });
      expect(checkGuidanceConfiguration(c, '2025-04-30')).toEqual([
        'Service "psychosocial-treatment" (used by services[1]) has no legal or regional care-guarantee rule for non-urgent care in force on 2025-04-30 for ages 0–150.',
      ]);
      expect(checkGuidanceConfiguration(c, '2025-05-01')).toEqual([
        'Service "psychosocial-treatment" (used by services[1]) has no legal or regional care-guarantee rule for non-urgent care in force on 2025-05-01 for ages 23–150.',
      ]);
    });

    it('lists the problems in a stable order: questionnaire, services, coverage', () => {
      const c = configuration({
        routing: routing([rule('r1', [{ linkId: 'nope' }], target('x'))]),
      });
      expect(checkGuidanceConfiguration(c, TODAY)).toEqual([
        expect.stringMatching(/^Routing rule "r1" \(rules\[0\]\.when\[0\]\) asks about "nope"/),
        expect.stringMatching(/^Routing rule "r1" \(rules\[0\]\.then\.service\) routes to service "x"/),
        expect.stringMatching(/^Service "x" \(used by routing rule "r1" \(rules\[0\]\.then\)\)/),
      ]);
    });
  });
});

describe('dryRunRouting', () => {
  const before = routing([
    rule('r-a', [{ linkId: 'reason', anyOf: ['a'] }], target('primary-care')),
    rule('r-old', [{ ageAtLeast: 75 }], target('social-services', { profession: 'social-worker' })),
  ]);
  const samples: DryRunSample[] = [
    { id: 's1', answers: { reason: ['a'] } },
    { id: 's2', answers: { reason: ['b'] } },
    { id: 's3', answers: { reason: ['b'] }, age: 80 },
    { id: 's4', answers: {} },
  ];

  it('reports nothing changed for the same rule set', () => {
    expect(dryRunRouting(before, before, samples)).toEqual({ changed: [], unchanged: 4 });
  });

  it('reports each changed sample with both outcomes', () => {
    const after = routing([
      rule('r-a', [{ linkId: 'reason', anyOf: ['a'] }], target('primary-care', { profession: 'physiotherapist' })),
      rule('r-old', [{ ageAtLeast: 75 }], target('social-services', { profession: 'social-worker' })),
    ]);
    expect(dryRunRouting(before, after, samples)).toEqual({
      changed: [
        {
          id: 's1',
          before: { urgency: 'non-urgent', profession: 'nurse', service: 'primary-care', ruleId: 'r-a' },
          after: { urgency: 'non-urgent', profession: 'physiotherapist', service: 'primary-care', ruleId: 'r-a' },
        },
      ],
      unchanged: 3,
    });
  });

  it('uses the age: a rule for people 75 or over catches only the sample aged 80', () => {
    const after = routing([
      rule('r-a', [{ linkId: 'reason', anyOf: ['a'] }], target('primary-care')),
      rule('r-old', [{ ageAtLeast: 85 }], target('social-services', { profession: 'social-worker' })),
    ]);
    const result = dryRunRouting(before, after, samples);
    expect(result.changed.map((c) => [c.id, c.before.ruleId, c.after.ruleId])).toEqual([['s3', 'r-old', 'fallback']]);
  });

  it('counts a new winning rule with the same advice as a change', () => {
    const after = routing([
      rule('r-a2', [{ linkId: 'reason', anyOf: ['a'] }], target('primary-care')),
      rule('r-old', [{ ageAtLeast: 75 }], target('social-services', { profession: 'social-worker' })),
    ]);
    expect(dryRunRouting(before, after, samples).changed.map((c) => c.id)).toEqual(['s1']);
  });

  it('shows a change of urgency (safety first: the more urgent rule wins)', () => {
    const after = routing([
      ...before.rules,
      rule('urgent-b', [{ linkId: 'reason', anyOf: ['b'] }], target('primary-care', { urgency: 'urgent', profession: 'physician' })),
    ]);
    const result = dryRunRouting(before, after, samples);
    expect(result.changed.map((c) => [c.id, c.before.urgency, c.after.urgency, c.after.ruleId])).toEqual([
      ['s2', 'non-urgent', 'urgent', 'urgent-b'],
      ['s3', 'non-urgent', 'urgent', 'urgent-b'],
    ]);
    expect(result.unchanged).toBe(2);
  });

  it('handles no samples', () => {
    expect(dryRunRouting(before, before, [])).toEqual({ changed: [], unchanged: 0 });
  });
});
