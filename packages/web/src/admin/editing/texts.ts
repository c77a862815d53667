/** Texts in Finnish, Swedish and English: the languages, and the problems of a text missing one. */
import type { Language, LocalizedText } from '@ovi/domain/src/types';

export const LANGS: readonly Language[] = ['fi', 'sv', 'en'];

/** A problem for each empty language of a text, by field id (`<id>-fi` …). */
export function missingLanguages(id: string, value: LocalizedText, message: string): Record<string, string> {
  return Object.fromEntries(LANGS.filter((lang) => !value[lang].trim()).map((lang) => [`${id}-${lang}`, message]));
}

/** The errors of one LocalizedInputs from the form's problems. */
export function languageErrors(id: string, problems: Record<string, string>): Partial<Record<Language, string>> {
  return Object.fromEntries(LANGS.filter((lang) => problems[`${id}-${lang}`]).map((lang) => [lang, problems[`${id}-${lang}`]]));
}
