import { describe, expect, it } from 'vitest';
import { validateScheduleException } from './validateScheduleException';

const valid = { practitioner: 'Practitioner/pr-1', start: '2026-12-01T06:00:00Z', end: '2026-12-03T16:00:00Z', reason: 'absence' };

describe('validateScheduleException', () => {
  it('accepts a well-formed absence and normalises the instants', () => {
    const { exception, errors } = validateScheduleException({ ...valid, start: '2026-12-01T08:00:00+02:00', note: 'Koulutus' });
    expect(errors).toEqual([]);
    expect(exception?.start).toBe('2026-12-01T06:00:00.000Z');
    expect(exception?.note).toBe('Koulutus');
  });

  it.each([
    [{ ...valid, practitioner: 'Patient/x' }, 'practitioner'],
    [{ ...valid, start: 'tomorrow' }, 'start'],
    [{ ...valid, end: '2026-11-30T00:00:00Z' }, 'end: must be after start'],
    [{ ...valid, end: '2028-12-01T00:00:00Z' }, 'at most 366 days'],
    [{ ...valid, reason: 'holiday' }, 'reason'],
    [{ ...valid, note: 'x'.repeat(501) }, 'note'],
    [{ ...valid, colour: 'red' }, 'colour: unknown property'],
  ])('rejects %j', (value, message) => {
    const { exception, errors } = validateScheduleException(value);
    expect(exception).toBeUndefined();
    expect(errors.join('; ')).toContain(message);
  });

  it('rejects non-objects', () => {
    expect(validateScheduleException([]).errors).toEqual(['must be an object']);
    expect(validateScheduleException(null).errors).toEqual(['must be an object']);
  });
});
