/**
 * Translations of FHIR strings with the standard extension
 * http://hl7.org/fhir/StructureDefinition/translation on the primitive's element
 * (`_text`, `_title`, `_display`): sub-extensions `lang` (valueCode) and `content` (valueString).
 */
import type {
  Coding,
  Element,
  Extension,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireItemAnswerOption,
} from '@medplum/fhirtypes';
import type { Language, LocalizedText } from './types';

export const TRANSLATION_EXTENSION_URL = 'http://hl7.org/fhir/StructureDefinition/translation';

/** A FHIR element that may carry a translated `text` (`_text`). */
export interface TranslatableText {
  text?: string;
  _text?: Element;
}

/** FHIR shapes with the primitive-extension elements that @medplum/fhirtypes leaves out. */
export interface TranslatedCoding extends Coding {
  _display?: Element;
}
export interface TranslatedAnswerOption extends QuestionnaireItemAnswerOption {
  valueCoding?: TranslatedCoding;
}
export interface TranslatedQuestionnaireItem extends QuestionnaireItem {
  _text?: Element;
  answerOption?: TranslatedAnswerOption[];
  item?: TranslatedQuestionnaireItem[];
}
export interface TranslatedQuestionnaire extends Questionnaire {
  _title?: Element;
  item?: TranslatedQuestionnaireItem[];
}

export function translationExtension(lang: string, content: string): Extension {
  return {
    url: TRANSLATION_EXTENSION_URL,
    extension: [
      { url: 'lang', valueCode: lang },
      { url: 'content', valueString: content },
    ],
  };
}

/** The `_x` element holding every language of `text` except the base language. */
export function translationsElement(text: LocalizedText, base: Language = 'fi'): Element {
  const others = (Object.keys(text) as Language[]).filter((lang) => lang !== base);
  return { extension: others.map((lang) => translationExtension(lang, text[lang])) };
}

/** The text in `lang`: the matching translation, else the base string, else ''. */
export function translate(base: string | undefined, element: Element | undefined, lang: Language): string {
  for (const ext of element?.extension ?? []) {
    if (ext.url !== TRANSLATION_EXTENSION_URL) continue;
    const sub = (url: string): Extension | undefined => ext.extension?.find((e) => e.url === url);
    const content = sub('content')?.valueString;
    const code = sub('lang')?.valueCode ?? '';
    if ((code === lang || code.startsWith(`${lang}-`)) && content) return content;
  }
  return base ?? '';
}

/** `translate` for an element's `text`/`_text` pair (e.g. a Questionnaire item). */
export function localizedText(element: TranslatableText | undefined, lang: Language): string {
  return translate(element?.text, element?._text, lang);
}

/** All three languages at once. */
export function toLocalizedText(base: string | undefined, element: Element | undefined): LocalizedText {
  return { fi: translate(base, element, 'fi'), sv: translate(base, element, 'sv'), en: translate(base, element, 'en') };
}
