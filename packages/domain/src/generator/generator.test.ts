import { describe, expect, it } from 'vitest';
import { ageBandOf, contactRateByAge, drawAge, FINNISH_AGE_BANDS } from './ageStructure';
import {
  drawAssessmentMinutes, drawChannel, drawOutcome, drawUrgency, drawVisitFate, drawVisitProfession, drawWaitDays,
} from './contactChoices';
import { contactsPerDay, dayFactor, drawMinuteOfDay, isoWeekday, MONTH_FACTORS, WEEKDAY_FACTORS } from './seasonality';
import { seededRandom } from './random';

const N = 50_000;
const share = <T>(items: T[], keep: (t: T) => boolean) => items.filter(keep).length / items.length;

describe('seeded random', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = seededRandom(1), b = seededRandom(1), c = seededRandom(2);
    const seq = (r: typeof a) => Array.from({ length: 5 }, () => r.next());
    expect(seq(a)).toEqual(seq(b));
    expect(seq(seededRandom(1))).not.toEqual(seq(c));
  });

  it('stays in [0, 1) and draws whole numbers and weights in proportion', () => {
    const r = seededRandom(7);
    const xs = Array.from({ length: N }, () => r.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const ints = Array.from({ length: 1000 }, () => r.int(3));
    expect(new Set(ints)).toEqual(new Set([0, 1, 2]));
    const picks = Array.from({ length: N }, () => r.weighted({ a: 1, b: 3 }));
    expect(share(picks, (p) => p === 'b')).toBeCloseTo(0.75, 1);
    expect(r.weighted({ only: 0, x: 0, last: 0 })).toBe('last');
    expect(() => r.pick([])).toThrow();
    const waits = Array.from({ length: N }, () => r.exponential(7));
    expect(waits.reduce((s, x) => s + x, 0) / N).toBeCloseTo(7, 0);
  });
});

describe('age structure', () => {
  it('sums to 100 per cent over contiguous bands from 0 to 99', () => {
    expect(FINNISH_AGE_BANDS.reduce((s, b) => s + b.percent, 0)).toBeCloseTo(100, 5);
    FINNISH_AGE_BANDS.forEach((b, i) => {
      if (i > 0) expect(b.from).toBe(FINNISH_AGE_BANDS[i - 1]!.to + 1);
    });
    expect(FINNISH_AGE_BANDS[0]!.from).toBe(0);
  });

  it('draws ages whose band shares match the table within half a percentage point', () => {
    const r = seededRandom(3);
    const ages = Array.from({ length: N }, () => drawAge(r));
    for (const band of FINNISH_AGE_BANDS) {
      expect(Math.abs(share(ages, (a) => a >= band.from && a <= band.to) * 100 - band.percent)).toBeLessThan(0.5);
    }
    // Statistics Finland 2023: about 23 % are 65 or older, about 15 % under 15.
    expect(share(ages, (a) => a >= 65)).toBeCloseTo(0.239, 1);
    expect(share(ages, (a) => a < 15)).toBeCloseTo(0.151, 1);
  });

  it('finds the band of an age, the last one past the table', () => {
    expect(ageBandOf(0).from).toBe(0);
    expect(ageBandOf(47)).toMatchObject({ from: 45, to: 49 });
    expect(ageBandOf(104).from).toBe(90);
  });

  it('gives small children and the oldest more contacts than school children', () => {
    expect(contactRateByAge(2)).toBeGreaterThan(contactRateByAge(10));
    expect(contactRateByAge(90)).toBeGreaterThan(contactRateByAge(70));
    expect(contactRateByAge(70)).toBeGreaterThan(contactRateByAge(50));
    expect(contactRateByAge(50)).toBe(1);
  });
});

describe('seasonality', () => {
  const days = (from: string, n: number) => Array.from({ length: n }, (_, i) => new Date(Date.parse(from) + i * 86_400_000));

  it('peaks in winter, dips in summer, peaks on Mondays', () => {
    expect(Math.max(...MONTH_FACTORS)).toBe(MONTH_FACTORS[0]);
    expect(Math.min(...MONTH_FACTORS)).toBe(MONTH_FACTORS[6]);
    expect(Math.max(...WEEKDAY_FACTORS)).toBe(WEEKDAY_FACTORS[0]);
    expect(isoWeekday(new Date('2026-11-30T00:00:00Z'))).toBe(0); // a Monday
    expect(isoWeekday(new Date('2026-11-29T00:00:00Z'))).toBe(6);
    expect(dayFactor(new Date('2026-01-05T00:00:00Z'))).toBeGreaterThan(dayFactor(new Date('2026-07-06T00:00:00Z')));
  });

  it('spreads a total over days exactly, in proportion to the day factors', () => {
    const year = days('2026-01-01T00:00:00Z', 365);
    const counts = contactsPerDay(year, 100_000);
    expect(counts.reduce((s, n) => s + n, 0)).toBe(100_000);
    const month = (m: number) => counts.filter((_, i) => year[i]!.getUTCMonth() === m).reduce((s, n) => s + n, 0);
    expect(month(0) / month(6)).toBeGreaterThan(1.7);
    const mondays = counts.filter((_, i) => isoWeekday(year[i]!) === 0).reduce((s, n) => s + n, 0);
    const fridays = counts.filter((_, i) => isoWeekday(year[i]!) === 4).reduce((s, n) => s + n, 0);
    // 1.45 / 0.86 on ordinary weeks; holidays (Good Friday, Easter Monday …) move it a little.
    expect(mondays / fridays).toBeGreaterThan(1.55);
    expect(mondays / fridays).toBeLessThan(1.85);
    expect(contactsPerDay(year, 0).every((n) => n === 0)).toBe(true);
    expect(contactsPerDay(days('2026-01-05T00:00:00Z', 3), 2).reduce((s, n) => s + n, 0)).toBe(2);
  });

  it('puts weekday contacts mostly in office hours and weekend ones in waking hours', () => {
    const r = seededRandom(5);
    const weekday = Array.from({ length: N }, () => drawMinuteOfDay(r, false));
    expect(share(weekday, (m) => m >= 8 * 60 && m < 16 * 60)).toBeGreaterThan(0.7);
    expect(weekday.every((m) => m >= 0 && m < 1440)).toBe(true);
    const weekend = Array.from({ length: 1000 }, () => drawMinuteOfDay(r, true));
    expect(weekend.every((m) => m >= 8 * 60 && m < 22 * 60)).toBe(true);
  });
});

describe('contact choices', () => {
  it('mixes channels by age: mostly phone, the oldest less digital', () => {
    const r = seededRandom(11);
    const adults = Array.from({ length: N }, () => drawChannel(r, 45));
    expect(share(adults, (c) => c === 'phone')).toBeCloseTo(0.5, 1);
    expect(share(adults, (c) => c === 'web-form')).toBeCloseTo(0.3, 1);
    const digital = (age: number) => share(Array.from({ length: N }, () => drawChannel(r, age)), (c) => c !== 'phone' && c !== 'walk-in');
    expect(digital(25)).toBeGreaterThan(digital(50));
    expect(digital(50)).toBeGreaterThan(digital(85));
  });

  it('draws urgencies in the assumed mix and outcomes that fit the urgency', () => {
    const r = seededRandom(13);
    const urgencies = Array.from({ length: N }, () => drawUrgency(r, 40));
    expect(share(urgencies, (u) => u === 'non-urgent')).toBeCloseTo(0.62, 1);
    expect(share(urgencies, (u) => u === 'urgent')).toBeCloseTo(0.14, 1);
    expect(share(Array.from({ length: N }, () => drawUrgency(r, 85)), (u) => u === 'urgent')).toBeGreaterThan(0.17);
    const selfCare = Array.from({ length: 5000 }, () => drawOutcome(r, 'self-care'));
    expect(selfCare.every((o) => o === 'self-care' || o === 'solved')).toBe(true);
    const emergent = Array.from({ length: 5000 }, () => drawOutcome(r, 'emergent'));
    expect(share(emergent, (o) => o === 'emergency')).toBeCloseTo(0.88, 1);
    expect(share(Array.from({ length: N }, () => drawOutcome(r, 'non-urgent')), (o) => o === 'booked')).toBeCloseTo(0.42, 1);
  });

  it('books children mostly to the public health nurse and others to the team', () => {
    const r = seededRandom(17);
    expect(share(Array.from({ length: 5000 }, () => drawVisitProfession(r, 3)), (p) => p === 'public-health-nurse')).toBeGreaterThan(0.5);
    expect(Array.from({ length: 5000 }, () => drawVisitProfession(r, 40)).includes('public-health-nurse')).toBe(false);
    const fates = Array.from({ length: N }, () => drawVisitFate(r));
    expect(share(fates, (f) => f === 'fulfilled')).toBeCloseTo(0.88, 1);
    expect(share(fates, (f) => f === 'cancelled')).toBeCloseTo(0.08, 1);
  });

  it('waits: urgent the same or next day, non-urgent longer when demand is high, at most 90 days', () => {
    const r = seededRandom(19);
    expect(drawWaitDays(r, 'emergent', 1)).toBe(0);
    expect(Array.from({ length: 1000 }, () => drawWaitDays(r, 'urgent', 1.2)).every((d) => d <= 1)).toBe(true);
    const mean = (f: number) => Array.from({ length: N }, () => drawWaitDays(r, 'non-urgent', f)).reduce((s, d) => s + d, 0) / N;
    expect(mean(1.2)).toBeGreaterThan(mean(0.7));
    expect(Array.from({ length: N }, () => drawWaitDays(r, 'non-urgent', 3)).every((d) => d <= 90)).toBe(true);
    expect(drawAssessmentMinutes(r, 'emergent')).toBeLessThanOrEqual(10);
    expect(Array.from({ length: 1000 }, () => drawAssessmentMinutes(r, 'urgent')).every((m) => m < 60)).toBe(true);
  });
});

describe('holidays and feedback', () => {
  it('treats a weekday holiday like a Sunday and moves weekend phone contacts to writing', async () => {
    const { isClosedDay } = await import('./seasonality');
    const { weekendChannel, drawRecommend, HILMO_CONTACT_MODE } = await import('./contactChoices');
    const christmas = new Date('2026-12-24T00:00:00Z'); // Thursday, Christmas Eve
    expect(isClosedDay(christmas)).toBe(true);
    expect(dayFactor(christmas)).toBeCloseTo(MONTH_FACTORS[11]! * WEEKDAY_FACTORS[6]!, 5);
    const r = seededRandom(23);
    expect(['web-form', 'message']).toContain(weekendChannel('phone', r));
    expect(weekendChannel('chat', r)).toBe('chat');
    expect(HILMO_CONTACT_MODE.phone.code).toBe('R52');
    expect(HILMO_CONTACT_MODE['web-form'].code).toBe('R56');
    expect(HILMO_CONTACT_MODE['walk-in'].code).toBe('R10');
    const scores = Array.from({ length: 5000 }, () => drawRecommend(r));
    expect(scores.every((s) => Number.isInteger(s) && s >= 0 && s <= 10)).toBe(true);
    expect(share(scores, (s) => s >= 9)).toBeGreaterThan(0.45);
  });
});
