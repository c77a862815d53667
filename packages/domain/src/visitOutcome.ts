/**
 * Whether a professional may record how a booked visit went: realised (`fulfilled`), the client
 * did not come (`noshow`), or it did not take place for another reason (`cancelled`, with the
 * reason). Realised and not-come are facts only once the visit has begun, so they wait for its
 * start time; a cancellation may be recorded at any time. Recording the same outcome again
 * changes nothing (a second click, a retried request); a different one after an outcome is a
 * conflict: the first record stands and is corrected, if ever, by someone looking at both.
 */
export const VISIT_OUTCOMES = ['fulfilled', 'noshow', 'cancelled'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

/** Statuses from which an outcome may be recorded: the visit is still on the books. */
const ON_THE_BOOKS = ['booked', 'arrived', 'checked-in'];
/** Statuses that are themselves an outcome. */
const FINAL = ['fulfilled', 'noshow', 'cancelled', 'entered-in-error'];

export const MAX_OUTCOME_REASON = 500;

export type OutcomeRefusal = 'not-started' | 'already-other' | 'not-booked' | 'reason-required' | 'reason-too-long';

export type OutcomeDecision = { kind: 'record' } | { kind: 'unchanged' } | { kind: 'refused'; why: OutcomeRefusal };

export const isVisitOutcome = (value: unknown): value is VisitOutcome => typeof value === 'string' && (VISIT_OUTCOMES as readonly string[]).includes(value);

export function decideVisitOutcome(visit: { status: string; start?: string }, outcome: VisitOutcome, reason: string | undefined, now: Date): OutcomeDecision {
  if (visit.status === outcome) return { kind: 'unchanged' };
  if (FINAL.includes(visit.status)) return { kind: 'refused', why: 'already-other' };
  if (!ON_THE_BOOKS.includes(visit.status)) return { kind: 'refused', why: 'not-booked' };
  const text = reason?.trim() ?? '';
  if (text.length > MAX_OUTCOME_REASON) return { kind: 'refused', why: 'reason-too-long' };
  if (outcome === 'cancelled') return text ? { kind: 'record' } : { kind: 'refused', why: 'reason-required' };
  const start = Date.parse(visit.start ?? '');
  if (Number.isNaN(start) || now.getTime() < start) return { kind: 'refused', why: 'not-started' };
  return { kind: 'record' };
}

/** Who recorded the outcome and when, on the Appointment (FHIR has no field for either). */
export const VISIT_OUTCOME_EXTENSIONS = {
  recordedBy: 'https://fhir.ovi.fi/StructureDefinition/visit-outcome-recorded-by',
  recordedAt: 'https://fhir.ovi.fi/StructureDefinition/visit-outcome-recorded-at',
} as const;
