/** Hours and minutes in Helsinki time, as a chat shows them. */
import type { Language } from '@ovi/domain/src/types';

const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export function formatTime(iso: string, lang: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleTimeString(LOCALES[lang], { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Helsinki' });
}
