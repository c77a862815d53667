import { describe, expect, it } from 'vitest';
import { changeableUntil, residentMayChange, spansOverlap } from './bookingSafety';

const at = (iso: string) => new Date(iso);

describe('booking safety rules', () => {
  it('lets a resident change a visit until the notice starts', () => {
    const start = at('2025-05-10T09:00:00Z');
    expect(changeableUntil(start, 24).toISOString()).toBe('2025-05-09T09:00:00.000Z');
    expect(residentMayChange(start, 24, at('2025-05-09T08:59:59Z'))).toBe(true);
    expect(residentMayChange(start, 24, at('2025-05-09T09:00:00Z'))).toBe(true);
    expect(residentMayChange(start, 24, at('2025-05-09T09:00:01Z'))).toBe(false);
    expect(residentMayChange(start, 0, at('2025-05-10T08:59:00Z'))).toBe(true);
    expect(residentMayChange(new Date('x'), 24, at('2025-05-01T00:00:00Z'))).toBe(false);
  });

  it('treats visits that only touch as not overlapping', () => {
    const a = { start: at('2025-05-10T09:00:00Z'), end: at('2025-05-10T09:30:00Z') };
    expect(spansOverlap(a, { start: at('2025-05-10T09:30:00Z'), end: at('2025-05-10T10:00:00Z') })).toBe(false);
    expect(spansOverlap(a, { start: at('2025-05-10T09:29:00Z'), end: at('2025-05-10T10:00:00Z') })).toBe(true);
    expect(spansOverlap(a, { start: at('2025-05-10T08:00:00Z'), end: at('2025-05-10T11:00:00Z') })).toBe(true);
    expect(spansOverlap(a, { start: at('2025-05-10T08:00:00Z'), end: at('2025-05-10T09:00:00Z') })).toBe(false);
  });
});
