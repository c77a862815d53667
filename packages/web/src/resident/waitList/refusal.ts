import { parseLocalizedJson } from '../../api/appointment.resource';
import { ApiError } from '../../api/client';
import { pickText } from '../../api/fhir';
import type { Language } from '@ovi/domain/src/types';

/** The server's own words of a 409 (in the reader's language when it gives them), else undefined. */
export function refusalText(error: unknown, lang: Language): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const message = error.issues[0]?.message;
  const localized = parseLocalizedJson(message);
  return localized ? pickText(localized, lang) : message;
}
