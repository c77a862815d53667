/**
 * Which version of a questionnaire a response is checked against. A resident who opened the form
 * before an administrator saved a new version answered the one they saw: that version is kept
 * while it was in force within the last day (a form left open overnight still sends). A version
 * replaced longer ago is stale, and the response is checked against the current one.
 */
export const ANSWERED_VERSION_KEPT_MS = 24 * 60 * 60 * 1000;

export interface NamedVersion<Q> {
  questionnaire: Q;
  /** When the next version replaced it; absent for the current version. */
  supersededAt?: Date;
}

export function questionnaireToCheck<Q>(current: Q, named: NamedVersion<Q> | undefined, now: Date): Q {
  if (!named) return current;
  if (!named.supersededAt) return named.questionnaire;
  return now.getTime() - named.supersededAt.getTime() <= ANSWERED_VERSION_KEPT_MS ? named.questionnaire : current;
}
