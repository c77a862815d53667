/** i18next with Finnish as the default; the choice is remembered and mirrored to <html lang>. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '@ovi/domain/src/types';

type Bundle = Record<string, unknown>;

/**
 * Each language is its own chunk, fetched when chosen: the first page carries one language's
 * texts, not three (the three together were a fifth of the login page's bytes).
 */
const BUNDLES: Record<Language, () => Promise<{ default: Bundle }>> = {
  fi: () => import('./fi.json'),
  sv: () => import('./sv.json'),
  en: () => import('./en.json'),
};

async function ensureLoaded(lang: Language): Promise<void> {
  if (i18n.hasResourceBundle(lang, 'translation')) return;
  i18n.addResourceBundle(lang, 'translation', (await BUNDLES[lang]()).default, true, true);
}

/** Loads a language's texts without switching to it (e.g. to preview a form in another language). */
export const loadLanguage = ensureLoaded;

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
  await ensureLoaded(lang);
  await i18n.changeLanguage(lang);
}

i18n.on('languageChanged', (lang) => {
  document.documentElement.lang = lang;
});

export async function setUpI18n(): Promise<void> {
  const lng = storedLanguage();
  const texts = (await BUNDLES[lng]()).default;
  await i18n.use(initReactI18next).init({
    resources: { [lng]: { translation: texts } },
    lng,
    // The three files hold the same keys (checked in the tests), so no other language is needed as a fallback.
    fallbackLng: false,
    supportedLngs: LANGUAGES,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
}

export default i18n;
