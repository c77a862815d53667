import { describe, it, expect } from 'vitest';
import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import * as domain from './index';

describe('@ovi/domain public API', () => {
  it.each([
    'toHelsinkiDate',
    'helsinkiEndOfDay',
    'helsinkiTime',
    'isWorkingDay',
    'addCalendarDays',
    'addCalendarMonths',
    'previousWorkingDayOnOrBefore',
    'nextWorkingDayOnOrAfter',
    'ageOn',
    'computeDeadlines',
    'validateCareGuaranteeConfig',
    'suggestRouting',
    'validateRoutingRuleSet',
    'translate',
    'localizedText',
    'extractAnswers',
    'checkResponseAgainstQuestionnaire',
    'urgencyRank',
    'taskPriorityFor',
    'sortQueue',
    'minutesLeft',
    'triageContact',
    'scanFreeText',
    'validateSafetyScreen',
    'checkScreenAgainstQuestionnaire',
    'vignetteReport',
  ])('exports the function %s', (name) => {
    expect(typeof (domain as Record<string, unknown>)[name]).toBe('function');
  });
  it('exports the data', () => {
    expect(domain.defaultCareGuaranteeConfig.version).toBe(1);
    expect(domain.defaultRoutingRuleSet.rules.length).toBeGreaterThan(0);
    expect(domain.contactQuestionnaire.url).toBe(domain.CONTACT_QUESTIONNAIRE_URL);
    expect(domain.defaultSafetyScreen.questionLinkId).toBe('danger-signs');
    expect(domain.safetyVignettes).toHaveLength(60);
  });
});

describe('a contact from form to deadline', () => {
  it('routes a Friday-evening back-pain contact of a 22-year-old to a physiotherapist', () => {
    const system = domain.CONTACT_CODE_SYSTEMS;
    const response: QuestionnaireResponse = {
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      questionnaire: domain.CONTACT_QUESTIONNAIRE_URL,
      item: [
        { linkId: 'danger-signs', answer: [{ valueCoding: { system: system.dangerSign, code: 'none' } }] },
        { linkId: 'reason', answer: [{ valueCoding: { system: system.reason, code: 'back-pain' } }] },
        { linkId: 'back-red-flags', answer: [{ valueBoolean: false }] },
        { linkId: 'duration', answer: [{ valueCoding: { system: system.duration, code: 'weeks' } }] },
        { linkId: 'severity', answer: [{ valueInteger: 5 }] },
        { linkId: 'description', answer: [{ valueString: 'Alaselkä on ollut kipeä kolme viikkoa.' }] },
        { linkId: 'contact-preference', answer: [{ valueCoding: { system: system.contactPreference, code: 'phone' } }] },
      ],
    };
    expect(domain.checkResponseAgainstQuestionnaire(domain.contactQuestionnaire, response)).toEqual([]);

    const contactAt = new Date('2025-06-13T15:30:00Z'); // Friday 18:30 in Helsinki
    const birthDate = '2002-07-01';
    const age = domain.ageOn(birthDate, domain.toHelsinkiDate(contactAt));
    const suggestion = domain.suggestRouting(domain.extractAnswers(response), { age }, domain.defaultRoutingRuleSet);
    expect(suggestion).toMatchObject({ ruleId: 'back-pain', urgency: 'non-urgent', profession: 'physiotherapist' });
    const triage = domain.triageContact(domain.extractAnswers(response), { age }, domain.defaultRoutingRuleSet, domain.defaultSafetyScreen);
    expect(triage).toMatchObject({ ...suggestion, ruleUrgency: 'non-urgent', dangerSigns: [], textMatches: [], advice: [] });

    const d = domain.computeDeadlines({
      contactAt,
      service: suggestion.service,
      urgency: suggestion.urgency,
      birthDate,
      config: domain.defaultCareGuaranteeConfig,
    });
    expect(d.assessmentDue.toISOString()).toBe('2025-06-16T13:00:00.000Z'); // Monday 16:00
    expect(d.legalRuleId).toBe('legal-primary-care-under-23');
    expect(d.legal?.toISOString()).toBe('2025-06-27T20:59:59.999Z'); // 13 + 14 = 27.6. (Friday)
    expect(d.workTo.toISOString()).toBe('2025-06-19T20:59:59.999Z'); // 20.6. is Midsummer Eve → Thursday
    expect(domain.taskPriorityFor(suggestion.urgency)).toBe('routine');
  });
});
