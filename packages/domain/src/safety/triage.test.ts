import { describe, it, expect } from 'vitest';
import { defaultRoutingRuleSet as rules } from '../defaultRoutingRules';
import { urgencyRank } from '../guidanceQueue';
import { suggestRouting, type AnswerMap, type RoutingRuleSet } from '../routingRules';
import { defaultSafetyScreen as screen } from './defaultSafetyScreen';
import type { SafetyScreen } from './safetyScreen';
import { ADVICE_ORDER, answeredDangerSigns, orderAdvice, scanAnswers, triageContact } from './triage';

const contact = (extra: AnswerMap): AnswerMap => ({
  'danger-signs': ['none'],
  duration: ['weeks'],
  severity: [5],
  description: ['Asiaa on jatkunut jonkin aikaa.'],
  'contact-preference': ['phone'],
  ...extra,
});
const triage = (answers: AnswerMap, s: SafetyScreen = screen, r: RoutingRuleSet = rules, age?: number) =>
  triageContact(answers, { age }, r, s);

const MILD_BACK = { reason: ['back-pain'], 'back-red-flags': [false], severity: [3], duration: ['today'] };

describe('triageContact — nothing found', () => {
  it('is the rules’ suggestion, with empty findings and the rule’s advice', () => {
    const answers = contact({ reason: ['low-mood'], 'self-harm': [true] });
    const result = triage(answers);
    expect(result).toEqual({
      ...suggestRouting(answers, {}, rules),
      ruleUrgency: 'urgent',
      dangerSigns: [],
      textMatches: [],
      advice: ['crisis-line'],
    });
    expect(result.raisedBy).toBeUndefined();
  });

  it('passes the age on to the rules', () => {
    const ageRules: RoutingRuleSet = {
      ...rules,
      rules: [{ ...rules.rules[0]!, id: 'young', when: [{ ageBelow: 18 }], then: { urgency: 'urgent', profession: 'nurse', service: 'x' } }],
    };
    expect(triage(contact({ reason: ['other'] }), screen, ageRules, 12).ruleId).toBe('young');
    expect(triage(contact({ reason: ['other'] }), screen, ageRules, 40).ruleId).toBe('fallback');
  });
});

describe('triageContact — raised by a danger sign', () => {
  it('makes mild back pain with a ticked chest sign emergent, for a physician, with 112', () => {
    const result = triage(contact({ ...MILD_BACK, 'danger-signs': ['chest'] }));
    expect(result).toMatchObject({
      urgency: 'emergent',
      ruleUrgency: 'self-care',
      ruleId: 'back-pain-self-care',
      raisedBy: 'danger-sign',
      profession: 'physician',
      service: 'primary-care',
      advice: ['call-112'],
    });
    expect(result.dangerSigns.map((s) => s.code)).toEqual(['chest']);
  });

  it('sends danger to others to a social worker in social services, with 112 and the social emergency service', () => {
    expect(triage(contact({ ...MILD_BACK, 'danger-signs': ['danger-to-others'] }))).toMatchObject({
      urgency: 'emergent',
      profession: 'social-worker',
      service: 'social-services',
      advice: ['call-112', 'social-emergency'],
    });
  });

  it('sends a suicide plan to a psychiatric nurse with 112 and the crisis line', () => {
    expect(triage(contact({ reason: ['other'], 'danger-signs': ['suicide-plan'] }))).toMatchObject({
      urgency: 'emergent',
      profession: 'psychiatric-nurse',
      advice: ['call-112', 'crisis-line'],
    });
  });

  it('lists the ticked signs in the screen’s order, and "none" beside a sign does not cancel it', () => {
    const answers = contact({ reason: ['other'], 'danger-signs': ['none', 'danger-to-others', 'chest'] });
    expect(answeredDangerSigns(answers, screen).map((s) => s.code)).toEqual(['chest', 'danger-to-others']);
    // the first most urgent sign in the screen's order names who sees it
    expect(triage(answers)).toMatchObject({ urgency: 'emergent', profession: 'physician', raisedBy: 'danger-sign' });
  });

  it('ignores codes that are not signs (the response check refuses them before)', () => {
    expect(answeredDangerSigns(contact({ 'danger-signs': ['none', 'headache', 7] }), screen)).toEqual([]);
  });

  it('keeps the rule’s profession and service when the sign names none', () => {
    const bare: SafetyScreen = { ...screen, signs: [{ code: 'chest', label: screen.signs[0]!.label, urgency: 'emergent', advice: ['call-112'] }] };
    expect(triage(contact({ reason: ['money-housing'], 'danger-signs': ['chest'] }), bare)).toMatchObject({
      urgency: 'emergent',
      profession: 'social-instructor',
      service: 'social-services',
    });
  });
});

describe('triageContact — raised by the free text', () => {
  it('catches stroke words under "something else" and says so in three languages', () => {
    const result = triage(contact({ reason: ['other'], description: ['Isän puhe sammaltaa ja suupieli roikkuu.'] }));
    expect(result).toMatchObject({ urgency: 'emergent', ruleUrgency: 'non-urgent', raisedBy: 'free-text', profession: 'physician', advice: ['call-112'] });
    expect(result.textMatches.map((m) => [m.groupId, m.matched])).toEqual([['stroke', 'puhe sammaltaa']]);
    expect(result.explanation.fi).toContain('Kiireellisyyttä nostettiin: säännöt antoivat "kiireetön", turvaseulonta "päivystyksellinen".');
    expect(result.explanation.fi).toContain('"puhe sammaltaa" (Aivoinfarktin tai aivoverenvuodon merkkejä)');
    expect(result.explanation.sv).toContain('Brådskandegraden höjdes: reglerna gav "icke-brådskande", säkerhetsscreeningen "akut".');
    expect(result.explanation.sv).toContain('"puhe sammaltaa" (Tecken på stroke (hjärninfarkt eller hjärnblödning))');
    expect(result.explanation.en).toContain('Urgency was raised: the rules gave "non-urgent", the safety screen "emergent".');
    expect(result.explanation.en).toContain('"puhe sammaltaa" (Signs of stroke)');
    expect(result.explanation.en).toContain('does not understand negation');
    expect(result.explanation.en).toMatch(/Rules: No rule matched\.|Rules: Rule "Something else"/);
  });

  it('raises to urgent only for an urgent group, with its advice', () => {
    expect(triage(contact({ reason: ['other'], description: ['Kaatui ja löi päänsä eilen.'] }))).toMatchObject({
      urgency: 'urgent',
      raisedBy: 'free-text',
      advice: ['on-call-helpline'],
    });
  });

  it('scans only the screen’s text items, each on its own line', () => {
    const two: SafetyScreen = { ...screen, textLinkIds: ['description', 'other-text'] };
    expect(scanAnswers({ description: ['suupieli'], 'other-text': ['roikkuu'] }, two)).toEqual([]);
    expect(scanAnswers({ description: ['ok'], 'other-text': ['suupieli roikkuu'] }, two).map((m) => m.groupId)).toEqual(['stroke']);
    expect(scanAnswers({ description: ['puhe sammaltaa'] }, { ...screen, textLinkIds: [] })).toEqual([]);
    expect(scanAnswers({ description: [42, true] }, screen)).toEqual([]);
  });

  it('prefers a ticked sign to words of the same urgency when naming who sees it', () => {
    const result = triage(contact({ ...MILD_BACK, 'danger-signs': ['danger-to-others'], description: ['Rintaa puristaa kovasti.'] }));
    expect(result).toMatchObject({ raisedBy: 'danger-sign', profession: 'social-worker', service: 'social-services' });
    expect(result.advice).toEqual(['call-112', 'social-emergency', 'on-call-helpline']);
  });

  it('lets the most urgent finding win over an earlier milder one', () => {
    const result = triage(contact({ reason: ['money-housing'], description: ['Väkivaltaa on ollut. Nyt mies löi minua.'] }));
    expect(result.textMatches.map((m) => m.groupId)).toEqual(['violence-mentioned', 'violence']);
    expect(result).toMatchObject({ urgency: 'emergent', profession: 'social-worker', advice: ['call-112', 'social-emergency'] });
  });
});

describe('triageContact — never lowers', () => {
  it('keeps an emergent rule emergent and its explanation first-hand when the words are milder', () => {
    const result = triage(contact({ reason: ['chest'], 'chest-severe': [true], description: ['Rintaan pistää.'] }));
    expect(result).toMatchObject({ urgency: 'emergent', ruleUrgency: 'emergent', ruleId: 'chest-severe', profession: 'physician' });
    expect(result.raisedBy).toBeUndefined();
    expect(result.textMatches.map((m) => m.groupId)).toEqual(['chest-pain']);
    expect(result.advice).toEqual(['call-112', 'on-call-helpline']);
    expect(result.explanation.en).not.toContain('raised');
    expect(result.explanation.en).toContain('may point to a serious condition');
  });

  it('keeps the rule’s profession when a finding is only as urgent as the rule', () => {
    const result = triage(contact({ reason: ['low-mood'], 'self-harm': [true], description: ['Kotona on ollut väkivaltaa.'] }));
    expect(result).toMatchObject({ urgency: 'urgent', profession: 'psychiatric-nurse', service: 'primary-care' });
    expect(result.raisedBy).toBeUndefined();
    expect(result.advice).toEqual(['crisis-line', 'social-emergency']);
  });

  const reasons: AnswerMap[] = [
    { reason: ['chest'], 'chest-severe': [true] },
    { reason: ['chest'], 'chest-severe': [false] },
    { reason: ['low-mood'], 'self-harm': [true] },
    { reason: ['low-mood'], 'self-harm': [false] },
    MILD_BACK,
    { reason: ['back-pain'], 'back-red-flags': [true] },
    { reason: ['money-housing'] },
    { reason: ['child-family'] },
    { reason: ['other'] },
  ];
  const signs = [[], ['none'], ...screen.signs.map((s) => [s.code])];
  const texts = ['Kaikki hyvin.', 'rintakipua', 'kuumetta 40', 'puhe sammaltaa', 'ei rintakipua', 'väkivaltaa'];

  it(`never suggests less than the rules, over ${reasons.length * signs.length * texts.length} combinations`, () => {
    for (const r of reasons) {
      for (const s of signs) {
        for (const d of texts) {
          const answers = contact({ ...r, 'danger-signs': s, description: [d] });
          const result = triage(answers);
          const rule = suggestRouting(answers, {}, rules);
          expect(result.ruleUrgency).toBe(rule.urgency);
          expect(urgencyRank(result.urgency)).toBeLessThanOrEqual(urgencyRank(rule.urgency));
          expect(result.raisedBy !== undefined).toBe(result.urgency !== rule.urgency);
          if (result.urgency === 'emergent') expect(result.advice[0]).toBe('call-112');
        }
      }
    }
  });
});

describe('advice', () => {
  it('is ordered: 112, crisis line, social emergency, on-call helpline, emergency department', () => {
    expect(ADVICE_ORDER).toEqual(['call-112', 'crisis-line', 'social-emergency', 'on-call-helpline', 'emergency-department']);
    expect(orderAdvice(['emergency-department', 'on-call-helpline', 'call-112', 'crisis-line', 'call-112'])).toEqual([
      'call-112',
      'crisis-line',
      'on-call-helpline',
      'emergency-department',
    ]);
    expect(orderAdvice([])).toEqual([]);
  });

  it('joins the rules’, the signs’ and the words’ advice', () => {
    const answers = contact({
      reason: ['low-mood'],
      'self-harm': [true],
      'danger-signs': ['danger-to-others'],
      description: ['Kuumetta 40 ja kaatui, löi päänsä.'],
    });
    expect(triage(answers).advice).toEqual(['call-112', 'crisis-line', 'social-emergency', 'on-call-helpline']);
  });

  it('includes the advice of every matched rule, not only the winner’s', () => {
    const twoRules: RoutingRuleSet = {
      ...rules,
      rules: [
        { ...rules.rules[3]!, id: 'a', when: [{ linkId: 'reason', anyOf: ['other'] }], advice: ['emergency-department'] },
        { ...rules.rules[9]!, id: 'b', when: [{ linkId: 'reason', anyOf: ['other'] }], advice: ['on-call-helpline'] },
      ],
    };
    const result = triage(contact({ reason: ['other'] }), screen, twoRules);
    expect(result.matchedRuleIds).toEqual(['a', 'b']);
    expect(result.advice).toEqual(['on-call-helpline', 'emergency-department']);
  });

  it('always tells an emergent contact to call 112, even when the configuration forgot it', () => {
    const forgetful: SafetyScreen = { ...screen, signs: screen.signs.map((s) => ({ ...s, advice: [] })) };
    expect(triage(contact({ reason: ['other'], 'danger-signs': ['stroke'] }), forgetful).advice).toEqual(['call-112']);
    const emergentRule: RoutingRuleSet = { ...rules, rules: rules.rules.map((r) => ({ ...r, advice: undefined })) };
    expect(triage(contact({ reason: ['chest'], 'chest-severe': [true] }), screen, emergentRule).advice).toEqual(['call-112']);
  });
});

describe('explanation', () => {
  it('lists the ticked signs in each language', () => {
    const { explanation } = triage(contact({ ...MILD_BACK, 'danger-signs': ['chest', 'bleeding'] }));
    expect(explanation.fi).toContain('Vastaaja valitsi vaaranmerkit: Rintakipu tai hengenahdistus levossa; Runsas verenvuoto, joka ei lakkaa.');
    expect(explanation.sv).toContain('Den som svarade valde varningstecknen: Bröstsmärta eller andnöd i vila; Kraftig blödning som inte slutar.');
    expect(explanation.en).toContain('The person answering chose the danger signs: Chest pain, or breathlessness at rest; Heavy bleeding that does not stop.');
    expect(explanation.en).not.toContain('negation');
    expect(explanation.en).toMatch(/Rules: Rule "Mild, recent back pain"/);
  });
});
