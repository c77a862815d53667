import { describe, it, expect } from 'vitest';
import type { Questionnaire } from '@medplum/fhirtypes';
import { contactQuestionnaire } from '../contactQuestionnaire';
import { defaultSafetyScreen } from './defaultSafetyScreen';
import type { SafetyScreen } from './safetyScreen';
import { checkScreenAgainstQuestionnaire, validateSafetyScreen } from './validateSafetyScreen';

type Loose = Record<string, unknown> & { signs: Record<string, unknown>[]; wordGroups: Record<string, unknown>[] };
const clone = (): Loose => structuredClone(defaultSafetyScreen) as unknown as Loose;
const errorsOf = (change: (v: Loose) => void): string[] => {
  const value = clone();
  change(value);
  return validateSafetyScreen(value).errors;
};

describe('validateSafetyScreen', () => {
  it('accepts the default screen and returns a copy', () => {
    const { screen, errors } = validateSafetyScreen(defaultSafetyScreen);
    expect(errors).toEqual([]);
    expect(screen).toEqual(defaultSafetyScreen);
    expect(screen).not.toBe(defaultSafetyScreen);
  });

  it('refuses a non-object', () => {
    expect(validateSafetyScreen('screen')).toEqual({ errors: ['(root): must be an object, got "screen"'] });
    expect(validateSafetyScreen(null).errors).toEqual(['(root): must be an object, got null']);
  });

  it('checks the top level, unknown keys included', () => {
    expect(
      validateSafetyScreen({ version: 0, questionLinkId: '', noneCode: 3, textLinkIds: 'description', signs: [], wordGroups: {}, extra: 1 }).errors,
    ).toEqual([
      'extra: unknown property',
      'version: must be an integer between 1 and 9007199254740991, got 0',
      'questionLinkId: must be a non-empty string, got ""',
      'noneCode: must be a non-empty string, got 3',
      'textLinkIds: must be an array of strings',
      'signs: must be a non-empty array',
      'wordGroups: must be an array',
    ]);
    expect(errorsOf((v) => (v.textLinkIds = ['description', 'description', '']))).toEqual([
      'textLinkIds[1]: "description" is given twice',
      'textLinkIds[2]: must be a non-empty string, got ""',
    ]);
  });

  it('checks each sign: keys, code, three languages, urgency, advice, profession, service', () => {
    expect(
      errorsOf((v) => {
        v.signs[0] = { code: '', label: { fi: 'x', sv: 'x' }, urgency: 'non-urgent', advice: 'call-112', profession: 'surgeon', service: '', colour: 'red' };
      }),
    ).toEqual([
      'signs[0].colour: unknown property',
      'signs[0].code: must be a non-empty string, got ""',
      'signs[0].label.en: must be a non-empty string, got missing',
      'signs[0].urgency: must be one of emergent, urgent, got "non-urgent"',
      'signs[0].advice: must be an array of advice kinds',
      expect.stringMatching(/^signs\[0\]\.profession: must be one of physician, .*, got "surgeon"$/),
      'signs[0].service: must be a non-empty string, got ""',
    ]);
  });

  it('refuses unknown or repeated advice kinds', () => {
    expect(errorsOf((v) => (v.signs[0]!.advice = ['call-112', 'call-911', 'call-112']))).toEqual([
      'signs[0].advice[1]: must be one of call-112, on-call-helpline, crisis-line, emergency-department, social-emergency, got "call-911"',
      'signs[0].advice[2]: "call-112" is given twice',
    ]);
  });

  it('requires call-112 on every emergent sign and word group, not on urgent ones', () => {
    expect(
      errorsOf((v) => {
        v.signs[5]!.advice = ['crisis-line'];
        v.wordGroups[1]!.advice = [];
      }),
    ).toEqual(['signs[5].advice: an emergent item must include "call-112"', 'wordGroups[1].advice: an emergent item must include "call-112"']);
    expect(errorsOf((v) => (v.wordGroups[0]!.advice = []))).toEqual([]);
  });

  it('refuses duplicate sign codes, a sign coded as "none", and duplicate group ids', () => {
    expect(
      errorsOf((v) => {
        v.signs[2]!.code = 'chest';
        v.signs[3]!.code = 'none';
        v.wordGroups[4]!.id = 'chest-pain';
      }),
    ).toEqual([
      'signs[2].code: duplicate code "chest" (also signs[0])',
      'signs[3].code: "none" is the noneCode',
      'wordGroups[4].id: duplicate id "chest-pain" (also wordGroups[0])',
    ]);
  });

  it('requires patterns in all three languages, non-empty and parseable', () => {
    expect(
      errorsOf((v) => {
        v.wordGroups[0]!.patterns = { fi: ['rintakip*', 'ki*pu', ''], sv: [], de: ['Brustschmerz'] };
        v.wordGroups[1]!.patterns = ['chest pain'];
      }),
    ).toEqual([
      'wordGroups[0].patterns.de: unknown property',
      'wordGroups[0].patterns.fi[1]: "ki*pu": "ki*pu" is not a word (letters and digits, optionally ending in *)',
      'wordGroups[0].patterns.fi[2]: must be a non-empty string, got ""',
      'wordGroups[0].patterns.sv: must be a non-empty array of strings',
      'wordGroups[0].patterns.en: must be a non-empty array of strings',
      'wordGroups[1].patterns: must be an object, got an array',
    ]);
  });

  it('checks each word group: keys, id, label, urgency', () => {
    expect(
      errorsOf((v) => {
        v.wordGroups[0] = { ...v.wordGroups[0], id: 5, label: 'chest', urgency: 'soon', words: [] };
      }),
    ).toEqual([
      'wordGroups[0].words: unknown property',
      'wordGroups[0].id: must be a non-empty string, got 5',
      'wordGroups[0].label: must be an object, got "chest"',
      'wordGroups[0].urgency: must be one of emergent, urgent, got "soon"',
    ]);
  });

  it('accepts a screen without word groups or text items (signs only)', () => {
    expect(errorsOf((v) => ((v.wordGroups = []), (v.textLinkIds = [])))).toEqual([]);
  });
});

describe('checkScreenAgainstQuestionnaire', () => {
  const q = (): Questionnaire => structuredClone(contactQuestionnaire) as Questionnaire;
  const dangerItem = (questionnaire: Questionnaire) => questionnaire.item!.find((i) => i.linkId === 'danger-signs')!;

  it('finds the default screen and the contact questionnaire fit together', () => {
    expect(checkScreenAgainstQuestionnaire(defaultSafetyScreen, contactQuestionnaire)).toEqual([]);
  });

  it('requires the question to exist', () => {
    expect(checkScreenAgainstQuestionnaire({ ...defaultSafetyScreen, questionLinkId: 'dangers' }, contactQuestionnaire)).toEqual([
      'questionLinkId: the questionnaire has no item "dangers"',
    ]);
  });

  it('requires a repeating choice item', () => {
    expect(checkScreenAgainstQuestionnaire({ ...defaultSafetyScreen, questionLinkId: 'severity' }, contactQuestionnaire)).toEqual(
      expect.arrayContaining([
        'questionLinkId: item "severity" is a integer item, not a choice',
        'questionLinkId: item "severity" must repeat (several signs can be ticked)',
        'noneCode: "none" is not an answer option of "severity"',
      ]),
    );
    const single = q();
    dangerItem(single).repeats = false;
    expect(checkScreenAgainstQuestionnaire(defaultSafetyScreen, single)).toEqual([
      'questionLinkId: item "danger-signs" must repeat (several signs can be ticked)',
    ]);
  });

  it('requires every sign and "none" to be an option, and every option to be a sign or "none"', () => {
    const screen: SafetyScreen = {
      ...defaultSafetyScreen,
      noneCode: 'nothing',
      signs: [...defaultSafetyScreen.signs.slice(1), { ...defaultSafetyScreen.signs[0]!, code: 'fever' }],
    };
    expect(checkScreenAgainstQuestionnaire(screen, contactQuestionnaire)).toEqual([
      'signs[6].code: "fever" is not an answer option of "danger-signs"',
      'noneCode: "nothing" is not an answer option of "danger-signs"',
      'questionLinkId: the option "chest" of "danger-signs" is not a sign of the screen',
      'questionLinkId: the option "none" of "danger-signs" is not a sign of the screen',
    ]);
  });

  it('requires the text items to exist and be free text', () => {
    expect(
      checkScreenAgainstQuestionnaire({ ...defaultSafetyScreen, textLinkIds: ['description', 'story', 'reason'] }, contactQuestionnaire),
    ).toEqual(['textLinkIds[1]: the questionnaire has no item "story"', 'textLinkIds[2]: item "reason" is a choice item, not free text']);
  });

  it('finds items nested in groups', () => {
    const nested = q();
    const items = nested.item!;
    nested.item = [{ linkId: 'screen', type: 'group', item: items.filter((i) => i.linkId === 'danger-signs') }, ...items.filter((i) => i.linkId !== 'danger-signs')];
    expect(checkScreenAgainstQuestionnaire(defaultSafetyScreen, nested)).toEqual([]);
  });
});
