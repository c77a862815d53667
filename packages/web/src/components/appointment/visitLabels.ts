/** Names of visit types and ways of meeting, in the reader's language. */
import type { TFunction } from 'i18next';
import { defaultVisitTypes } from '@ovi/domain/src/defaultVisitTypes';
import type { Language } from '@ovi/domain/src/types';

/** The region's visit types are data; the demo defaults name the codes the server uses. */
export function visitTypeLabel(code: string | undefined, lang: Language): string {
  if (!code) return '';
  const known = defaultVisitTypes.find((v) => v.code === code);
  return known ? known.label[lang] || known.label.fi : code;
}

/** "Käynti paikan päällä / Puhelu"; no modes = any. */
export function modesText(modes: string[], t: TFunction): string {
  if (modes.length === 0) return t('visitMode.any');
  return modes.map((m) => t(`visitMode.${m}`, { defaultValue: m })).join(' / ');
}

/** "klo 9.00–9.30" */
export function timeRangeText(from: string, to: string, t: TFunction): string {
  return to ? t('appointment.time', { from, to }) : from;
}
