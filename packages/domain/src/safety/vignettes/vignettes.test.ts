import { describe, it, expect } from 'vitest';
import type { QuestionnaireResponse, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import { checkResponseAgainstQuestionnaire } from '../../checkResponse';
import { contactQuestionnaire } from '../../contactQuestionnaire';
import { defaultRoutingRuleSet } from '../../defaultRoutingRules';
import type { AnswerMap } from '../../routingRules';
import { URGENCIES } from '../../types';
import { LANGUAGES } from '../../validation';
import { defaultSafetyScreen } from '../defaultSafetyScreen';
import { triageContact } from '../triage';
import { safetyVignettes } from './index';
import { formatVignetteReport, NEEDLESS_RAISING_LIMIT, vignetteReport, type Vignette } from './vignette';

/** The vignette's answers as the FHIR response the web form would send. */
function asResponse(v: Vignette): QuestionnaireResponse {
  const answers: AnswerMap = { ...v.answers, 'contact-preference': ['phone'] };
  return {
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    item: (contactQuestionnaire.item ?? [])
      .filter((item) => answers[item.linkId] !== undefined)
      .map((item) => ({
        linkId: item.linkId,
        answer: answers[item.linkId]!.map((value): QuestionnaireResponseItemAnswer => {
          if (typeof value === 'boolean') return { valueBoolean: value };
          if (typeof value === 'number') return { valueInteger: value };
          const option = item.answerOption?.find((o) => o.valueCoding?.code === value);
          return option ? { valueCoding: { system: option.valueCoding!.system, code: value } } : { valueString: value };
        }),
      })),
  };
}

const outcomes = safetyVignettes.map((v) => {
  const result = triageContact(v.answers, { age: v.age }, defaultRoutingRuleSet, defaultSafetyScreen);
  return { id: v.id, expected: v.expected, actual: result.urgency, ruleUrgency: result.ruleUrgency };
});
const report = vignetteReport(outcomes);

describe('the vignette set', () => {
  it('has 20 contacts in each language, unique ids', () => {
    for (const lang of LANGUAGES) expect(safetyVignettes.filter((v) => v.language === lang), lang).toHaveLength(20);
    expect(new Set(safetyVignettes.map((v) => v.id)).size).toBe(safetyVignettes.length);
  });

  it('covers every urgency in every language, ordinary matters included', () => {
    for (const lang of LANGUAGES) {
      for (const urgency of URGENCIES) {
        expect(safetyVignettes.filter((v) => v.language === lang && v.expected === urgency).length, `${lang} ${urgency}`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('has people under-reporting: most emergencies have "none of these" ticked', () => {
    const emergent = safetyVignettes.filter((v) => v.expected === 'emergent');
    const noneTicked = emergent.filter((v) => v.answers['danger-signs']?.[0] === 'none');
    expect(noneTicked.length).toBeGreaterThan(emergent.length / 2);
  });

  it.each(safetyVignettes.map((v) => [v.id, v] as const))('%s is a valid answer to the contact questionnaire', (_id, v) => {
    expect(checkResponseAgainstQuestionnaire(contactQuestionnaire, asResponse(v))).toEqual([]);
  });
});

describe('triage of the vignettes with the default rules and safety screen', () => {
  it('reports its figures', () => {
    console.log(formatVignetteReport(report));
    expect(report.total).toBe(60);
  });

  it('catches every emergent case as emergent', () => {
    expect(report.emergent.missed).toEqual([]);
    expect(report.emergent.sensitivity).toBe(1);
  });

  it('catches every urgent or emergent case as at least urgent', () => {
    expect(report.urgentOrAbove.missed).toEqual([]);
    expect(report.underTriage).toEqual([]);
  });

  it(`raises at most ${NEEDLESS_RAISING_LIMIT * 100} % of non-urgent and self-care cases needlessly`, () => {
    expect(report.needlessRaising.total).toBeGreaterThanOrEqual(20);
    expect(report.needlessRaising.share).toBeLessThanOrEqual(NEEDLESS_RAISING_LIMIT);
  });

  it('would fail if the screen were switched off: the rules alone miss emergencies', () => {
    const rulesOnly = vignetteReport(outcomes.map((o) => ({ ...o, actual: o.ruleUrgency })));
    expect(rulesOnly.emergent.missed.length).toBeGreaterThan(10);
  });
});
