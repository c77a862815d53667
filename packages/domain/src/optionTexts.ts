/**
 * An answer's words in every language, as the questionnaire offered it: a contact's topic
 * ("Rintakipu" / "Bröstsmärta" / "Chest pain") read from the chosen option's `display` and its
 * translations, so a Swedish-speaking nurse sees the topic in Swedish although the contact
 * stored the Finnish words.
 */
import type { LocalizedText } from './types';
import { toLocalizedText, type TranslatedQuestionnaire, type TranslatedQuestionnaireItem } from './translation';

function findItem(items: TranslatedQuestionnaireItem[] | undefined, linkId: string): TranslatedQuestionnaireItem | undefined {
  for (const item of items ?? []) {
    if (item.linkId === linkId) return item;
    const inner = findItem(item.item, linkId);
    if (inner) return inner;
  }
  return undefined;
}

/** The option with this code under `linkId`, in all three languages; undefined when the questionnaire has no such option. */
export function optionTexts(questionnaire: TranslatedQuestionnaire | undefined, linkId: string, code: string | undefined): LocalizedText | undefined {
  if (!code) return undefined;
  const option = findItem(questionnaire?.item, linkId)?.answerOption?.find((o) => o.valueCoding?.code === code)?.valueCoding;
  if (!option?.display) return undefined;
  return toLocalizedText(option.display, option._display);
}
