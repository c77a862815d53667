/** Turns any thrown error into an i18n key a person understands. */
import { ApiError } from '../api/client';

export function errorKey(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.status) {
      case 0:
        return 'errors.network';
      case 400:
        return 'errors.badRequest';
      case 401:
        return 'errors.unauthorized';
      case 403:
        return 'errors.forbidden';
      case 404:
        return 'errors.notFound';
      case 409:
      case 412:
        return 'errors.conflict';
      case 413:
        return 'errors.tooLarge';
      case 429:
        return 'errors.tooMany';
      default:
        return error.status >= 500 ? 'errors.server' : 'errors.generic';
    }
  }
  if (error instanceof Error && error.message === 'contact-questionnaire-missing') return 'errors.noQuestionnaire';
  return 'errors.generic';
}
