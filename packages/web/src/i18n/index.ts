/** i18next with Finnish as the default; the choice is remembered and mirrored to <html lang>. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '@ovi/domain/src/types';
import fi from './fi.json';
import sv from './sv.json';
import en from './en.json';

export const LANGUAGES: readonly Language[] = ['fi', 'sv', 'en'];
const STORAGE_KEY = 'ovi.language';

function isLanguage(value: string | null | undefined): value is Language {
  return value === 'fi' || value === 'sv' || value === 'en';
}

function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : 'fi';
  } catch {
    return 'fi';
  }
}

export function currentLanguage(): Language {
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(lang) ? lang : 'fi';
}

export async function changeLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  await i18n.changeLanguage(lang);
}

i18n.on('languageChanged', (lang) => {
  document.documentElement.lang = lang;
});

export async function setUpI18n(): Promise<void> {
  const lng = storedLanguage();
  await i18n.use(initReactI18next).init({
    resources: { fi: { translation: fi }, sv: { translation: sv }, en: { translation: en } },
    lng,
    fallbackLng: 'fi',
    supportedLngs: LANGUAGES,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
}

export default i18n;
