import { useTranslation } from 'react-i18next';
import type { Language } from '@ovi/domain/src/types';

/** The interface language, re-rendering the caller when it changes. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return lang === 'sv' || lang === 'en' ? lang : 'fi';
}
