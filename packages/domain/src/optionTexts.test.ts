import { describe, expect, it } from 'vitest';
import { contactQuestionnaire } from './contactQuestionnaire';
import { optionTexts } from './optionTexts';
import { translationsElement, type TranslatedQuestionnaire } from './translation';

const nested: TranslatedQuestionnaire = {
  resourceType: 'Questionnaire',
  status: 'active',
  item: [
    {
      linkId: 'group',
      type: 'group',
      item: [
        {
          linkId: 'reason',
          type: 'choice',
          answerOption: [
            { valueCoding: { code: 'chest', display: 'Rintakipu', _display: translationsElement({ fi: 'Rintakipu', sv: 'Bröstsmärta', en: 'Chest pain' }) } },
            { valueCoding: { code: 'plain', display: 'Vain suomeksi' } },
          ],
        },
      ],
    },
  ],
};

describe('an option in every language', () => {
  it('finds the option inside a group and gives its three languages', () => {
    expect(optionTexts(nested, 'reason', 'chest')).toEqual({ fi: 'Rintakipu', sv: 'Bröstsmärta', en: 'Chest pain' });
  });

  it('falls back to the base words where a language is missing', () => {
    expect(optionTexts(nested, 'reason', 'plain')).toEqual({ fi: 'Vain suomeksi', sv: 'Vain suomeksi', en: 'Vain suomeksi' });
  });

  it('gives nothing for an unknown code, an unknown question, no code or no questionnaire', () => {
    expect(optionTexts(nested, 'reason', 'nope')).toBeUndefined();
    expect(optionTexts(nested, 'other', 'chest')).toBeUndefined();
    expect(optionTexts(nested, 'reason', undefined)).toBeUndefined();
    expect(optionTexts(undefined, 'reason', 'chest')).toBeUndefined();
  });

  it("reads the contact questionnaire's topics in Swedish and English", () => {
    const questionnaire = contactQuestionnaire;
    const reason = (questionnaire.item ?? []).find((i) => i.linkId === 'reason');
    const first = reason?.answerOption?.[0]?.valueCoding?.code;
    const texts = optionTexts(questionnaire, 'reason', first);
    expect(texts?.fi).toBeTruthy();
    expect(texts?.sv).not.toBe(texts?.fi);
    expect(texts?.en).not.toBe(texts?.fi);
  });
});
