/**
 * Feedback is dated by month only (pure). The unit sees the month of the visit, never a day or a
 * time, so an answer cannot be matched with the day's appointment list; results are asked for
 * whole months, so two selections always differ by whole months (see `feedbackResults.ts`).
 */
import { toHelsinkiDate } from '../helsinkiTime';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?$/;

/** The month (`YYYY-MM`) of an instant in Finnish time. */
export function feedbackMonth(instant: Date): string {
  return toHelsinkiDate(instant).slice(0, 7);
}

/** `YYYY-MM` or a date `YYYY-MM-DD` → its month; undefined when neither. */
export function parseFeedbackMonth(text: string): string | undefined {
  const m = MONTH.exec(text);
  return m ? `${m[1]}-${m[2]}` : undefined;
}

