import type { ScheduleException } from './scheduleTemplate';

const REASONS = ['absence', 'training', 'other'] as const;
const MAX_DAYS = 366;

/** Checks an absence or training period of a professional; messages name the field. */
export function validateScheduleException(value: unknown): { exception?: ScheduleException; errors: string[] } {
  const errors: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { errors: ['must be an object'] };
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) if (!['practitioner', 'start', 'end', 'reason', 'note'].includes(key)) errors.push(`${key}: unknown property`);
  if (typeof v.practitioner !== 'string' || !/^Practitioner\/[A-Za-z0-9\-.]{1,64}$/.test(v.practitioner)) errors.push('practitioner: must be Practitioner/<id>');
  const start = typeof v.start === 'string' ? Date.parse(v.start) : Number.NaN;
  const end = typeof v.end === 'string' ? Date.parse(v.end) : Number.NaN;
  if (Number.isNaN(start)) errors.push('start: must be a date and time');
  if (Number.isNaN(end)) errors.push('end: must be a date and time');
  if (!Number.isNaN(start) && !Number.isNaN(end)) {
    if (end <= start) errors.push('end: must be after start');
    else if (end - start > MAX_DAYS * 86_400_000) errors.push(`end: a period may be at most ${MAX_DAYS} days`);
  }
  if (!REASONS.includes(v.reason as (typeof REASONS)[number])) errors.push(`reason: must be one of ${REASONS.join(', ')}`);
  if (v.note !== undefined && (typeof v.note !== 'string' || v.note.length > 500)) errors.push('note: must be text of at most 500 characters');
  if (errors.length > 0) return { errors };
  return {
    exception: {
      practitioner: v.practitioner as string,
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      reason: v.reason as ScheduleException['reason'],
      ...(typeof v.note === 'string' ? { note: v.note } : {}),
    },
    errors,
  };
}
